/**
 * `npm run bench` (transfer part), against a real local Apache (started here, as the tests do), with
 * a file on disk (1 GiB by default):
 * - throughput: `dav.upload()` (fileSource, content-range, 8 MiB chunks, 4 in flight) vs one plain
 *   `fetch` PUT of the same file; `dav.download()` into `fileSink` vs one plain `fetch` GET piped to
 *   a file. Each run in its own process (alternating, medians), with its peak RSS growth;
 * - killed at ~50 % (the process kills itself with SIGKILL after saving the state as JSON) and
 *   resumed in a new process: the file bytes that crossed the wire in both, counted by the fault
 *   proxy in front of Apache, against the file size.
 *
 * Options: `--mib 1024` `--reps 3`.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFaultProxy } from '../test/harness/fault-proxy.ts';
import { startServer } from '../test/harness/servers/index.ts';
import { median, ratio, table } from './stats.ts';
import { runCase } from './upload-cases.ts';

function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(name);
  return index === -1 ? fallback : (process.argv[index + 1] as string);
}

const MiB = 1024 * 1024;
const SIZE_MIB = Number(option('--mib', '1024'));
const REPS = Number(option('--reps', '3'));

if (process.argv.includes('--case')) {
  await runCase(process.argv.slice(process.argv.indexOf('--case') + 1));
  process.exit(0);
}

/** A case in a fresh process (asynchronously: the proxy in this process must keep serving). */
function child(args: readonly string[]): Promise<{ ms: number; rssGrowth: number; signal?: string }> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--expose-gc', 'bench/upload.ts', '--case', ...args],
      { maxBuffer: 1 << 20 },
      (error, stdout, stderr) => {
        if (error?.signal === 'SIGKILL') {
          resolve({ ms: 0, rssGrowth: 0, signal: 'SIGKILL' });
        } else if (error !== null) {
          reject(new Error(`case ${args[0]} failed: ${stderr}`));
        } else {
          resolve(JSON.parse(stdout.trim().split('\n').at(-1) as string));
        }
      },
    );
  });
}

async function makeFile(path: string): Promise<void> {
  const block = new Uint8Array(MiB);
  for (let i = 0; i < block.length; i++) {
    block[i] = (i * 2654435761) >>> 24;
  }
  const file = await open(path, 'w');
  for (let i = 0; i < SIZE_MIB; i++) {
    block[0] = i & 0xff; // no two MiB alike at their start
    await file.write(block, 0, MiB, i * MiB);
  }
  await file.close();
}

const mb = (bytes: number) => (bytes / MiB).toFixed(0);
const rate = (ms: number) => ((SIZE_MIB / ms) * 1000).toFixed(0);

const server = await startServer('apache');
const proxy = await startFaultProxy(server.origin);
const local = await mkdtemp(join(tmpdir(), 'davkit-bench-upload-'));
const source = join(local, 'source.bin');
try {
  await makeFile(source);
  const samples: Record<string, { ms: number[]; rss: number[] }> = {};
  const cases = [
    ['davkit-upload', 'fetch-put'],
    ['davkit-download', 'fetch-get'],
  ] as const;
  for (let rep = 0; rep < REPS; rep++) {
    for (const pair of cases) {
      for (const name of rep % 2 === 0 ? pair : [...pair].reverse()) {
        const target = `/${name}-${rep}.bin`;
        const measured = await child([
          name,
          server.baseUrl,
          source,
          target,
          join(local, `${name}-${rep}.out`),
        ]);
        samples[name] ??= { ms: [], rss: [] };
        samples[name].ms.push(measured.ms);
        samples[name].rss.push(measured.rssGrowth);
        await rm(join(local, `${name}-${rep}.out`), { force: true });
      }
    }
  }
  const resumed = async (kind: 'upload' | 'download') => {
    proxy.reset();
    const state = join(local, `${kind}.state.json`);
    const base = `${proxy.origin}${new URL(server.baseUrl).pathname}`;
    const out = join(local, `${kind}-resumed.out`);
    const target = kind === 'upload' ? '/resumed.bin' : '/davkit-upload-0.bin';
    const killed = await child([`killed-${kind}`, base, source, target, out, state]);
    await child([`resume-${kind}`, base, source, target, out, state]);
    const stats = proxy.stats();
    const bytes = kind === 'upload' ? stats.writtenBytes : stats.responseBytes;
    return [kind, killed.signal ?? 'not killed', mb(bytes), ratio(bytes / (SIZE_MIB * MiB))];
  };
  const row = (name: string, peer: string) => {
    const ours = median(samples[name]?.ms ?? []);
    const theirs = median(samples[peer]?.ms ?? []);
    return [
      `${name} vs ${peer}`,
      rate(ours),
      rate(theirs),
      ratio(theirs / ours),
      mb(median(samples[name]?.rss ?? [])),
      mb(median(samples[peer]?.rss ?? [])),
    ];
  };
  const throughput = table([
    [
      'case',
      'davkit MiB/s',
      'fetch MiB/s',
      'davkit speed / fetch',
      'davkit RSS growth MiB',
      'fetch RSS growth MiB',
    ],
    row('davkit-upload', 'fetch-put'),
    row('davkit-download', 'fetch-get'),
  ]);
  const resume = table([
    ['transfer', 'first process', 'file MiB sent in both', 'sent / file size'],
    await resumed('upload'),
    await resumed('download'),
  ]);
  console.log(
    `\n${SIZE_MIB} MiB from disk, Apache on 127.0.0.1, ${process.version}, median of ${REPS}:\n${throughput}`,
  );
  console.log(`\nKilled at ~50 % and resumed in a new process (bytes through the fault proxy):\n${resume}`);
  mkdirSync('bench/.out', { recursive: true });
  writeFileSync(
    'bench/.out/upload.json',
    JSON.stringify({ node: process.version, SIZE_MIB, samples }, null, 2),
  );
} finally {
  await proxy.close();
  await server.stop();
  await rm(local, { recursive: true, force: true });
}
