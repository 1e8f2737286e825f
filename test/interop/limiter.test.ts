import { afterEach, describe, expect, it } from 'vitest';
import { createClient } from '../../src/client/create-client.ts';
import { type FaultProxy, startFaultProxy } from '../harness/fault-proxy.ts';
import { scratch } from '../helpers/interop.ts';

// Issue 14.1 and 14.5: throttling against real Apache and SabreDAV. Neither throttles on demand, so a
// proxy in front of them answers 429/503 + Retry-After to chosen requests; the rest reach the server.

let proxy: FaultProxy | undefined;
afterEach(async () => {
  await proxy?.close();
  proxy = undefined;
});

/** How often the real server received each request of `method`, by path (and Depth, when sent). */
function forwardedCounts(p: FaultProxy, method: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const entry of p.log) {
    if (entry.method === method && entry.forwarded) {
      const depth = entry.headers.depth;
      const key = depth === undefined ? entry.path : `${entry.path} depth ${String(depth)}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  return counts;
}

/** The longest quiet time between two requests reaching the proxy, in ms. */
function longestGap(p: FaultProxy): number {
  let gap = 0;
  for (let i = 1; i < p.log.length; i++) {
    gap = Math.max(gap, (p.log[i]?.at ?? 0) - (p.log[i - 1]?.at ?? 0));
  }
  return gap;
}

describe.each(['apache', 'sabredav'] as const)('the origin limiter on %s', (name) => {
  it('a 429 mid-batch pauses the origin and the batch goes on: every PUT reaches the server exactly once', async () => {
    const s = await scratch(name, 'throttle-batch');
    let throttled = 0;
    proxy = await startFaultProxy(s.info.origin, (request) => {
      // Requests 20 to 24 are refused: five 429s while six steps are in flight.
      if (request.index >= 20 && request.index < 25) {
        throttled++;
        return { kind: 'answer', status: 429, headers: { 'retry-after': '1' } };
      }
      return undefined;
    });
    const dav = createClient({ baseUrl: proxy.url(s.dir.path) });
    const changes: number[] = [];
    dav.limiter.subscribe((state) => changes.push(state.concurrency));
    const batch = dav.batch({ concurrency: 6 });
    for (let i = 0; i < 60; i++) {
      batch.put(`/f${i}.txt`, `file ${i}`);
    }
    const result = await batch.run();
    expect(result.ok).toBe(true);
    expect(throttled).toBe(5);
    const puts = forwardedCounts(proxy, 'PUT');
    expect(puts.size).toBe(60);
    expect([...puts.values()].every((count) => count === 1)).toBe(true);
    // The whole origin waited for the Retry-After, not only the refused requests.
    expect(longestGap(proxy)).toBeGreaterThanOrEqual(900);
    expect(dav.limiter.state().throttled).toBe(5);
    expect(changes[0]).toBeLessThan(6);
    expect(await s.dav.getText('/f59.txt')).toBe('file 59');
  });

  it('a 503 + Retry-After in the middle of a deep list() waits and goes on: no walk restarts', async () => {
    const s = await scratch(name, 'throttle-list');
    for (const path of ['a/1.txt', 'a/b/2.txt', 'a/b/c/3.txt', 'd/4.txt', 'd/e/5.txt']) {
      await s.seed(path, path);
    }
    const plain = createClient({ baseUrl: s.dir.url });
    const expected = (await plain.list('/', { deep: true })).map((entry) => entry.path).sort();
    let refused = 0;
    proxy = await startFaultProxy(s.info.origin, (request) => {
      if (request.method === 'PROPFIND' && request.path.endsWith('/a/b/') && refused === 0) {
        refused++;
        return { kind: 'answer', status: 503, headers: { 'retry-after': '1' } };
      }
      return undefined;
    });
    const dav = createClient({ baseUrl: proxy.url(s.dir.path) });
    const listed = (await dav.list('/', { deep: true })).map((entry) => entry.path).sort();
    expect(listed).toEqual(expected);
    expect(refused).toBe(1);
    // Each collection was read by the server exactly once (Apache also refuses a first Depth:
    // infinity request, then davkit walks): the walk went on where it was.
    const propfinds = forwardedCounts(proxy, 'PROPFIND');
    expect([...propfinds.values()].every((count) => count === 1)).toBe(true);
    expect(longestGap(proxy)).toBeGreaterThanOrEqual(900);
  });

  it('extend()ed clients share the pause: a 429 to one holds back the other', async () => {
    const s = await scratch(name, 'throttle-extend');
    await s.seed('a.txt', 'alpha');
    let first = true;
    proxy = await startFaultProxy(s.info.origin, (request) => {
      if (first && request.method === 'PUT') {
        first = false;
        return { kind: 'answer', status: 429, headers: { 'retry-after': '1' } };
      }
      return undefined;
    });
    const dav = createClient({ baseUrl: proxy.url(s.dir.path) });
    const reader = dav.extend({ timeout: 10_000 });
    expect(reader.limiter).toBe(dav.limiter);
    const put = dav.put('/b.txt', 'beta');
    // Once the 429 is in, the other client's GET must wait for the pause to end.
    while (dav.limiter.state().pausedUntil === undefined) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const start = performance.now();
    expect(await reader.getText('/a.txt')).toBe('alpha');
    expect(performance.now() - start).toBeGreaterThanOrEqual(800);
    await put;
    expect(forwardedCounts(proxy, 'PUT').get(`${s.dir.path}b.txt`)).toBe(1);
  });

  it('maxConcurrency bounds what the server sees at once, across a batch and direct calls', async () => {
    const s = await scratch(name, 'max-concurrency');
    proxy = await startFaultProxy(s.info.origin);
    const dav = createClient({ baseUrl: proxy.url(s.dir.path), rateLimit: { maxConcurrency: 2 } });
    const batch = dav.batch({ concurrency: 8 });
    for (let i = 0; i < 24; i++) {
      batch.put(`/c${i}.txt`, 'x'.repeat(10_000));
    }
    const direct = Promise.all([1, 2, 3, 4].map((i) => dav.put(`/d${i}.txt`, 'y')));
    const [result] = await Promise.all([batch.run(), direct]);
    expect(result.ok).toBe(true);
    expect(proxy.inFlight.max).toBeLessThanOrEqual(2);
    expect(forwardedCounts(proxy, 'PUT').size).toBe(28);
  });
});
