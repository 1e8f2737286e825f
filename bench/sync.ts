/**
 * `npm run bench` (sync part), against real servers started here as the tests do:
 * - a 10,000-file tree on Apache (10 folders × 10 subfolders × 100 files) where 10 files in 10
 *   different subfolders were changed over WebDAV since the previous sync: `sync()` (the walk),
 *   `sync({ trustCollectionEtags: true })` and a full `list({ deep: true })` in the same run,
 *   alternating; time, bytes received (response bodies as read) and requests, at most 8 requests
 *   at a time (see CONCURRENCY);
 * - the cost of `probe()` on every harness server: requests and time.
 * Requests are counted at the client's `fetch`: a PROPFIND that ky retried (Apache refusing
 * connections beyond its 16 workers while a walk runs 100 PROPFINDs at once) counts each time.
 *
 * Options: `--reps 5` `--folders 10` `--files 100` (per subfolder) `--changed 10`.
 */
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createClient, type DavClient } from '../src/index.ts';
import { freshCollection, seedFile } from '../test/harness/disk.ts';
import { FILE_SERVER_NAMES, startServer } from '../test/harness/servers/index.ts';
import type { RunningServer } from '../test/harness/servers/types.ts';
import { calendar, event } from '../test/interop/radicale.ts';
import { median, ms, ratio, table } from './stats.ts';

function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(name);
  return index === -1 ? fallback : (process.argv[index + 1] as string);
}

const REPS = Number(option('--reps', '5'));
const FOLDERS = Number(option('--folders', '10'));
const FILES = Number(option('--files', '100'));
const CHANGED = Number(option('--changed', '10'));

/** What a client received: requests and body bytes, counted at its `fetch`. */
interface Meter {
  requests: number;
  bytes: number;
}

/**
 * At most this many requests at a time. A deep walk sends one PROPFIND per folder at once (100 here);
 * the harness's Apache (16 workers) then resets sockets and stalls for seconds, and ky's retries make
 * the same listing take anywhere from 0.6 to 6 s. Limited like this, every case runs as against a
 * server that keeps up. (Issue 14 brings a limiter into the client itself.)
 */
const CONCURRENCY = 8;
let running = 0;
const waiting: (() => void)[] = [];

