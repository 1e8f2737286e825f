/**
 * `streamPropfind` over real HTTP (issue 8): a 10,000-entry collection on real servers, identical to
 * `dav.propfind()`; the first response yielded while the server is still holding back the rest (no
 * timing: the server waits for the test); the HTTP body cancelled by `break` and by `signal`; and
 * the client's own DavHttpError for a non-multistatus answer.
 */
import { once } from 'node:events';
import { utimes, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DavClient } from '../../src/client/client.ts';
import { createClient } from '../../src/client/create-client.ts';
import { isDavAbortError, isDavHttpError } from '../../src/errors/guards.ts';
import type { DavResponse } from '../../src/model/multistatus.ts';
import { streamPropfind } from '../../src/stream/index.ts';
import { chownTo } from '../harness/servers/system.ts';
import { failure, scratch } from '../helpers/interop.ts';
import { LISTING_TAIL, listingEntries, listingHead } from '../stream/apache-listing.ts';

const ENTRIES = 10_000;

async function collect(stream: AsyncIterable<DavResponse>): Promise<DavResponse[]> {
  const responses: DavResponse[] = [];
  for await (const response of stream) {
    responses.push(response);
  }
  return responses;
}

// Modified a minute ago: Apache gives a weak ETag (W/"…") to a file modified within the second of the
// request, which would differ between the two listings compared below.
const MTIME = new Date(Date.now() - 60_000);

/** Writes `count` small files straight into a collection on disk, owned by the server's user. */
async function seedMany(dir: string, owner: string, count: number): Promise<void> {
  const batch = 200;
  for (let from = 0; from < count; from += batch) {
    const writes: Promise<void>[] = [];
    for (let i = from; i < Math.min(count, from + batch); i++) {
      const file = join(dir, `f-${String(i).padStart(5, '0')}-café.txt`);
      writes.push(
        writeFile(file, 'x'.repeat(i % 50))
          .then(() => chownTo(file, owner))
          .then(() => utimes(file, MTIME, MTIME)),
      );
    }
    await Promise.all(writes);
  }
  await utimes(dir, MTIME, MTIME);
}

/** A response without the disk's quota, which other tests change between two listings. */
function withoutQuota(response: DavResponse): DavResponse {
  if (response.kind !== 'propstat') {
    return response;
  }
  const propstats = response.propstats.map((propstat) => ({
    ...propstat,
    props: Object.fromEntries(Object.entries(propstat.props).filter(([name]) => !name.includes('quota-'))),
  }));
  return { ...response, propstats };
}

