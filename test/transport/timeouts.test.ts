import { HttpResponse } from 'msw';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createClient } from '../../src/client/create-client.ts';
import { isDavAbortError, isDavBodyTooLargeError, isDavTimeoutError } from '../../src/errors/guards.ts';
import { MOCK_BASE, mswServer, okMultistatus, on } from '../helpers/msw.ts';
import { settle } from '../helpers/settle.ts';

const server = mswServer();

afterEach(() => {
  vi.useRealTimers();
});

/** A body that sends `parts` one by one, `gap` ms apart (driven by the fake clock). */
function trickle(parts: readonly string[], gap: number): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let index = 0;
  return new ReadableStream({
    pull(controller) {
      return new Promise((resolve) => {
        setTimeout(() => {
          const part = parts[index++];
          if (part === undefined) {
            controller.close();
          } else {
            controller.enqueue(encoder.encode(part));
          }
          resolve();
        }, gap);
      });
    },
  });
}

/** A multistatus split into many small pieces. */
function multistatusParts(count: number): string[] {
  const xml = okMultistatus('/dav/slow/');
  const size = Math.ceil(xml.length / count);
  return Array.from({ length: count }, (_, i) => xml.slice(i * size, (i + 1) * size)).filter((p) => p !== '');
}

describe('timeouts', () => {
  it('gives up on a server that never answers with DavTimeoutError', async () => {
    vi.useFakeTimers();
    let attempts = 0;
    server.use(
      on('PROPFIND', `${MOCK_BASE}silent/`, () => {
        attempts++;
        return new Promise<never>(() => undefined);
      }),
    );
    const dav = createClient({ baseUrl: MOCK_BASE, timeout: 1_000 });
    const pending = settle(dav.propfind('/silent/'));
    await vi.advanceTimersByTimeAsync(1_001);
    const { error } = await pending;
    expect(isDavTimeoutError(error) && [error.method, error.timeout, error.url]).toEqual([
      'PROPFIND',
      1_000,
      `${MOCK_BASE}silent/`,
    ]);
    expect(attempts).toBe(1);
  });

  it('a per-call timeout overrides the client default', async () => {
    vi.useFakeTimers();
    server.use(on('GET', `${MOCK_BASE}silent.txt`, () => new Promise<never>(() => undefined)));
    const dav = createClient({ baseUrl: MOCK_BASE, timeout: 60_000 });
    const pending = settle(dav.getText('/silent.txt', { timeout: 200 }));
    await vi.advanceTimersByTimeAsync(201);
    const { error } = await pending;
    expect(isDavTimeoutError(error) && error.timeout).toBe(200);
  });

  it('does not cut off a PROPFIND body that keeps flowing past the timeout', async () => {
    vi.useFakeTimers();
    const parts = multistatusParts(12);
    server.use(
      on(
        'PROPFIND',
        `${MOCK_BASE}slow/`,
        () =>
          new HttpResponse(trickle(parts, 80), {
            status: 207,
            headers: { 'content-type': 'application/xml' },
          }),
      ),
    );
    // 12 chunks, 80 ms apart: about 1 s in all, ten times the 100 ms timeout, never 100 ms without data.
    const dav = createClient({ baseUrl: MOCK_BASE, timeout: 100 });
    const pending = settle(dav.propfind('/slow/', { depth: 0 }));
    await vi.runAllTimersAsync();
    const { value, error } = await pending;
    expect(error).toBeUndefined();
    expect(value?.responses.map((r) => r.path)).toEqual(['/dav/slow/']);
  });

  it('does not cut off a download that keeps flowing past the timeout', async () => {
    vi.useFakeTimers();
    const parts = Array.from({ length: 20 }, (_, i) => `line ${i}\n`);
    server.use(on('GET', `${MOCK_BASE}slow.txt`, () => new HttpResponse(trickle(parts, 90))));
    const dav = createClient({ baseUrl: MOCK_BASE, timeout: 100 });
    const pending = settle(dav.getText('/slow.txt'));
    await vi.runAllTimersAsync();
    expect(await pending).toEqual({ value: parts.join('') });
  });

  it('stops a body that stalls for longer than the timeout', async () => {
    vi.useFakeTimers();
    const encoder = new TextEncoder();
    server.use(
      on('PROPFIND', `${MOCK_BASE}stall/`, () => {
        const body = new ReadableStream<Uint8Array>({
          start(controller) {
            controller.enqueue(encoder.encode('<?xml version="1.0"?><D:multistatus xmlns:D="DAV:">'));
          },
        });
        return new HttpResponse(body, { status: 207, headers: { 'content-type': 'application/xml' } });
      }),
    );
    const dav = createClient({ baseUrl: MOCK_BASE, timeout: 500 });
    const pending = settle(dav.propfind('/stall/'));
    await vi.advanceTimersByTimeAsync(501);
    const { error } = await pending;
    expect(isDavTimeoutError(error) && error.timeout).toBe(500);
  });
});

