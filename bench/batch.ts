/**
 * `npm run bench` (batch part), against a real local Apache (started here, as the tests do):
 * - 1,000 independent PUTs at concurrency 8: a davkit batch vs a hand-written limited fetch loop;
 * - a chain of 200 dependent steps (each PUT to the same file depends on the previous write):
 *   a davkit batch vs a hand-written sequential loop.
 * Same process, alternating, medians and ratios.
 *
 * Options: `--steps 1000` `--chain 200` `--reps 5` `--server apache|nginx|rclone|sabredav`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { createClient } from '../src/index.ts';
import { isServerName, startServer } from '../test/harness/servers/index.ts';
import { median, ms, ratio, table } from './stats.ts';

function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(name);
  return index === -1 ? fallback : (process.argv[index + 1] as string);
}

const STEPS = Number(option('--steps', '1000'));
const CHAIN = Number(option('--chain', '200'));
const REPS = Number(option('--reps', '5'));
const CONCURRENCY = 8;
const serverName = option('--server', 'apache');
if (!isServerName(serverName)) {
  throw new Error(`unknown server ${serverName}`);
}

const server = await startServer(serverName);
const mkdir = (url: string) => fetch(url, { method: 'MKCOL' });

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
  const rows = [
    ['case', 'davkit ms', 'hand-written ms', 'davkit/hand'],
    await compare(`independent-${STEPS}x${CONCURRENCY}`, davkitIndependent, handIndependent),
    await compare(`chain-${CHAIN}`, davkitChain, handChain),
  ];
  const text = table(rows);
  console.log(
    `\nBatch against ${serverName} (median of ${REPS}; davkit/hand below 1.10× meets the goal):\n${text}`,
  );
  mkdirSync('bench/.out', { recursive: true });
  writeFileSync('bench/.out/batch.json', JSON.stringify({ server: serverName, rows }, null, 2));
} finally {
  await server.stop();
}
