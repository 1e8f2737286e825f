/**
 * Body limits against real Apache (issue 19), with a big dead property Apache really stores and
 * serves: a 600,000-character value comes chunked (decoded as it arrives, where `limits` applies), a
 * 2,000-character one with a Content-Length (read whole, where `maxBodySize` applies). Each limit
 * refuses when set below what the answer holds, naming itself, and the defaults let both through.
 * (test/faults/huge-bodies.test.ts sends a 400 MiB property, which no real server does on demand.)
 */
import { describe, expect, it } from 'vitest';
import { createClient } from '../../src/client/create-client.ts';
import { isDavBodyTooLargeError } from '../../src/errors/guards.ts';
import type { PropStatResponse } from '../../src/model/multistatus.ts';
import type { XmlElement } from '../../src/model/xml-element.ts';
import { failure, scratch } from '../helpers/interop.ts';

const NOTES = '{urn:davkit:test}notes';

/** A collection holding `a.txt` with a dead property of `size` characters. */
async function withNotes(size: number): Promise<string> {
  const s = await scratch('apache', 'limits');
  await s.seed('a.txt', 'x');
  await s.dav.proppatch('/a.txt', { set: { [NOTES]: 'n'.repeat(size) } });
  return s.dir.url;
}

function notesOf(response: PropStatResponse | undefined): number | undefined {
  return (response?.propstats[0]?.props[NOTES] as XmlElement | undefined)?.text.length;
}

function limitOf(error: unknown): unknown {
  return isDavBodyTooLargeError(error) ? [error.limitName, error.limit] : error;
}

describe('Apache: a 600,000-character dead property, in a chunked answer (decoded as it arrives)', () => {
  it('is listed under default limits, whole', async () => {
    const dav = createClient({ baseUrl: await withNotes(600_000) });
    const [entry] = await dav.list('/');
    expect((entry?.props[NOTES] as XmlElement | undefined)?.text).toBe('n'.repeat(600_000));
  });

  it('is refused by a lower maxTextSize, a lower maxResponseSize, or a maxBodySize the user set', async () => {
    const url = await withNotes(600_000);
    const cases = [
      [{ limits: { maxTextSize: 256 * 1024 } }, ['maxTextSize', 256 * 1024]],
      [{ limits: { maxResponseSize: 256 * 1024 } }, ['maxResponseSize', 256 * 1024]],
      [{ maxBodySize: 256 * 1024 }, ['maxBodySize', 256 * 1024]],
    ] as const;
    for (const [options, expected] of cases) {
      const dav = createClient({ baseUrl: url, ...options });
      expect(limitOf(await failure(dav.list('/')))).toEqual(expected);
    }
  });
});

describe('Apache: a 2,000-character dead property, in an answer with a Content-Length (read whole)', () => {
  it('is read whole: the incremental limits do not apply, maxBodySize does', async () => {
    const url = await withNotes(2_000);
    const lenient = createClient({ baseUrl: url, limits: { maxTextSize: 1_000, maxResponseSize: 1_000 } });
    const ms = await lenient.propfind('/a.txt', { depth: 0, props: [NOTES] });
    expect(notesOf(ms.responses[0] as PropStatResponse)).toBe(2_000);
    const strict = createClient({ baseUrl: url, maxBodySize: 1_000 });
    expect(limitOf(await failure(strict.propfind('/a.txt', { depth: 0, props: [NOTES] })))).toEqual([
      'maxBodySize',
      1_000,
    ]);
  });
});
