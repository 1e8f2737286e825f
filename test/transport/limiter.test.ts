import { HttpResponse } from 'msw';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createClient } from '../../src/client/create-client.ts';
import { isDavAbortError, isDavHttpError, isDavUsageError } from '../../src/errors/guards.ts';
import { OriginLimiter } from '../../src/transport/limiter.ts';
import { MOCK_BASE, mswServer, on } from '../helpers/msw.ts';

// The limiter's own rules (timing, cutting and growing concurrency, the budget) are pure logic over
// a clock: unit tests with fake timers. Its work against real servers is in test/interop/limiter.test.ts.

const server = mswServer();

afterEach(() => {
  vi.useRealTimers();
});

describe('OriginLimiter', () => {
  it('halves concurrency on throttling (once per pause) and grows it back by one per full round', async () => {
    vi.useFakeTimers();
    const limiter = new OriginLimiter('https://a', { maxConcurrency: 8 });
    const slots = await Promise.all(Array.from({ length: 8 }, () => limiter.acquire()));
    slots[0]?.release({ kind: 'throttled', waitMs: 1000 });
    slots[1]?.release({ kind: 'throttled', waitMs: 1000 });
    expect(limiter.state()).toMatchObject({ concurrency: 4, inFlight: 6, throttled: 2 });
    await vi.advanceTimersByTimeAsync(1000);
    const answer = async (count: number) => {
      for (let i = 0; i < count; i++) {
        (await limiter.acquire()).release({ kind: 'answered' });
      }
      return limiter.state().concurrency;
    };
    // The six still in flight answer: four grow 4 → 5; then 5 answers → 6, 6 → 7, 7 → 8, the maximum.
    for (const slot of slots.slice(2)) {
      slot.release({ kind: 'answered' });
    }
    expect(limiter.state().concurrency).toBe(5);
    expect([await answer(3), await answer(6), await answer(7), await answer(20)]).toEqual([6, 7, 8, 8]);
  });

  it('holds every waiter while paused and lets them go, in order, when the pause ends', async () => {
    vi.useFakeTimers();
    const limiter = new OriginLimiter('https://a');
    const first = await limiter.acquire();
    first.release({ kind: 'throttled', waitMs: 2000 });
    const started: number[] = [];
    const waiting = [1, 2, 3].map((n) =>
      limiter.acquire().then((slot) => {
        started.push(n);
        slot.release({ kind: 'answered' });
      }),
    );
    await vi.advanceTimersByTimeAsync(1990);
    expect(started).toEqual([]);
    expect(limiter.state().queued).toBe(3);
    await vi.advanceTimersByTimeAsync(20);
    await Promise.all(waiting);
    expect(started).toEqual([1, 2, 3]);
  });

  it('spaces starts by requestsPerSecond', async () => {
    vi.useFakeTimers();
    const limiter = new OriginLimiter('https://a', { requestsPerSecond: 4 });
    const times: number[] = [];
    const t0 = Date.now();
    const all = Array.from({ length: 5 }, () =>
      limiter.acquire().then((slot) => {
        times.push(Date.now() - t0);
        slot.release({ kind: 'answered' });
      }),
    );
    await vi.advanceTimersByTimeAsync(2000);
    await Promise.all(all);
    expect(times).toEqual([0, 250, 500, 750, 1000]);
  });

  it('rejects a waiter whose signal aborts, and the others still get their turn', async () => {
    const limiter = new OriginLimiter('https://a', { maxConcurrency: 1 });
    const held = await limiter.acquire();
    const controller = new AbortController();
    const aborted = limiter.acquire(controller.signal).catch((error: unknown) => error);
    const next = limiter.acquire();
    controller.abort(new Error('stop'));
    expect(await aborted).toEqual(new Error('stop'));
    held.release({ kind: 'answered' });
    await next;
    expect(limiter.state()).toMatchObject({ inFlight: 1, queued: 0 });
  });

  it('refuses bad rateLimit options', () => {
    for (const bad of [{ maxConcurrency: 0 }, { requestsPerSecond: -1 }, { burst: 3 }]) {
      expect(() => createClient({ baseUrl: MOCK_BASE, rateLimit: bad as never })).toThrow(
        expect.objectContaining({ name: 'DavUsageError' }),
      );
    }
    expect(isDavUsageError(new Error())).toBe(false);
  });
});

