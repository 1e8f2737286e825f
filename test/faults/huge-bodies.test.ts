/**
 * A hostile server sending one 400 MiB property (issues 19 and 11.3), through davkit's real transport:
 * refused with `DavBodyTooLargeError` naming the limit, the download stopped, and the process grown by
 * a few tens of MiB at most, on every path that reads a PROPFIND or REPORT answer:
 *
 * - decoded as it arrives (`list()`, `propfind()`, `streamPropfind`, `decodeMultiStatusStream`):
 *   `maxTextSize` (16 MiB) stops it, whatever the body's declared length;
 * - read whole (`report()`): `maxBodySize` (64 MiB) stops it, before the first byte when the
 *   Content-Length says so.
 *
 * An in-process server, because no real server sends such a body on demand. Memory is sampled while
 * the request runs and asserted only as an upper bound; no durations are asserted.
 *
 * The bound: davkit holds at most `maxTextSize` (16 MiB) of the property when it gives up; the
 * resident set grows by more (measured 25–70 MiB) because the network buffers read so far and V8's
 * young generation are reclaimed only when the garbage collector runs. Holding the property would
 * grow it by 400 MiB and more.
 */
import { once } from 'node:events';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DavClient } from '../../src/client/client.ts';
import { createClient } from '../../src/client/create-client.ts';
import { isDavBodyTooLargeError } from '../../src/errors/guards.ts';
import { decodeMultiStatusStream, streamPropfind } from '../../src/stream/index.ts';

const MiB = 1024 * 1024;
/** What the process may grow by while refusing the property (see above). */
const BOUND_MIB = 96;
const PROPERTY = 400 * MiB;
const PIECE = Buffer.alloc(64 * 1024, 'a');
const HEAD = Buffer.from(
  '<?xml version="1.0" encoding="utf-8"?><D:multistatus xmlns:D="DAV:"><D:response><D:href>/dav/ok</D:href>' +
    '<D:propstat><D:prop><D:getetag>"1"</D:getetag></D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat>' +
    '</D:response><D:response><D:href>/dav/huge</D:href><D:propstat><D:prop><x:notes xmlns:x="urn:x">',
);
const TAIL = Buffer.from(
  '</x:notes></D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response></D:multistatus>',
);

/** Until the socket takes more, or the client has gone. */
function drained(response: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      response.off('drain', done);
      response.off('close', done);
      resolve();
    };
    response.on('drain', done);
    response.on('close', done);
  });
}

/** Bytes the server managed to send, per request path. */
const sent = new Map<string, number>();

/** Sends HEAD, 400 MiB of `a`, TAIL, as fast as the client reads it; stops when the client goes. */
async function sendHuge(path: string, response: ServerResponse, declared: boolean): Promise<void> {
  response.writeHead(207, {
    'content-type': 'application/xml; charset=utf-8',
    ...(declared ? { 'content-length': String(HEAD.length + PROPERTY + TAIL.length) } : {}),
  });
  let total = 0;
  const write = async (chunk: Buffer) => {
    total += chunk.length;
    sent.set(path, total);
    if (!response.write(chunk)) {
      await drained(response);
    }
  };
  await write(HEAD);
  for (let done = 0; done < PROPERTY && !response.destroyed; done += PIECE.length) {
    await write(PIECE);
  }
  if (!response.destroyed) {
    response.end(TAIL);
  }
}

let server: Server;
let requests = 0;
let dav: DavClient;
let base = '';

