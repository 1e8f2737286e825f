/**
 * `npm run bench` (batch part), against a real local Apache (started here, as the tests do):
 * - 1,000 independent PUTs at concurrency 8: a davkit batch vs a hand-written limited fetch loop;
 * - a chain of 200 dependent steps (each PUT to the same file depends on the previous write):
 *   a davkit batch vs a hand-written sequential loop.
 * Same process, alternating, medians and ratios.
 *
 * Then the long-running parts (issue 14, `bench/batch-limits.ts`): the limiter's overhead, batches of
 * 10,000 to 100,000 steps, and a 2,000-step batch throttled by a proxy.
 *
 * Options: `--steps 1000` `--chain 200` `--reps 5` `--server apache|nginx|rclone|sabredav`
 * `--scale 10000,50000,100000` `--throttle-steps 2000` `--only limits|overhead|scale|throttle` (one part).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { createClient } from '../src/index.ts';
import { isServerName, startServer } from '../test/harness/servers/index.ts';
import { limiterCost, limiterOverhead, scale, throttled } from './batch-limits.ts';
import { median, ms, ratio, table } from './stats.ts';

function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(name);
  return index === -1 ? fallback : (process.argv[index + 1] as string);
}

const STEPS = Number(option('--steps', '1000'));
const CHAIN = Number(option('--chain', '200'));
const REPS = Number(option('--reps', '5'));
const CONCURRENCY = 8;
const SCALE = option('--scale', '10000,50000,100000').split(',').map(Number);
const THROTTLE_STEPS = Number(option('--throttle-steps', '2000'));
const ONLY = option('--only', 'all');
const serverName = option('--server', 'apache');
if (!isServerName(serverName)) {
  throw new Error(`unknown server ${serverName}`);
}

const server = await startServer(serverName);
// Once again after a failure: Apache may close an idle kept-alive connection just as it is reused.
const mkdir = (url: string) => fetch(url, { method: 'MKCOL' }).catch(() => fetch(url, { method: 'MKCOL' }));

async function davkitIndependent(dir: string): Promise<void> {
  const batch = createClient({ baseUrl: dir }).batch({ concurrency: CONCURRENCY });
  for (let i = 0; i < STEPS; i++) {
    batch.put(`/f-${i}.txt`, `file ${i}`);
  }
  const result = await batch.run();
  if (!result.ok) {
    throw new Error('batch failed');
  }
}

async function handIndependent(dir: string): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < STEPS) {
      const i = next++;
      const response = await fetch(`${dir}f-${i}.txt`, {
        method: 'PUT',
        body: `file ${i}`,
        headers: { 'content-type': 'text/plain; charset=utf-8' },
      });
      await response.arrayBuffer();
      if (!response.ok) {
        throw new Error(`PUT ${response.status}`);
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
}

async function davkitChain(dir: string): Promise<void> {
  const batch = createClient({ baseUrl: dir }).batch({ concurrency: CONCURRENCY });
  for (let i = 0; i < CHAIN; i++) {
    batch.put('/chain.txt', `version ${i}`); // each depends on the previous write to the same path
  }
  const result = await batch.run();
  if (!result.ok) {
    throw new Error('chain failed');
  }
}

async function handChain(dir: string): Promise<void> {
  for (let i = 0; i < CHAIN; i++) {
    const response = await fetch(`${dir}chain.txt`, {
      method: 'PUT',
      body: `version ${i}`,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
    });
    await response.arrayBuffer();
  }
}

type Runner = (dir: string) => Promise<void>;

async function compare(label: string, ours: Runner, theirs: Runner): Promise<string[]> {
  const samples: Record<'davkit' | 'hand', number[]> = { davkit: [], hand: [] };
  for (let rep = -1; rep < REPS; rep++) {
    const order: ['davkit' | 'hand', Runner][] =
      rep % 2 === 0
        ? [
            ['davkit', ours],
            ['hand', theirs],
          ]
        : [
            ['hand', theirs],
            ['davkit', ours],
          ];
    for (const [name, run] of order) {
      const dir = `${server.baseUrl}${label}-${name}-${rep + 1}/`;
      await mkdir(dir);
      const start = performance.now();
      await run(dir);
      if (rep >= 0) {
        samples[name].push(performance.now() - start); // rep -1 is the warm-up
      }
    }
  }
  const ourMedian = median(samples.davkit);
  const theirMedian = median(samples.hand);
  return [label, ms(ourMedian), ms(theirMedian), ratio(ourMedian / theirMedian)];
}

try {
  const out: Record<string, unknown> = { server: serverName, node: process.version };
  if (ONLY === 'all') {
    const rows = [
      ['case', 'davkit ms', 'hand-written ms', 'davkit/hand'],
      await compare(`independent-${STEPS}x${CONCURRENCY}`, davkitIndependent, handIndependent),
      await compare(`chain-${CHAIN}`, davkitChain, handChain),
    ];
    console.log(
      `\nBatch against ${serverName} (median of ${REPS}; davkit/hand below 1.10× meets the goal):\n${table(rows)}`,
    );
    out.rows = rows;
  }
  const part = (name: string) => ONLY === 'all' || ONLY === 'limits' || ONLY === name;
  if (part('overhead')) {
    const overhead = [
      [
        'case',
        'with limiter ms',
        'pass-through ms',
        'ratio',
        'CPU with ms',
        'CPU pass-through ms',
        'CPU ratio',
      ],
      await limiterOverhead(server.baseUrl, mkdir, STEPS, CONCURRENCY, REPS),
    ];
    console.log(`\nLimiter overhead, no throttling (median of ${REPS}; at most 1.03× meets the goal):`);
    console.log(table(overhead));
    const cost = await limiterCost();
    console.log(`The limiter's own bookkeeping, one acquire + release with nothing waiting: ${cost}`);
    out.overhead = overhead;
    out.limiterCost = cost;
  }
  if (part('scale')) {
    const scaled = [['batch', 'plan ms', 'run ms', 'per step', 'heap per step'], ...(await scale(SCALE))];
    console.log("\nScale (in-process fetch answering 201; davkit's planning and scheduling only):");
    console.log(table(scaled));
    out.scaled = scaled;
  }
  if (part('throttle')) {
    const davPath = new URL(server.baseUrl).pathname;
    const throttle = await throttled(server.origin, davPath, mkdir, THROTTLE_STEPS, CONCURRENCY);
    console.log(
      `\n${THROTTLE_STEPS} PUTs, 20 % answered 429 + Retry-After: 1 by a proxy:\n${table(throttle.rows)}`,
    );
    out.throttle = throttle.rows;
    process.exitCode = throttle.exactlyOnce ? 0 : 1;
  }
  mkdirSync('bench/.out', { recursive: true });
  writeFileSync(`bench/.out/batch-${ONLY}.json`, JSON.stringify(out, null, 2));
} finally {
  await server.stop();
}
