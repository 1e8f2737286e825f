/**
 * The long-running parts of `bench/batch.ts` (issue 14):
 * - limiter overhead: the same 1,000-PUT batch with davkit's per-origin limiter and with a pass-through
 *   one (no waiting, no bookkeeping), same process, alternating;
 * - scale: batches of 10,000 to 100,000 steps against an in-process `fetch` answering 201 at once
 *   (what is measured is davkit's planning and scheduling, not a server): time and retained heap per step;
 * - throttling: a 2,000-step batch through the fault proxy answering 429 + `Retry-After: 1` to 20 %
 *   of requests (seeded), in front of the real server: every step reaches the server exactly once,
 *   and the total time is compared with the minimum the pauses force (the union of the announced
 *   pause windows, plus the same batch's time unthrottled).
 */
import { DavClient } from '../src/client/client.ts';
import { ServerQuirks } from '../src/client/server-quirks.ts';
import { createClient } from '../src/index.ts';
import { LockStore } from '../src/locks/lock-store.ts';
import { ProbeCache } from '../src/probe/cache.ts';
import { OriginLimiter, type Slot } from '../src/transport/limiter.ts';
import { Limiters } from '../src/transport/limiters.ts';
import { startFaultProxy } from '../test/harness/fault-proxy.ts';
import { median, ms, ratio } from './stats.ts';

/** A limiter that never waits and keeps no state: the baseline for the overhead. */
class PassThrough extends Limiters {
  override of(): OriginLimiter {
    const slot: Slot = { release: () => undefined };
    return { acquire: () => Promise.resolve(slot), takeRetry: () => true } as unknown as OriginLimiter;
  }
}

async function putAll(dav: DavClient, steps: number, concurrency: number): Promise<void> {
  const batch = dav.batch({ concurrency });
  for (let i = 0; i < steps; i++) {
    batch.put(`/f-${i}.txt`, `file ${i}`);
  }
  const result = await batch.run();
  if (!result.ok) {
    throw new Error('batch failed');
  }
}

/** Median times of the batch with the limiter and with the pass-through, alternating. */
export async function limiterOverhead(
  baseUrl: string,
  mkdir: (url: string) => Promise<unknown>,
  steps: number,
  concurrency: number,
  reps: number,
): Promise<string[]> {
  const samples = { limited: [] as number[], bare: [] as number[] };
  // Client CPU too: on a shared machine wall time follows the load, CPU time follows davkit's work.
  const cpu = { limited: [] as number[], bare: [] as number[] };
  for (let rep = -1; rep < reps; rep++) {
    const order = rep % 2 === 0 ? (['limited', 'bare'] as const) : (['bare', 'limited'] as const);
    for (const kind of order) {
      const dir = `${baseUrl}overhead-${kind}-${rep + 1}/`;
      await mkdir(dir);
      const dav =
        kind === 'limited'
          ? createClient({ baseUrl: dir })
          : new DavClient(
              { baseUrl: dir },
              new LockStore(),
              new ServerQuirks(),
              new ProbeCache(),
              new PassThrough(),
            );
      const start = performance.now();
      const used = process.cpuUsage();
      await putAll(dav, steps, concurrency);
      const { user, system } = process.cpuUsage(used);
      if (rep >= 0) {
        samples[kind].push(performance.now() - start);
        cpu[kind].push((user + system) / 1000);
      }
    }
  }
  const limited = median(samples.limited);
  const bare = median(samples.bare);
  const [cpuLimited, cpuBare] = [median(cpu.limited), median(cpu.bare)];
  return [
    `limiter-${steps}x${concurrency}`,
    ms(limited),
    ms(bare),
    ratio(limited / bare),
    ms(cpuLimited),
    ms(cpuBare),
    ratio(cpuLimited / cpuBare),
  ];
}

/** The limiter's own cost: one acquire and release with nothing waiting, in µs (median of 3 × 1,000,000). */
export async function limiterCost(): Promise<string> {
  const limiter = new OriginLimiter('https://bench.invalid');
  const rounds: number[] = [];
  for (let round = 0; round < 3; round++) {
    const start = performance.now();
    for (let i = 0; i < 1_000_000; i++) {
      (await limiter.acquire()).release({ kind: 'answered' });
    }
    rounds.push(performance.now() - start);
  }
  return `${(median(rounds) / 1000).toFixed(2)} µs`;
}

