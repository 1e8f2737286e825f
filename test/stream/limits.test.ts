/**
 * `davkit/stream` honours body limits (issues 19 and 11.3): what it holds at once (`limits`), and the
 * total when one is set (`maxBodySize` of `decodeMultiStatusStream`, the client's `maxBodySize` for
 * `streamPropfind`). By default a body of any length streams through. The responses that closed
 * before a limit was hit are yielded first, as before a parse error.
 */
import { describe, expect, it } from 'vitest';
import { isDavBodyTooLargeError } from '../../src/errors/guards.ts';
import { streamPropfind } from '../../src/stream/index.ts';
import { observedClient } from '../helpers/clients.ts';
import { apacheListing } from './apache-listing.ts';
import { asAsync, cut, streamOutcome, utf8 } from './stream-helpers.ts';

const LISTING = apacheListing(100, '/root/big/'); // ~100 KB

function limitOf(outcome: Awaited<ReturnType<typeof streamOutcome>>): unknown {
  const error = outcome.ok ? undefined : outcome.error;
  return isDavBodyTooLargeError(error) ? [error.limitName, error.limit] : error;
}

describe('decodeMultiStatusStream', () => {
  it('maxBodySize: none by default; when set, counted in bytes (or characters for strings)', async () => {
    expect((await streamOutcome(asAsync(cut(utf8(LISTING), [4096])))).responses).toHaveLength(101);
    for (const body of [asAsync(cut(utf8(LISTING), [4096])), asAsync(cut(LISTING, [4096]))]) {
      const outcome = await streamOutcome(body, { maxBodySize: 50_000 });
      expect(limitOf(outcome)).toEqual(['maxBodySize', 50_000]);
      // What closed within the first 50,000 units came out before the error.
      expect(outcome.responses.length).toBeGreaterThan(10);
    }
  });

  it('limits: one response, one text node', async () => {
    const big = LISTING.replace('<D:getcontenttype>text/plain', `<D:getcontenttype>${'t'.repeat(5000)}`);
    const text = await streamOutcome(asAsync(cut(big, [1000])), {
      limits: { maxDepth: 128, maxTextSize: 4096 },
    });
    expect(limitOf(text)).toEqual(['maxTextSize', 4096]);
    expect(text.responses).toHaveLength(1); // the collection's own response, before the big one
    const response = await streamOutcome(asAsync(cut(big, [1000])), {
      limits: { maxDepth: 128, maxResponseSize: 4096 },
    });
    expect(limitOf(response)).toEqual(['maxResponseSize', 4096]);
  });
});

describe('streamPropfind', () => {
  const answer = () =>
    new Response(LISTING, { status: 207, headers: { 'content-type': 'application/xml; charset=utf-8' } });

  it("the client's maxBodySize applies when the user set it, and its limits", async () => {
    const collect = async (options: Parameters<typeof observedClient>[1]) => {
      const { dav } = observedClient(answer, options);
      let count = 0;
      try {
        for await (const _ of streamPropfind(dav, '/big/')) {
          count++;
        }
      } catch (error) {
        return isDavBodyTooLargeError(error) ? [error.limitName, error.limit, error.method] : error;
      }
      return count;
    };
    expect(await collect({})).toBe(101);
    expect(await collect({ maxBodySize: 50_000 })).toEqual(['maxBodySize', 50_000, 'PROPFIND']);
    expect(await collect({ limits: { maxResponseSize: 1000 } })).toEqual([
      'maxResponseSize',
      1000,
      'PROPFIND',
    ]);
  });
});