describe.each(['apache', 'sabredav'] as const)('a %s collection of 10,000 files', (name) => {
  it('is listed through streamPropfind, identical to dav.propfind()', async () => {
    const s = await scratch(name, 'stream10k');
    await seedMany(s.dir.dir, s.info.fileOwner, ENTRIES);
    const dav = createClient({ baseUrl: s.dir.url, timeout: 60_000 });
    const streamed = await collect(streamPropfind(dav, '/', { depth: 1 }));
    const buffered = await dav.propfind('/', { depth: 1 });
    expect(streamed).toHaveLength(ENTRIES + 1);
    expect(streamed.map(withoutQuota)).toStrictEqual(buffered.responses.map(withoutQuota));
    expect(new Set(streamed.map((r) => r.path)).has(s.path('/f-09999-café.txt'))).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------------
// A local server under the test's control.

type Handler = (request: IncomingMessage, response: ServerResponse) => void | Promise<void>;

const servers: { close(): void; closeAllConnections(): void }[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    server.close();
  }
});

async function serve(handler: Handler): Promise<DavClient> {
  const server = createServer((request, response) => {
    void handler(request, response);
  });
  servers.push(server);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return createClient({ baseUrl: `http://127.0.0.1:${port}/dav/`, retry: { limit: 0 } });
}

/** A promise with its resolver, and who resolved it first. */
function gate<T extends string>(fallback: T, ms = 15_000) {
  let open!: (by: T) => void;
  let by: T | undefined;
  const opened = new Promise<T>((resolve) => {
    open = (who) => {
      by ??= who;
      resolve(by);
    };
  });
  // Only for a broken decoder: the test then fails on an assertion instead of hanging.
  const timer = setTimeout(() => open(fallback), ms);
  void opened.then(() => clearTimeout(timer));
  return { open, opened };
}

const MULTISTATUS = { 'content-type': 'application/xml; charset="utf-8"' };
const DIR = '/dav/';

describe('responses are yielded while the body is still arriving', () => {
  it('the first response comes before the server has sent the rest', async () => {
    // The server sends the head and 50 entries, then waits until the test has seen a response.
    const release = gate<'first response' | 'fallback timer'>('fallback timer');
    let serverFinished = false;
    const dav = await serve(async (_, response) => {
      response.writeHead(207, MULTISTATUS);
      response.write(listingHead(DIR) + listingEntries(DIR, 0, 50));
      await release.opened;
      response.end(listingEntries(DIR, 50, 100) + LISTING_TAIL);
      serverFinished = true;
    });
    const seen: DavResponse[] = [];
    let finishedAtFirst: boolean | undefined;
    for await (const response of streamPropfind(dav, '/', { depth: 1 })) {
      if (seen.push(response) === 1) {
        finishedAtFirst = serverFinished;
        release.open('first response');
      }
    }
    expect(await release.opened).toBe('first response');
    expect(finishedAtFirst).toBe(false);
    expect(seen).toHaveLength(101);
    expect(seen[100]?.path).toBe('/dav/file-000099-café.txt');
  });
});

describe('stopping early cancels the HTTP body', () => {
  /** A server that sends a head and some entries, then keeps the body open; resolves when the client hangs up. */
  async function endlessListing() {
    const hangUp = gate<'client closed' | 'fallback timer'>('fallback timer');
    const dav = await serve((request, response) => {
      response.writeHead(207, MULTISTATUS);
      response.write(listingHead(DIR) + listingEntries(DIR, 0, 200));
      request.socket.on('close', () => hangUp.open('client closed'));
    });
    return { dav, closed: hangUp.opened };
  }

  it('break: the server sees the connection close', async () => {
    const { dav, closed } = await endlessListing();
    let seen = 0;
    for await (const _ of streamPropfind(dav, '/')) {
      if (++seen === 3) {
        break;
      }
    }
    expect(await closed).toBe('client closed');
  });

  it('abort: DavAbortError, not one response more, and the server sees the connection close', async () => {
    const { dav, closed } = await endlessListing();
    const controller = new AbortController();
    let seen = 0;
    const error = await failure(
      (async () => {
        for await (const _ of streamPropfind(dav, '/', { signal: controller.signal })) {
          seen++;
          controller.abort();
        }
      })(),
    );
    expect(isDavAbortError(error)).toBe(true);
    expect(seen).toBe(1);
    expect(await closed).toBe('client closed');
  });
});

describe('a non-multistatus answer throws the same DavHttpError as the client', () => {
  /** Everything a DavHttpError tells, but the headers that differ between two answers (date, keep-alive count). */
  function comparable(error: unknown) {
    expect(isDavHttpError(error)).toBe(true);
    if (!isDavHttpError(error)) {
      return undefined;
    }
    const { date: _date, 'keep-alive': _keepAlive, ...headers } = error.headers;
    return {
      name: error.name,
      message: error.message,
      status: error.status,
      statusText: error.statusText,
      request: error.request,
      bodySnippet: error.bodySnippet,
      conditions: error.conditions,
      multistatus: error.multistatus,
      headers,
      rootCauses: error.rootCauses(),
    };
  }

  it('404 from Apache', async () => {
    const s = await scratch('apache', 'stream404');
    const streamed = await failure(collect(streamPropfind(s.dav, '/missing/')));
    const direct = await failure(s.dav.propfind('/missing/'));
    expect(comparable(streamed)).toEqual(comparable(direct));
    expect(comparable(streamed)?.status).toBe(404);
  });

  it('403 with an HTML page', async () => {
    const dav = await serve((_, response) => {
      response.writeHead(403, 'Forbidden', { 'content-type': 'text/html; charset=utf-8' });
      response.end('<!doctype html><html><body><h1>403 Forbidden</h1><p>Not for you.</p></body></html>');
    });
    const streamed = await failure(collect(streamPropfind(dav, '/private/')));
    const direct = await failure(dav.propfind('/private/'));
    expect(comparable(streamed)).toEqual(comparable(direct));
    expect(comparable(streamed)?.bodySnippet).toContain('Not for you.');
  });
});
