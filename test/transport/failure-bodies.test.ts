/**
 * Failure bodies are read with a small cap and truncated (issue 11.3): a 500 or 404 with a 2 MB page
 * (or one that never ends) is a `DavHttpError` with its status, never a `DavBodyTooLargeError` that
 * hides it, and `exists()` is `false` on a 404 whatever the body size. A hostile in-process server
 * sends the pages over real sockets. (The `davkit/stream` success-path limits belong to issue 19.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DavClient } from '../../src/client/client.ts';
import { createClient } from '../../src/client/create-client.ts';
import { isDavBodyTooLargeError, isDavHttpError } from '../../src/errors/guards.ts';
import { streamPropfind } from '../../src/stream/index.ts';
import { FAILURE_BODY_LIMIT } from '../../src/transport/read-body.ts';
import { type HostileServer, startHostileServer } from '../helpers/hostile-server.ts';

let hostile: HostileServer;
beforeAll(async () => {
  hostile = await startHostileServer();
});
afterAll(() => hostile.close());

const settle = (promise: Promise<unknown>) =>
  promise.then(
    (value) => value,
    (error: unknown) => error,
  );

async function drain(stream: AsyncIterable<unknown>): Promise<void> {
  for await (const _ of stream) {
    // read to the end
  }
}

/** Every way a client reads a failed answer. */
const READERS: [string, (dav: DavClient, path: string) => Promise<unknown>][] = [
  ['propfind', (dav, path) => dav.propfind(path, { depth: 0 })],
  ['delete', (dav, path) => dav.delete(path)],
  ['put', (dav, path) => dav.put(path, 'x')],
  ['get', (dav, path) => dav.get(path)],
  ['getText', (dav, path) => dav.getText(path)],
  ['getBytes', (dav, path) => dav.getBytes(path)],
  ['stat', (dav, path) => dav.stat(path)],
  [
    'a batch step',
    async (dav, path) => {
      const batch = dav.batch();
      batch.put(path, 'x', { id: 'p' });
      return (await batch.run()).step('p'); // a StepFailure: plain data with the status
    },
  ],
  ['streamPropfind', (dav, path) => drain(streamPropfind(dav, path, { depth: 0 }))],
];

describe.each([
  ['a 500 with a 2 MB page (Content-Length declared)', '/huge-500/a.txt', 500],
  ['a 404 with a 2 MB chunked page', '/huge-404/a.txt', 404],
  ['a 404 whose body never ends', '/endless-404/a.txt', 404],
])('%s', (_what, path, status) => {
  it.each(READERS)('%s: DavHttpError with its status, body cut at the cap', async (_how, read) => {
    // A maxBodySize below the page: still the status, never DavBodyTooLargeError.
    for (const maxBodySize of [undefined, 64 * 1024]) {
      const dav = createClient({
        baseUrl: hostile.baseUrl,
        retry: 0,
        ...(maxBodySize ? { maxBodySize } : {}),
      });
      const error = await settle(read(dav, path));
      expect(isDavBodyTooLargeError(error)).toBe(false);
      expect((error as { status?: number }).status).toBe(status);
      if (isDavHttpError(error)) {
        expect(error.bodyTruncated).toBe(true);
        expect(error.bodySnippet.length).toBeGreaterThan(0);
      }
    }
  });
});

describe('exists()', () => {
  it.each(['/huge-404/a.txt', '/endless-404/a.txt', '/echo-404/a.txt'])(
    'is false on a 404 (%s)',
    async (path) => {
      const dav = createClient({ baseUrl: hostile.baseUrl, retry: 0, maxBodySize: 1024 });
      expect(await dav.exists(path)).toBe(false);
    },
  );

  it('still throws the status for other failures (a 500 is not "absent")', async () => {
    const dav = createClient({ baseUrl: hostile.baseUrl, retry: 0 });
    expect(((await settle(dav.exists('/huge-500/a.txt'))) as { status?: number }).status).toBe(500);
  });
});

describe('the cap', () => {
  it('is 1 MiB, or maxBodySize when smaller, and small bodies are not marked truncated', async () => {
    expect(FAILURE_BODY_LIMIT).toBe(1024 * 1024);
    const dav = createClient({ baseUrl: hostile.baseUrl, retry: 0 });
    const small = await settle(dav.delete('/echo-html/a.txt'));
    expect(isDavHttpError(small) && [small.status, small.bodyTruncated]).toEqual([500, false]);
  });

  it('a 2xx XML answer above maxBodySize is still refused with DavBodyTooLargeError', async () => {
    const dav = createClient({ baseUrl: hostile.baseUrl, retry: 0, maxBodySize: 16 });
    expect(isDavBodyTooLargeError(await settle(dav.propfind('/echo-207/a.txt', { depth: 0 })))).toBe(true);
  });
});