describe('davkit retries through the limiter', () => {
  it('spends the retry budget: a server failing every request is not retried forever', async () => {
    vi.useFakeTimers();
    let attempts = 0;
    server.use(
      on('GET', `${MOCK_BASE}:file`, () => {
        attempts++;
        return new HttpResponse('down', { status: 502 });
      }),
    );
    const dav = createClient({ baseUrl: MOCK_BASE, retry: 2 });
    const calls = Array.from({ length: 20 }, (_, i) => dav.getText(`/f${i}`).catch((e: unknown) => e));
    await vi.runAllTimersAsync();
    const errors = await Promise.all(calls);
    expect(errors.every((error) => isDavHttpError(error) && error.status === 502)).toBe(true);
    // 20 first attempts, and only the 10 retries of the budget (not 40).
    expect(attempts).toBe(30);
    expect(dav.limiter.state().retryBudget).toBe(0);
  });

  it('waits out a 429 on a PUT and sends it again, once the origin pause is over', async () => {
    vi.useFakeTimers();
    const seen: string[] = [];
    server.use(
      on('PUT', `${MOCK_BASE}w`, () => {
        seen.push('PUT');
        return seen.length === 1
          ? new HttpResponse(null, { status: 429, headers: { 'retry-after': '2' } })
          : new HttpResponse(null, { status: 201 });
      }),
    );
    const dav = createClient({ baseUrl: MOCK_BASE });
    const put = dav.put('/w', 'x');
    await vi.advanceTimersByTimeAsync(1900);
    expect(seen).toEqual(['PUT']);
    expect(dav.limiter.state().pausedUntil).toBeGreaterThan(Date.now());
    await vi.advanceTimersByTimeAsync(200);
    await put;
    expect(seen).toEqual(['PUT', 'PUT']);
  });

  it('calls beforeRetry hooks before each retry (davkit retries now, not ky)', async () => {
    vi.useFakeTimers();
    let attempts = 0;
    server.use(
      on('PROPFIND', `${MOCK_BASE}busy/`, () => {
        attempts++;
        return attempts < 3
          ? new HttpResponse(null, { status: 503, headers: { 'retry-after': '1' } })
          : new HttpResponse(null, { status: 404 });
      }),
    );
    const seen: [string, number][] = [];
    const dav = createClient({
      baseUrl: MOCK_BASE,
      hooks: { beforeRetry: [({ request, retryCount }) => void seen.push([request.method, retryCount])] },
    });
    const pending = dav.propfind('/busy/').catch((e: unknown) => e);
    await vi.runAllTimersAsync();
    expect(isDavHttpError(await pending) && attempts).toBe(3);
    expect(seen).toEqual([
      ['PROPFIND', 1],
      ['PROPFIND', 2],
    ]);
  });

  it('an abort while waiting for the origin is a DavAbortError and sends nothing', async () => {
    vi.useFakeTimers();
    let attempts = 0;
    server.use(
      on('GET', `${MOCK_BASE}:file`, () => {
        attempts++;
        return new HttpResponse(null, { status: 429, headers: { 'retry-after': '30' } });
      }),
    );
    const dav = createClient({ baseUrl: MOCK_BASE });
    const first = dav.getText('/a').catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(10);
    const controller = new AbortController();
    const second = dav.getText('/b', { signal: controller.signal }).catch((e: unknown) => e);
    controller.abort();
    expect(isDavAbortError(await second)).toBe(true);
    expect(attempts).toBe(1);
    await vi.runAllTimersAsync();
    await first;
  });
});
