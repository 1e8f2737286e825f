/**
 * Each fault of a real misbehaving server (fault-server.ts) gives its typed error through the client:
 * a reset connection a `DavNetworkError`, silence a `DavTimeoutError` (short client timeouts), a
 * truncated or HTML body a `DavParseError`, a 503 a `DavHttpError` (after retries, for safe methods
 * only). No durations are asserted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '../../src/client/create-client.ts';
import type { ClientOptions } from '../../src/client/options.ts';
import {
  isDavHttpError,
  isDavNetworkError,
  isDavParseError,
  isDavTimeoutError,
} from '../../src/errors/guards.ts';
import { type FaultServer, startFaultServer } from './fault-server.ts';

let server: FaultServer;

beforeAll(async () => {
  server = await startFaultServer();
  server.store.collections.add('/root/data/');
});
afterAll(() => server.close());

/**
 * A client with a generous timeout: on a loaded machine a healthy local answer can take a while. The
 * silence tests set a short one.
 */
function client(options: Partial<ClientOptions> = {}) {
  return createClient({ baseUrl: server.baseUrl, retry: 0, timeout: 30_000, ...options });
}

function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    (value) => {
      throw new Error(`expected a failure, got ${JSON.stringify(value)}`);
    },
    (error: unknown) => error,
  );
}

/** A file in the store with a unique path, and the fault armed on it. */
function target(name: string, fault: Parameters<FaultServer['arm']>[1], times = 1): string {
  server.store.files.set(`/root/data/${name}`, name);
  server.arm(`/root/data/${name}`, fault, { times });
  return `/data/${name}`;
}

/** The server's log lines for one client path. */
const requestsTo = (path: string) => server.log.filter((line) => line.split(' ')[1] === `/root${path}`);

describe('a connection reset', () => {
  it('before the answer: DavNetworkError for a PUT, sent once', async () => {
    const path = target('reset-put.txt', 'reset-before-answer');
    const error = await failure(client({ retry: 2 }).put(path, 'x'));
    expect(isDavNetworkError(error) && [error.method, error.url]).toEqual([
      'PUT',
      `${server.baseUrl}data/reset-put.txt`,
    ]);
    expect(requestsTo(path)).toEqual([`PUT /root${path} [reset-before-answer]`]);
  });

  it('before the answer: a PROPFIND is retried (safe method) and succeeds', async () => {
    const path = target('reset-propfind.txt', 'reset-before-answer');
    const result = await client({ retry: 1 }).propfind(path, { depth: 0 });
    expect(result.responses.map((r) => r.path)).toEqual([`/root${path}`]);
    expect(requestsTo(path)).toEqual([
      `PROPFIND /root${path} [reset-before-answer]`,
      `PROPFIND /root${path}`,
    ]);
  });

  it('in the middle of the body: DavNetworkError', async () => {
    const path = target('reset-mid.txt', 'reset-mid-body');
    const error = await failure(client().propfind(path, { depth: 0 }));
    expect(isDavNetworkError(error) && error.method).toBe('PROPFIND');
  });
});

describe('a server that stops answering', () => {
  it('never answers: DavTimeoutError with the client timeout', async () => {
    const path = target('silent.txt', 'no-answer');
    const error = await failure(client({ timeout: 300 }).propfind(path, { depth: 0 }));
    expect(isDavTimeoutError(error) && [error.method, error.timeout]).toEqual(['PROPFIND', 300]);
  });

  it('never answers a PUT: DavTimeoutError, with a per-call timeout', async () => {
    const path = target('silent-put.txt', 'no-answer');
    const error = await failure(client().put(path, 'x', { timeout: 200 }));
    expect(isDavTimeoutError(error) && [error.method, error.timeout]).toEqual(['PUT', 200]);
  });

  it('answers the headers, then stalls the body: DavTimeoutError while reading', async () => {
    const path = target('stall.txt', 'stall-body');
    const error = await failure(client({ timeout: 300 }).propfind(path, { depth: 0 }));
    expect(isDavTimeoutError(error) && [error.method, error.timeout]).toEqual(['PROPFIND', 300]);
  });
});

describe('a truncated multistatus', () => {
  it('shorter than its Content-Length, then closed: DavNetworkError', async () => {
    const path = target('short.txt', 'truncated-length');
    const error = await failure(client().propfind(path, { depth: 0 }));
    expect(isDavNetworkError(error)).toBe(true);
  });

  it('complete as HTTP but cut as XML: DavParseError with a position', async () => {
    const path = target('cut.txt', 'truncated-xml');
    const error = await failure(client().propfind(path, { depth: 0 }));
    expect(isDavParseError(error) && error.message).toMatch(/Malformed/);
    expect(isDavParseError(error) && error.position?.line).toBeGreaterThan(1);
  });
});

describe('503 with Retry-After: 1', () => {
  it('a PROPFIND is retried after the wait and succeeds', async () => {
    const path = target('busy-propfind.txt', 'unavailable');
    const result = await client({ retry: 2 }).propfind(path, { depth: 0 });
    expect(result.responses).toHaveLength(1);
    expect(requestsTo(path)).toEqual([`PROPFIND /root${path} [unavailable]`, `PROPFIND /root${path}`]);
  });

  it('a PUT is not retried: DavHttpError 503 whose root cause says when to retry', async () => {
    const path = target('busy-put.txt', 'unavailable');
    const error = await failure(client({ retry: 2 }).put(path, 'x'));
    expect(isDavHttpError(error) && [error.status, error.headers['retry-after'], error.bodySnippet]).toEqual([
      503,
      '1',
      'busy, come back in 1 s',
    ]);
    expect(isDavHttpError(error) && error.rootCauses().map((cause) => cause.fix)).toEqual([
      { kind: 'retry-later', afterMs: 1000 },
    ]);
    expect(requestsTo(path)).toEqual([`PUT /root${path} [unavailable]`]);
  });
});

describe('a 207 whose body is an HTML page', () => {
  it('PROPFIND: DavParseError, not an empty listing', async () => {
    const path = target('login.txt', 'html-207');
    const error = await failure(client().propfind(path, { depth: 0 }));
    expect(isDavParseError(error)).toBe(true);
  });

  it('PROPPATCH: DavParseError, not a silent success', async () => {
    const path = target('login-patch.txt', 'html-207');
    const error = await failure(client().proppatch(path, { set: { '{urn:x}a': '1' } }));
    expect(isDavParseError(error)).toBe(true);
  });
});
