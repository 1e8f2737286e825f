/**
 * The Chromium part of bench/list.ts: how long `list()` holds a page's main thread. A local server
 * serves a page with `dist/davkit.browser.js` (run `npm run build` first) and npm webdav's web build;
 * the page lists a collection on the benchmark's Apache (another origin: real CORS preflights), once
 * per fresh page, while a `PerformanceObserver({ type: 'longtask' })` records every task over 50 ms.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import type { Browser } from 'playwright';
import { launchChromium } from '../test/helpers/chromium.ts';

const FILES: Record<string, string> = {
  '/davkit.js': resolve('dist/davkit.browser.js'),
  '/webdav.js': resolve('node_modules/webdav/dist/web/index.js'),
};

const PAGE = `<!doctype html><meta charset="utf-8"><title>davkit list</title>
<script type="module">
  import { createClient } from '/davkit.js';
  import { createClient as webdavClient } from '/webdav.js';

  async function measure(list) {
    const tasks = [];
    const observer = new PerformanceObserver((entries) => tasks.push(...entries.getEntries()));
    observer.observe({ type: 'longtask', buffered: true });
    const start = performance.now();
    const count = await list();
    const end = performance.now();
    await new Promise((resolve) => setTimeout(resolve, 200));
    observer.disconnect();
    const during = tasks.filter((task) => task.startTime + task.duration > start && task.startTime < end);
    return { count, totalMs: end - start, maxLongTaskMs: Math.max(0, ...during.map((task) => task.duration)) };
  }

  window.bench = {
    davkit: (url) => measure(async () => (await createClient({ baseUrl: url, timeout: 600000 }).list('/')).length),
    webdav: (url) => measure(async () => (await webdavClient(url).getDirectoryContents('/')).length),
  };
  document.title = 'ready';
</script>`;

/** One client's figures in Chromium. */
export interface BrowserFigures {
  readonly count: number;
  readonly totalMs: number;
  readonly maxLongTaskMs: number;
}

async function serve() {
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    const file = FILES[path];
    if (path === '/') {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE);
    } else if (file !== undefined) {
      response.writeHead(200, { 'content-type': 'text/javascript' }).end(readFileSync(file));
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

async function runOnce(
  browser: Browser,
  origin: string,
  client: string,
  url: string,
): Promise<BrowserFigures> {
  const page = await browser.newPage();
  try {
    await page.goto(origin);
    await page.waitForFunction(() => document.title === 'ready');
    return await page.evaluate(
      ([name, target]) =>
        (window as unknown as { bench: Record<string, (u: string) => Promise<BrowserFigures>> }).bench[
          name as string
        ]?.(target as string) as Promise<BrowserFigures>,
      [client, url],
    );
  } finally {
    await page.close();
  }
}

/** Each client listing `url` `runs` times in Chromium, a fresh page per run, alternating. */
export async function listInChromium(
  url: string,
  runs: number,
): Promise<{ readonly version: string; readonly figures: Record<'davkit' | 'webdav', BrowserFigures[]> }> {
  const { server, origin } = await serve();
  const browser = await launchChromium();
  const figures: Record<'davkit' | 'webdav', BrowserFigures[]> = { davkit: [], webdav: [] };
  try {
    await runOnce(browser, origin, 'davkit', url); // warm-up: caches, Apache's first listing
    for (let run = 0; run < runs; run++) {
      for (const client of ['davkit', 'webdav'] as const) {
        figures[client].push(await runOnce(browser, origin, client, url));
      }
    }
    return { version: browser.version(), figures };
  } finally {
    await browser.close();
    server.close();
  }
}
