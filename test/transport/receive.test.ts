/**
 * How a PROPFIND answer is read (issues 18.1 and 19): a body that is large or of unknown length is
 * decoded as it arrives, with the same results as the buffered decoder; the size limits apply there,
 * and `maxBodySize` only when the user sets it; a small body with a Content-Length is read whole.
 * The answers come from an injected `fetch`, so the body's framing (Content-Length or not) is exact.
 */
import { describe, expect, it } from 'vitest';
import { createClient } from '../../src/client/create-client.ts';
import { isDavBodyTooLargeError, isDavParseError } from '../../src/errors/guards.ts';
import { toEntry } from '../../src/files/entry.ts';
import { decodeMultiStatus } from '../../src/multistatus/decode.ts';
import { INCREMENTAL_FROM, readsIncrementally } from '../../src/transport/incremental.ts';
import { observedClient } from '../helpers/clients.ts';
import { FIXTURE_NAMES, fixture } from '../multistatus/fixture-files.ts';
import { apacheListing } from '../stream/apache-listing.ts';

const BASE = 'https://dav.test/root/';
const encoder = new TextEncoder();

/** A 207 whose body arrives in `size`-byte chunks, with or without a Content-Length. */
function answer(text: string, options: { length: boolean; size?: number }): Response {
  const bytes = encoder.encode(text);
  const size = options.size ?? 4096;
  let at = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (at >= bytes.length) {
        controller.close();
      } else {
        controller.enqueue(bytes.slice(at, at + size));
        at += size;
      }
    },
  });
  const headers: Record<string, string> = { 'content-type': 'application/xml; charset=utf-8' };
  if (options.length) {
    headers['content-length'] = String(bytes.length);
  }
  return new Response(body, { status: 207, headers });
}

async function outcome(promise: Promise<unknown>): Promise<unknown> {
  return promise.catch((error: unknown) => error);
}

const MULTISTATUS_FIXTURES = FIXTURE_NAMES.filter((name) => {
  try {
    decodeMultiStatus(fixture(name));
    return !name.includes('propname');
  } catch {
    return false;
  }
});

describe('read whole or as it arrives: the same results', () => {
  it.each(MULTISTATUS_FIXTURES)('%s', async (name) => {
    const text = fixture(name);
    const results = [];
    for (const length of [true, false]) {
      for (const size of [1, 7, 65_536]) {
        const { dav } = observedClient(() => answer(text, { length, size }));
        results.push(await dav.propfind('/list/'));
      }
    }
    const expected = decodeMultiStatus(text, { baseUrl: BASE, requestUrl: `${BASE}list/` });
    for (const result of results) {
      expect(result).toStrictEqual(expected);
    }
  });

  it('a malformed body is a DavParseError either way', async () => {
    for (const length of [true, false]) {
      const { dav } = observedClient(() => answer('<html><body>Sign in</body></html>', { length }));
      expect(isDavParseError(await outcome(dav.propfind('/')))).toBe(true);
    }
  });

  it('list() and stat() without a Content-Length: the entries of the buffered decode', async () => {
    const listing = apacheListing(10_000, '/root/big/');
    const { dav } = observedClient(() => answer(listing, { length: false, size: 16_384 }));
    const buffered = decodeMultiStatus(listing, { baseUrl: BASE }).responses.map((r) =>
      toEntry(r, new URL(BASE)),
    );
    expect(await dav.list('/big/')).toStrictEqual(buffered.slice(1));
    expect(await dav.stat('/big/')).toStrictEqual(buffered[0]);
    // Three decodes of a 10,000-entry body: ~4 s alone, more on a loaded machine.
  }, 60_000);
});