async function limited<T>(task: () => Promise<T>): Promise<T> {
  if (running >= CONCURRENCY) {
    await new Promise<void>((resolve) => waiting.push(resolve));
  }
  running++;
  try {
    return await task();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

function meteredClient(baseUrl: string, meter: Meter): DavClient {
  return createClient({
    baseUrl,
    fetch: async (input, init) => {
      meter.requests++;
      const response = await limited(async () => {
        const answer = await fetch(new Request(input, init));
        // The slot is held until the body is read: that is when the server's worker is free.
        return new Response(await answer.arrayBuffer(), answer);
      });
      if (response.body === null) {
        return response;
      }
      const counted = response.body.pipeThrough(
        new TransformStream<Uint8Array, Uint8Array>({
          transform(chunk, controller) {
            meter.bytes += chunk.byteLength;
            controller.enqueue(chunk);
          },
        }),
      );
      return new Response(counted, response);
    },
  });
}

async function seedTree(server: RunningServer): Promise<string> {
  const root = await freshCollection(server, 'bench-sync');
  const content = 'x'.repeat(64);
  for (let a = 0; a < FOLDERS; a++) {
    for (let b = 0; b < FOLDERS; b++) {
      const dir = join(root.dir, `d${a}`, `s${b}`);
      await mkdir(dir, { recursive: true });
      // The server may run as another user (www-data when started as root): it must write here.
      await chmod(join(root.dir, `d${a}`), 0o777);
      await chmod(dir, 0o777);
      await Promise.all(Array.from({ length: FILES }, (_, f) => writeFile(join(dir, `f${f}.txt`), content)));
    }
  }
  return root.url;
}

async function measure(label: string, run: (meter: Meter) => Promise<unknown>) {
  const meter: Meter = { requests: 0, bytes: 0 };
  const start = performance.now();
  await run(meter);
  return { label, ms: performance.now() - start, ...meter };
}

type Run = { ms: number; requests: number; bytes: number };

/** Medians per case, and each case against the first (the full listing). */
function resultTable(runs: ReadonlyMap<string, Run[]>): string {
  const medians = [...runs].map(([label, results]) => ({
    label,
    ms: median(results.map((r) => r.ms)),
    requests: median(results.map((r) => r.requests)),
    bytes: median(results.map((r) => r.bytes)),
  }));
  const list = medians[0] ?? { ms: 1, bytes: 1 };
  const rows = medians.map((m) => [
    m.label,
    ms(m.ms),
    String(m.requests),
    (m.bytes / 1e6).toFixed(2),
    ratio(m.ms / list.ms),
    ratio(m.bytes / list.bytes),
  ]);
  return table([['case', 'ms', 'requests', 'MB received', 'time / list', 'bytes / list'], ...rows]);
}

async function syncBench(): Promise<string> {
  const server = await startServer('apache');
  try {
    const url = await seedTree(server);
    const setup = createClient({ baseUrl: url });
    const caps = await setup.probe('/', { scratch: false });
    const before = (await setup.sync('/')).state;
    for (let i = 0; i < CHANGED; i++) {
      await setup.put(`/d${i % FOLDERS}/s${Math.floor(i / FOLDERS) % FOLDERS}/f${i}.txt`, `changed ${i}`);
    }
    const cases: [string, (client: DavClient) => Promise<unknown>][] = [
      ['list({ deep: true })', (c) => c.list('/', { deep: true })],
      ['sync() (walk)', (c) => c.sync('/', { state: before })],
      ['sync({ trustCollectionEtags })', (c) => c.sync('/', { state: before, trustCollectionEtags: true })],
    ];
    const runs = new Map<string, Run[]>();
    for (let rep = 0; rep < REPS; rep++) {
      for (const [label, run] of rep % 2 === 0 ? cases : [...cases].reverse()) {
        const result = await measure(label, (meter) => {
          const client = meteredClient(url, meter);
          client.probes.add(caps); // every client knows Depth infinity is refused: no wasted attempt
          return run(client);
        });
        runs.set(label, [...(runs.get(label) ?? []), result]);
      }
    }
    const check = await setup.sync('/', { state: before, trustCollectionEtags: true });
    return [
      `Apache, ${FOLDERS * FOLDERS * FILES} files in ${FOLDERS * FOLDERS} folders, ${CHANGED} changed; median of ${REPS}`,
      `(the sync found ${check.changed.length} changed, ${check.added.length} added, ${check.removed.length} removed)`,
      resultTable(runs),
    ].join('\n');
  } finally {
    await server.stop();
  }
}

async function probeTarget(server: RunningServer): Promise<string> {
  const dir = await freshCollection(server, 'bench-probe');
  if (server.name === 'radicale') {
    const url = await calendar(`${dir.url}cal/`);
    await createClient({ baseUrl: url }).put('/e.ics', event('e', 'e'), { contentType: 'text/calendar' });
    return url;
  }
  const rel = dir.path.slice('/dav/'.length);
  await seedFile(server, `${rel}a.txt`, 'alpha');
  await seedFile(server, `${rel}sub/deeper/c.txt`, 'c');
  return dir.url;
}

async function probeBench(): Promise<string> {
  const rows: string[][] = [['server', 'requests', 'median ms', 'min ms', 'max ms']];
  for (const name of [...FILE_SERVER_NAMES, 'radicale' as const]) {
    const server = await startServer(name);
    try {
      const dav = createClient({ baseUrl: await probeTarget(server) });
      const times: number[] = [];
      let requests = 0;
      await dav.probe('/'); // warm-up: connections, PHP's first request
      for (let rep = 0; rep < Math.max(REPS, 5); rep++) {
        const start = performance.now();
        requests = (await dav.probe('/', { refresh: true })).requests;
        times.push(performance.now() - start);
      }
      rows.push([name, String(requests), ms(median(times)), ms(Math.min(...times)), ms(Math.max(...times))]);
    } finally {
      await server.stop();
    }
  }
  return `probe() per server (a calendar on Radicale)\n${table(rows)}`;
}

console.log(`Node ${process.version}`);
console.log(await syncBench());
console.log();
console.log(await probeBench());
