import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { Browser } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { davServer } from '../harness/fixture.ts';
import { launchChromium } from '../helpers/chromium.ts';
import { type StaticServer, serveStatic } from '../helpers/static-server.ts';

// The built, minified browser bundle, loaded by a plain <script type="module"> in a page served from
// one origin, talking to a real Apache on another: the preflight is real and must pass.

const PAGE = `<!doctype html><meta charset="utf-8"><title>davkit bundle</title>
<script type="module">
  import * as davkit from '/davkit.browser.js';
  window.davkit = davkit;
  document.title = 'ready';
</script>`;

let browser: Browser;
let site: StaticServer;

beforeAll(async () => {
  site = await serveStatic(resolve('dist'), { '/': PAGE });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
});

describe('dist/davkit.browser.js in a page', () => {
  it('lists a directory on a cross-origin Apache after a CORS preflight', async () => {
    const apache = davServer('apache');
    const page = await browser.newPage();
    await page.goto(site.origin);
    await page.waitForFunction(() => document.title === 'ready');
    const dir = `bundle-${Date.now()}`;
    const listed = await page.evaluate(
      async ({ baseUrl, dir }) => {
        const { createClient } = (window as unknown as { davkit: typeof import('../../src/index.ts') })
          .davkit;
        const dav = createClient({ baseUrl });
        await dav.mkcol(`/${dir}/`);
        await dav.put(`/${dir}/caf\u00e9.txt`, 'Gr\u00fcn');
        const entries = await dav.list(`/${dir}/`);
        return entries.map((entry) => ({ path: entry.path, size: entry.size, type: entry.type }));
      },
      { baseUrl: apache.baseUrl, dir },
    );
    expect(listed).toEqual([{ path: `/${dir}/café.txt`, size: 5, type: 'file' }]); // 'Grün' is 5 bytes of UTF-8
    const log = await readFile(join(dirname(dirname(apache.dataDir)), 'logs', 'access.log'), 'utf8');
    expect(log).toMatch(new RegExp(`"OPTIONS /dav/${dir}/ HTTP/1.1" 200`));
    expect(log).toMatch(new RegExp(`"PROPFIND /dav/${dir}/ HTTP/1.1" 207`));
    await page.close();
  });
});