describe('aborts', () => {
  it('rejects with DavAbortError when the signal fires while waiting for the answer', async () => {
    server.use(on('PROPFIND', `${MOCK_BASE}wait/`, () => new Promise<never>(() => undefined)));
    const dav = createClient({ baseUrl: MOCK_BASE });
    const controller = new AbortController();
    const pending = settle(dav.propfind('/wait/', { signal: controller.signal }));
    controller.abort();
    const { error } = await pending;
    expect(isDavAbortError(error) && [error.method, error.url]).toEqual(['PROPFIND', `${MOCK_BASE}wait/`]);
  });

  it('rejects with DavAbortError when the signal fires during the body', async () => {
    const encoder = new TextEncoder();
    const controller = new AbortController();
    let sent = false;
    server.use(
      on('GET', `${MOCK_BASE}big.bin`, () => {
        const body = new ReadableStream<Uint8Array>({
          start(stream) {
            stream.enqueue(encoder.encode('first part'));
            sent = true;
          },
        });
        return new HttpResponse(body);
      }),
    );
    let arrived = false;
    const dav = createClient({
      baseUrl: MOCK_BASE,
      hooks: {
        afterResponse: [
          () => {
            arrived = true;
          },
        ],
      },
    });
    const pending = settle(dav.getBytes('/big.bin', { signal: controller.signal }));
    // Wait until the response is in, so the abort hits the body, not the request.
    await vi.waitFor(() => expect(arrived && sent).toBe(true));
    controller.abort();
    const { error } = await pending;
    expect(isDavAbortError(error) && [error.method, error.url]).toEqual(['GET', `${MOCK_BASE}big.bin`]);
  });

  it('rejects with DavAbortError, sending nothing, when the signal was aborted already', async () => {
    let attempts = 0;
    server.use(
      on('PUT', `${MOCK_BASE}a.txt`, () => {
        attempts++;
        return new HttpResponse(null, { status: 201 });
      }),
    );
    const dav = createClient({ baseUrl: MOCK_BASE });
    const error = await dav.put('/a.txt', 'x', { signal: AbortSignal.abort() }).catch((e: unknown) => e);
    expect(isDavAbortError(error)).toBe(true);
    expect(attempts).toBe(0);
  });
});

describe('maxBodySize', () => {
  const big = okMultistatus('/dav/big/').padEnd(4_096, ' ');

  it('refuses a body whose Content-Length is over the limit before reading it', async () => {
    server.use(
      on(
        'PROPFIND',
        `${MOCK_BASE}big/`,
        () =>
          new HttpResponse(big, {
            status: 207,
            headers: { 'content-type': 'application/xml', 'content-length': String(big.length) },
          }),
      ),
    );
    const dav = createClient({ baseUrl: MOCK_BASE, maxBodySize: 1_024 });
    const error = await dav.propfind('/big/').catch((e: unknown) => e);
    expect(isDavBodyTooLargeError(error) && [error.limit, error.method, error.url]).toEqual([
      1_024,
      'PROPFIND',
      `${MOCK_BASE}big/`,
    ]);
  });

  it('stops an endless chunked body (no Content-Length) once it passes the limit', async () => {
    let pulled = 0;
    let cancelled = false;
    const encoder = new TextEncoder();
    server.use(
      on('PROPFIND', `${MOCK_BASE}endless/`, () => {
        const body = new ReadableStream<Uint8Array>({
          pull(controller) {
            pulled++;
            controller.enqueue(
              encoder.encode(pulled === 1 ? '<D:multistatus xmlns:D="DAV:">' : ' '.repeat(512)),
            );
          },
          cancel() {
            cancelled = true;
          },
        });
        return new HttpResponse(body, { status: 207, headers: { 'content-type': 'application/xml' } });
      }),
    );
    const dav = createClient({ baseUrl: MOCK_BASE, maxBodySize: 2_048 });
    const error = await dav.propfind('/endless/').catch((e: unknown) => e);
    expect(isDavBodyTooLargeError(error) && error.limit).toBe(2_048);
    // The endless source was cancelled: davkit stopped the download instead of draining it.
    await vi.waitFor(() => expect(cancelled).toBe(true));
  });

  it('applies maxSize to getText and getBytes', async () => {
    server.use(on('GET', `${MOCK_BASE}f.bin`, () => new HttpResponse(new Uint8Array(300))));
    const dav = createClient({ baseUrl: MOCK_BASE });
    expect(
      isDavBodyTooLargeError(await dav.getBytes('/f.bin', { maxSize: 100 }).catch((e: unknown) => e)),
    ).toBe(true);
    expect(
      isDavBodyTooLargeError(await dav.getText('/f.bin', { maxSize: 100 }).catch((e: unknown) => e)),
    ).toBe(true);
    expect((await dav.getBytes('/f.bin', { maxSize: 300 })).byteLength).toBe(300);
  });

  it('rejects a maxBodySize that is not a positive number', () => {
    expect(() => createClient({ baseUrl: MOCK_BASE, maxBodySize: 0 })).toThrow(/maxBodySize/);
  });
});