beforeAll(async () => {
  server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    request.resume();
    if (path.includes('small')) {
      response.writeHead(207, { 'content-type': 'application/xml' });
      response.end(
        `${HEAD}</x:notes></D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response></D:multistatus>`,
      );
      return;
    }
    void sendHuge(path, response, path.includes('declared'));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/dav/`;
  dav = createClient({ baseUrl: base, retry: 0, timeout: 60_000 });
  // What every first request costs (connection pool, compiled code) is not what is measured below.
  await dav.list('/small/');
});

afterAll(() => {
  server.closeAllConnections();
  server.close();
});

/** The highest resident set size while `work` runs, above what it was before, in MiB. */
async function growth(work: () => Promise<unknown>): Promise<{ outcome: unknown; grownMiB: number }> {
  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 5);
  let outcome: unknown;
  try {
    outcome = await work();
  } catch (error) {
    outcome = error;
  } finally {
    clearInterval(sampler);
  }
  peak = Math.max(peak, process.memoryUsage().rss);
  return { outcome, grownMiB: (peak - before) / MiB };
}

function expectTooLarge(outcome: unknown, limitName: string, limit: number): void {
  expect(isDavBodyTooLargeError(outcome) && [outcome.limitName, outcome.limit]).toEqual([limitName, limit]);
  const message = (outcome as Error).message;
  expect(message).toContain(String(limit));
  expect(message).toContain(
    limitName === 'maxBodySize' ? 'maxBodySize option' : `limits.${limitName} option`,
  );
}

async function drain(stream: AsyncIterable<unknown>): Promise<number> {
  let count = 0;
  for await (const _ of stream) {
    count++;
  }
  return count;
}

describe('decoded as it arrives: maxTextSize stops one 400 MiB property', () => {
  it.each([
    ['list(), chunked', (path: string) => dav.list(path)],
    ['propfind(), with a Content-Length of 400 MiB', (path: string) => dav.propfind(path)],
    ['streamPropfind', (path: string) => drain(streamPropfind(dav, path))],
    [
      'decodeMultiStatusStream over fetch',
      async (path: string) =>
        drain(decodeMultiStatusStream((await fetch(new URL(path.slice(1), base))).body!)),
    ],
  ])('%s', async (label, run) => {
    const path = `/${label.includes('Content-Length') ? 'declared' : 'chunked'}-${++requests}/`;
    const { outcome, grownMiB } = await growth(() => run(path));
    expectTooLarge(outcome, 'maxTextSize', 16 * MiB);
    expect(grownMiB, `grew by ${grownMiB.toFixed(0)} MiB`).toBeLessThan(BOUND_MIB);
    // The download stopped soon after the limit (what the sockets had buffered aside).
    expect(sent.get(`/dav${path}`)).toBeLessThan(64 * MiB);
  });

  it('with a larger maxTextSize, maxResponseSize stops it', async () => {
    const limits = { maxTextSize: 1024 * MiB, maxResponseSize: 8 * MiB };
    const lenient = createClient({ baseUrl: base, retry: 0, limits });
    const { outcome, grownMiB } = await growth(() => lenient.list('/chunked-lenient/'));
    expectTooLarge(outcome, 'maxResponseSize', 8 * MiB);
    expect(grownMiB, `grew by ${grownMiB.toFixed(0)} MiB`).toBeLessThan(BOUND_MIB);
  });
});

describe('read whole: maxBodySize stops it', () => {
  const body = '<D:sync-collection xmlns:D="DAV:"><D:sync-token/><D:prop/></D:sync-collection>';

  it('REPORT, chunked: after 64 MiB', async () => {
    const { outcome, grownMiB } = await growth(() => dav.report('/chunked-report/', body));
    expectTooLarge(outcome, 'maxBodySize', 64 * MiB);
    expect(grownMiB, `grew by ${grownMiB.toFixed(0)} MiB`).toBeLessThan(64 + BOUND_MIB);
  });

  it('REPORT with a Content-Length of 400 MiB: before the first byte of the body', async () => {
    const { outcome, grownMiB } = await growth(() => dav.report('/declared-report/', body));
    expectTooLarge(outcome, 'maxBodySize', 64 * MiB);
    expect(grownMiB, `grew by ${grownMiB.toFixed(0)} MiB`).toBeLessThan(32);
  });
});