describe('which answers are read as they arrive', () => {
  it('no Content-Length, or one above 256 KiB', () => {
    const withLength = (length: string | undefined) =>
      new Response('', { headers: length === undefined ? {} : { 'content-length': length } });
    expect(readsIncrementally(withLength(undefined))).toBe(true);
    expect(readsIncrementally(withLength(String(INCREMENTAL_FROM + 1)))).toBe(true);
    expect(readsIncrementally(withLength(String(INCREMENTAL_FROM)))).toBe(false);
    expect(readsIncrementally(withLength('120'))).toBe(false);
    expect(readsIncrementally(withLength('not a number'))).toBe(true);
  });

  // One response of ~3 KB: over a maxResponseSize of 2 KiB.
  const big = apacheListing(1, '/root/x/').replace(
    '<D:getcontenttype>',
    `<D:getcontenttype>${' '.repeat(3000)}`,
  );

  it('the size limits apply to a body read as it arrives, with its name, value and option', async () => {
    const { dav } = observedClient(() => answer(big, { length: false }), {
      limits: { maxResponseSize: 2048 },
    });
    const error = await outcome(dav.propfind('/x/'));
    expect(isDavBodyTooLargeError(error) && [error.limitName, error.limit, error.method, error.url]).toEqual([
      'maxResponseSize',
      2048,
      'PROPFIND',
      `${BASE}x/`,
    ]);
    expect((error as Error).message).toBe(
      `[PROPFIND] "${BASE}x/": one DAV:response exceeds 2048 characters, the maxResponseSize limit (raise it with the limits.maxResponseSize option)`,
    );
  });

  it('a small body with a Content-Length is read whole: the size limits of incremental reads do not apply', async () => {
    const { dav } = observedClient(() => answer(big, { length: true }), {
      limits: { maxResponseSize: 2048 },
    });
    expect((await dav.propfind('/x/')).responses).toHaveLength(2);
  });

  it('maxTextSize bounds one text node', async () => {
    const { dav } = observedClient(() => answer(big, { length: false }), { limits: { maxTextSize: 1000 } });
    const error = await outcome(dav.propfind('/x/'));
    expect(isDavBodyTooLargeError(error) && [error.limitName, error.limit]).toEqual(['maxTextSize', 1000]);
  });

  it('maxBodySize applies to a body read as it arrives only when it is set', async () => {
    const listing = apacheListing(200, '/root/big/'); // ~200 KB
    const unset = observedClient(() => answer(listing, { length: false }));
    expect(await unset.dav.list('/big/')).toHaveLength(200);
    const set = observedClient(() => answer(listing, { length: false }), { maxBodySize: 50_000 });
    const error = await outcome(set.dav.list('/big/'));
    expect(isDavBodyTooLargeError(error) && [error.limitName, error.limit]).toEqual(['maxBodySize', 50_000]);
  });

  it("a batch's PROPFIND steps are read the same way", async () => {
    const { dav } = observedClient(() => answer(big, { length: false }), {
      limits: { maxResponseSize: 2048 },
    });
    const batch = dav.batch();
    batch.propfind('/x/');
    const [step] = (await batch.run()).steps;
    expect(step?.kind === 'failure' && step.error).toEqual({
      kind: 'too-large',
      limit: 2048,
      limitName: 'maxResponseSize',
    });
  });

  it('limits must be positive numbers', () => {
    for (const limits of [{ maxResponseSize: 0 }, { maxTextSize: -1 }, { maxTextSize: Number.NaN }]) {
      expect(() => createClient({ baseUrl: BASE, limits })).toThrow(
        /limits\.max\w+ must be a whole number of at least 1/,
      );
    }
  });
});

describe('the main thread', () => {
  it('list() of a long listing hands control back to the event loop while it decodes', async () => {
    // Already all there (one chunk): without pacing, the decode would be one long task.
    const listing = apacheListing(10_000, '/root/big/');
    const { dav } = observedClient(() => answer(listing, { length: false, size: listing.length * 3 }));
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 0);
    try {
      expect(await dav.list('/big/')).toHaveLength(10_000);
    } finally {
      clearInterval(ticker);
    }
    expect(ticks).toBeGreaterThan(1);
  }, 60_000);
});