/** Time and retained heap per step of batches of each size, against a `fetch` that answers at once. */
export async function scale(sizes: readonly number[]): Promise<string[][]> {
  const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
  const answer = async () => new Response(null, { status: 201 });
  const rows: string[][] = [];
  for (const size of sizes) {
    const dav = createClient({ baseUrl: 'http://bench.invalid/dav/', fetch: answer as typeof fetch });
    gc();
    const before = process.memoryUsage().heapUsed;
    const start = performance.now();
    const batch = dav.batch({ concurrency: 64 });
    for (let i = 0; i < size; i++) {
      batch.put(`/d${i % 100}/f-${i}.txt`, 'x', i % 10 === 0 ? { id: `k${i}` } : {});
    }
    const planned = performance.now();
    const result = await batch.run();
    const done = performance.now();
    gc();
    const held = process.memoryUsage().heapUsed - before;
    if (!result.ok || result.steps.length !== size) {
      throw new Error('scale batch failed');
    }
    rows.push([
      `${size.toLocaleString('en')} steps`,
      ms(planned - start),
      ms(done - planned),
      `${(((done - start) * 1000) / size).toFixed(1)} µs`,
      `${Math.round(held / size)} B`,
    ]);
  }
  return rows;
}

/** A seeded generator (mulberry32), so every run throttles the same requests. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Length of the union of [start, start + length) windows, in ms. */
function unionLength(starts: readonly number[], length: number): number {
  let total = 0;
  let end = Number.NEGATIVE_INFINITY;
  for (const start of [...starts].sort((a, b) => a - b)) {
    total += Math.max(0, start + length - Math.max(start, end));
    end = Math.max(end, start + length);
  }
  return total;
}

/** The throttled 2,000-step batch: exactly-once count, time, and the minimum the pauses force. */
export async function throttled(
  origin: string,
  davPath: string,
  mkdir: (url: string) => Promise<unknown>,
  steps: number,
  concurrency: number,
): Promise<{ rows: string[][]; exactlyOnce: boolean }> {
  const random = seeded(14);
  const proxy = await startFaultProxy(origin, (request) =>
    request.method === 'PUT' && random() < 0.2
      ? { kind: 'answer', status: 429, headers: { 'retry-after': '1' } }
      : undefined,
  );
  try {
    const plainDir = `${origin}${davPath}throttle-plain/`;
    await mkdir(plainDir);
    const plainStart = performance.now();
    await putAll(createClient({ baseUrl: plainDir }), steps, concurrency);
    const unthrottled = performance.now() - plainStart;

    const dir = `${davPath}throttle-proxied/`;
    await mkdir(`${origin}${dir}`);
    const start = performance.now();
    await putAll(createClient({ baseUrl: proxy.url(dir) }), steps, concurrency);
    const total = performance.now() - start;
    const puts = proxy.log.filter((entry) => entry.method === 'PUT');
    const refusals = puts.filter((entry) => entry.fault === 'answer').map((entry) => entry.at);
    const perPath = new Map<string, number>();
    for (const entry of puts.filter((each) => each.forwarded)) {
      perPath.set(entry.path, (perPath.get(entry.path) ?? 0) + 1);
    }
    const exactlyOnce = perPath.size === steps && [...perPath.values()].every((count) => count === 1);
    const paused = unionLength(refusals, 1000);
    const minimum = paused + unthrottled;
    return {
      exactlyOnce,
      rows: [
        ['PUTs sent / 429s', `${puts.length} / ${refusals.length}`],
        ['steps reaching the server exactly once', exactlyOnce ? `all ${steps}` : 'NO'],
        ['pause windows (union)', `${ms(paused)} ms`],
        ['unthrottled batch', `${ms(unthrottled)} ms`],
        ['minimum (pauses + unthrottled)', `${ms(minimum)} ms`],
        ['throttled batch', `${ms(total)} ms`],
        ['throttled / minimum', ratio(total / minimum)],
      ],
    };
  } finally {
    await proxy.close();
  }
}
