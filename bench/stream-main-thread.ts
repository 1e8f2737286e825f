/**
 * How long the streaming decoder holds a page's main thread (issue 8), in headless Chromium.
 *
 * A local server serves a page with the built browser bundles (`dist/davkit-stream.browser.js`,
 * `dist/davkit.browser.js`: run `npm run build` first) and an Apache-style PROPFIND Depth:1 body of
 * 10,000 entries (~1 KB each), sent in chunks as fast as the socket takes them. In a fresh page per
 * run, a `PerformanceObserver({ type: 'longtask', buffered: true })` records every task over 50 ms
 * while the page
 * - streams the listing: `for await (… of decodeMultiStatusStream(response.body))`;
 * - decodes it buffered: `decodeMultiStatus(await response.text())`;
 * - streams it with the decoder's pacing turned off (the stream entry bundled from src with esbuild,
 *   its work budget set to Infinity): what the streaming decoder would do without handing control
 *   back to the event loop.
 * For each: the longest long task, how many there were, and the total time. A measurement, not a test.
 *
 * Usage: `npx node bench/stream-main-thread.ts [--entries 10000] [--chunk 65536] [--runs 3] [--json]`
 * (other arguments, meant for other benchmarks, are ignored).
 */
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { build } from 'esbuild';
import type { Browser } from 'playwright';
import { launchChromium } from '../test/helpers/chromium.ts';
import { apacheListing } from '../test/stream/apache-listing.ts';

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const value = i === -1 ? Number.NaN : Number(process.argv[i + 1]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

const ENTRIES = option('entries', 10_000);
const CHUNK = option('chunk', 64 * 1024);
const RUNS = option('runs', 3);
const JSON_ONLY = process.argv.includes('--json');

const DIST = resolve('dist');
const BUNDLES = ['davkit-stream.browser.js', 'davkit.browser.js'];
for (const bundle of BUNDLES) {
  if (!existsSync(resolve(DIST, bundle))) {
    console.error(`dist/${bundle} is missing: run \`npm run build\` first.`);
    process.exit(1);
  }
}

/** The stream entry with its pacing off: the same source, the work budget replaced by Infinity. */
async function unpacedBundle(): Promise<string> {
  const result = await build({
    entryPoints: ['src/stream/index.ts'],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    minify: true,
    write: false,
    logLevel: 'silent',
    plugins: [
      {
        name: 'unpaced',
        setup(builder) {
          builder.onLoad({ filter: /src[\\/]transport[\\/]incremental\.ts$/ }, (args) => {
            const source = readFileSync(args.path, 'utf8');
            const unpaced = source.replace(
              /const WORK_BUDGET_MS = [^;]+;/,
              'const WORK_BUDGET_MS = Infinity;',
            );
            if (unpaced === source) {
              throw new Error('WORK_BUDGET_MS not found in transport/incremental.ts');
            }
            return { contents: unpaced, loader: 'ts' };
          });
        },
      },
    ],
  });
  return result.outputFiles[0]?.text ?? '';
}

const body = Buffer.from(apacheListing(ENTRIES));

const PAGE = `<!doctype html><meta charset="utf-8"><title>davkit main thread</title>
<script type="module">
  import { decodeMultiStatusStream } from '/davkit-stream.browser.js';
  import { decodeMultiStatusStream as unpacedStream } from '/davkit-stream-unpaced.js';
  import { decodeMultiStatus } from '/davkit.browser.js';

  async function measure(decode) {
    const tasks = [];
    const observer = new PerformanceObserver((list) => tasks.push(...list.getEntries()));
    observer.observe({ type: 'longtask', buffered: true });
    const start = performance.now();
    const count = await decode();
    const end = performance.now();
    // Long-task entries are delivered after their task: give the observer a few turns.
    await new Promise((resolve) => setTimeout(resolve, 200));
    observer.disconnect();
    const during = tasks.filter((task) => task.startTime + task.duration > start && task.startTime < end);
    return {
      count,
      totalMs: end - start,
      longTasks: during.length,
      maxLongTaskMs: Math.max(0, ...during.map((task) => task.duration)),
    };
  }

  async function stream(decoder) {
    const response = await fetch('/listing.xml');
    let count = 0;
    for await (const _ of decoder(response.body, { contentType: response.headers.get('content-type') })) count++;
    return count;
  }

  window.bench = {
    stream: () => measure(() => stream(decodeMultiStatusStream)),
    unpaced: () => measure(() => stream(unpacedStream)),
    buffered: () =>
      measure(async () => {
        const response = await fetch('/listing.xml');
        return decodeMultiStatus(await response.text()).responses.length;
      }),
  };
  document.title = 'ready';
</script>`;

async function serve(unpaced: string) {
  const files: Record<string, string | Buffer> = {
    '/': PAGE,
    '/davkit-stream-unpaced.js': unpaced,
    ...Object.fromEntries(BUNDLES.map((bundle) => [`/${bundle}`, readFileSync(resolve(DIST, bundle))])),
  };
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    if (path === '/listing.xml') {
      sendInChunks(response);
      return;
    }
    const file = files[path];
    if (file === undefined) {
      response.writeHead(404).end();
      return;
    }
    const type = path.endsWith('.js') ? 'text/javascript' : 'text/html; charset=utf-8';
    response.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' }).end(file);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/** The listing in CHUNK-sized writes, each as soon as the socket has taken the previous one. */
function sendInChunks(response: import('node:http').ServerResponse): void {
  response.writeHead(207, {
    'content-type': 'application/xml; charset="utf-8"',
    'cache-control': 'no-store',
  });
  let at = 0;
  const next = () => {
    while (at < body.length) {
      const piece = body.subarray(at, at + CHUNK);
      at += CHUNK;
      if (!response.write(piece)) {
        response.once('drain', next);
        return;
      }
    }
    response.end();
  };
  next();
}

interface Figures {
  readonly count: number;
  readonly totalMs: number;
  readonly longTasks: number;
  readonly maxLongTaskMs: number;
}

type Mode = 'stream' | 'buffered' | 'unpaced';
const MODES: readonly Mode[] = ['stream', 'buffered', 'unpaced'];
const LABELS: Record<Mode, string> = {
  stream: 'stream   decodeMultiStatusStream(response.body)',
  buffered: 'buffered decodeMultiStatus(await response.text())',
  unpaced: 'stream, pacing off (comparison only)',
};

async function runOnce(browser: Browser, origin: string, mode: Mode): Promise<Figures> {
  const page = await browser.newPage();
  try {
    await page.goto(origin);
    await page.waitForFunction(() => document.title === 'ready');
    return await page.evaluate(
      (m) =>
        (window as unknown as { bench: Record<string, () => Promise<Figures>> }).bench[
          m
        ]?.() as Promise<Figures>,
      mode,
    );
  } finally {
    await page.close();
  }
}

const { server, origin } = await serve(await unpacedBundle());
const browser = await launchChromium();
const results: Record<Mode, Figures[]> = { stream: [], buffered: [], unpaced: [] };
try {
  await runOnce(browser, origin, 'stream'); // warm-up: the browser's caches, the server's JIT
  for (let run = 0; run < RUNS; run++) {
    for (const mode of MODES) {
      const figures = await runOnce(browser, origin, mode);
      if (figures.count !== ENTRIES + 1) {
        throw new Error(`${mode}: ${figures.count} responses, expected ${ENTRIES + 1}`);
      }
      results[mode].push(figures);
    }
  }
} finally {
  await browser.close();
  server.close();
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const summary = Object.fromEntries(
  MODES.map((mode) => {
    const runs = results[mode];
    return [
      mode,
      {
        maxLongTaskMs: Math.round(Math.max(...runs.map((r) => r.maxLongTaskMs))),
        medianMaxLongTaskMs: Math.round(median(runs.map((r) => r.maxLongTaskMs))),
        longTasks: runs.map((r) => r.longTasks),
        totalMs: runs.map((r) => Math.round(r.totalMs)),
      },
    ];
  }),
);

if (JSON_ONLY) {
  console.log(JSON.stringify({ entries: ENTRIES, bytes: body.length, chunk: CHUNK, runs: RUNS, ...summary }));
} else {
  const { version } = browser;
  console.log(
    `Chromium ${typeof version === 'function' ? version.call(browser) : ''}: ${ENTRIES.toLocaleString('en')} entries, ` +
      `${(body.length / 1e6).toFixed(1)} MB, sent in ${CHUNK / 1024} KiB chunks; ${RUNS} runs each, a fresh page per run.`,
  );
  console.log('Long tasks (> 50 ms) on the main thread while the listing is decoded (every run listed):\n');
  for (const mode of MODES) {
    const runs = results[mode];
    const list = (pick: (figures: Figures) => number) => runs.map((r) => Math.round(pick(r))).join(' / ');
    console.log(LABELS[mode]);
    console.log(`  longest long task: ${list((r) => r.maxLongTaskMs)} ms`);
    console.log(`  long tasks:        ${list((r) => r.longTasks)}`);
    console.log(`  total time:        ${list((r) => r.totalMs)} ms`);
  }
  console.log('\n(a longest long task of 0 ms: no task over 50 ms.)');
}
