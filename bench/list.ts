/**
 * `npm run bench` (list part): davkit's `dav.list('/')` against npm webdav's
 * `getDirectoryContents('/')`, both listing the same collection of 10,000 and 100,000 files served
 * by a real Apache (allprop answers of ~8 and ~80 MB; the files are created once and cached, see
 * bench/listing-cache.ts).
 *
 * - Node: same process, alternating, medians of the wall time and of this process's CPU time (what
 *   the client itself spends; Apache runs in its own process and takes the same time for both);
 * - peak resident memory of each client in a fresh process (bench/list-memory.ts);
 * - Chromium: the longest main-thread block while each lists the collection (bench/list-browser.ts).
 *
 * Options: `--sizes 10000,100000` `--reps 3` `--browser-sizes 10000` `--no-memory` `--no-browser`.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { Agent } from 'node:http';
import { createClient as webdavClient } from 'webdav';
import { createClient } from '../src/index.ts';
import { type BrowserFigures, listInChromium } from './list-browser.ts';
import { apacheWithListings } from './listing-cache.ts';
import { median, ms, ratio, table } from './stats.ts';

function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(name);
  return index === -1 ? fallback : (process.argv[index + 1] as string);
}

const sizes = option('--sizes', '10000,100000').split(',').map(Number);
const browserSizes = option('--browser-sizes', '10000').split(',').map(Number);
const REPS = Number(option('--reps', '3'));
const withMemory = !process.argv.includes('--no-memory');
const withBrowser = !process.argv.includes('--no-browser');

type Client = 'davkit' | 'webdav';
const CLIENTS: readonly Client[] = ['davkit', 'webdav'];

async function list(client: Client, url: string): Promise<number> {
  if (client === 'davkit') {
    return (await createClient({ baseUrl: url, timeout: 600_000 }).list('/')).length;
  }
  // A fresh connection each time: a pooled one that Apache closed while the other client ran (its
  // keep-alive timeout is 5 s) would fail the next request ("socket hang up"), which webdav does not retry.
  return (
    (await webdavClient(url, { httpAgent: new Agent({ keepAlive: false }) }).getDirectoryContents(
      '/',
    )) as unknown[]
  ).length;
}

const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

/** Wall and CPU time of each client listing `url`, alternating, medians. */
async function timeCase(url: string, n: number) {
  const wall: Record<Client, number[]> = { davkit: [], webdav: [] };
  const cpu: Record<Client, number[]> = { davkit: [], webdav: [] };
  for (const client of CLIENTS) {
    await list(client, url); // warm-up
  }
  for (let rep = 0; rep < REPS; rep++) {
    for (const client of rep % 2 === 0 ? CLIENTS : [...CLIENTS].reverse()) {
      const [start, startCpu] = [performance.now(), cpuMs()];
      const count = await list(client, url);
      wall[client].push(performance.now() - start);
      cpu[client].push(cpuMs() - startCpu);
      if (count !== n) {
        throw new Error(`${client} listed ${count} entries of ${n}`);
      }
    }
  }
  const pick = (values: Record<Client, number[]>) => ({
    davkit: median(values.davkit),
    webdav: median(values.webdav),
  });
  return { wall: pick(wall), cpu: pick(cpu) };
}

function memoryCase(url: string): Record<Client, number> {
  const peak = (client: Client) => {
    const out = execFileSync(process.execPath, ['--expose-gc', 'bench/list-memory.ts', client, url], {
      encoding: 'utf8',
    });
    return (JSON.parse(out.trim().split('\n').pop() as string) as { peakMiB: number }).peakMiB;
  };
  return { davkit: peak('davkit'), webdav: peak('webdav') };
}

const apache = await apacheWithListings(sizes);
const rows: string[][] = [
  [
    'entries',
    'davkit ms',
    'webdav ms',
    'webdav/davkit',
    'davkit CPU ms',
    'webdav CPU ms',
    'CPU webdav/davkit',
    'davkit MiB',
    'webdav MiB',
    'MiB davkit/webdav',
  ],
];
const browser: Record<number, { version: string; figures: Record<Client, BrowserFigures[]> }> = {};
const results: unknown[] = [];
try {
  for (const n of sizes) {
    const url = apache.urlOf(n);
    const { wall, cpu } = await timeCase(url, n);
    const memory = withMemory ? memoryCase(url) : undefined;
    results.push({ n, wall, cpu, memory });
    rows.push([
      String(n),
      ms(wall.davkit),
      ms(wall.webdav),
      ratio(wall.webdav / wall.davkit),
      ms(cpu.davkit),
      ms(cpu.webdav),
      ratio(cpu.webdav / cpu.davkit),
      memory === undefined ? '' : memory.davkit.toFixed(1),
      memory === undefined ? '' : memory.webdav.toFixed(1),
      memory === undefined ? '' : ratio(memory.davkit / memory.webdav),
    ]);
    console.error(`done: ${n}`);
  }
  if (withBrowser) {
    for (const n of browserSizes.filter((size) => sizes.includes(size))) {
      browser[n] = await listInChromium(apache.urlOf(n), REPS);
    }
  }
} finally {
  await apache.close();
}

console.log(
  `\nlist() on Node ${process.versions.node} against Apache (median of ${REPS}; CPU: this process):\n${table(rows)}`,
);
for (const [n, { version, figures }] of Object.entries(browser)) {
  console.log(
    `\nChromium ${version}, ${Number(n).toLocaleString('en')} entries (every run; longest main-thread block, total):`,
  );
  for (const client of CLIENTS) {
    const runs = figures[client].map(
      (r) => `${Math.round(r.maxLongTaskMs)} ms / ${Math.round(r.totalMs)} ms`,
    );
    console.log(`  ${client.padEnd(7)} ${runs.join(', ')}`);
  }
}
mkdirSync('bench/.out', { recursive: true });
writeFileSync(
  'bench/.out/list.json',
  JSON.stringify({ node: process.versions.node, results, browser }, null, 2),
);
