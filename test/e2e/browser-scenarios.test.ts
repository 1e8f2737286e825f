import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isDavHttpError } from '../../src/errors/guards.ts';
import { createClient } from '../../src/index.ts';
import { davServer, freshCollection, seedFile } from '../harness/fixture.ts';
import { launchChromium } from '../helpers/chromium.ts';
import { type StaticServer, serveStatic } from '../helpers/static-server.ts';
import { batchRetry, listAndWrite, lockOnly, lockWriteUnlock, protectedProperty } from './scenarios.ts';

// The same scenarios in real Chromium, from a page on one origin against real Apache on another, with
// davkit loaded two ways users load it: the built browser bundle in a <script type="module">, and the
// ESM build bundled by Vite.

const BUNDLE_PAGE = `<!doctype html><meta charset="utf-8"><title>loading</title>
<script type="module">
  import * as davkit from '/davkit.browser.js';
  window.davkit = davkit;
  document.title = 'ready';
</script>`;

let browser: Browser;
const sites: Record<string, StaticServer> = {};

beforeAll(async () => {
  const outDir = resolve('.tmp/vite-app-dist');
  await build({
    root: resolve('test/e2e/vite-app'),
    logLevel: 'silent',
    configFile: false,
    resolve: { alias: { davkit: resolve('dist/index.js') } },
    build: { outDir, emptyOutDir: true, minify: true },
  });
  sites['script-tag'] = await serveStatic(resolve('dist'), { '/': BUNDLE_PAGE });
  sites.vite = await serveStatic(outDir);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await Promise.all(Object.values(sites).map((site) => site.close()));
});

async function openPage(kind: string): Promise<Page> {
  const page = await browser.newPage();
  await page.goto((sites[kind] as StaticServer).origin);
  await page.waitForFunction(() => document.title === 'ready');
  return page;
}

async function collection(label: string, files: Record<string, string> = {}) {
  const apache = davServer('apache');
  const dir = await freshCollection(apache, label);
  for (const [name, content] of Object.entries(files)) {
    await seedFile(apache, `${dir.path.slice('/dav/'.length)}${name}`, content);
  }
  return dir;
}

describe.each(['script-tag', 'vite'])('davkit in Chromium (%s), cross-origin to Apache', (kind) => {
  it('lists a directory, writes and reads a file', async () => {
    const dir = await collection(`br-${kind}-list`, { 'seed.txt': 'seed' });
    const page = await openPage(kind);
    const result = await page.evaluate(listAndWrite, { baseUrl: dir.url });
    expect(result).toEqual({
      before: ['seed.txt'],
      after: ['seed.txt', 'written.txt'],
      text: 'Grüße aus dem Browser',
    });
    await page.close();
  });

  it('turns a PROPPATCH with a protected property into MultiStatusError with its root cause', async () => {
    const dir = await collection(`br-${kind}-pp`, { 'seed.txt': 'seed' });
    const page = await openPage(kind);
    const result = await page.evaluate(protectedProperty, { baseUrl: dir.url });
    expect(result).toEqual({
      thrown: true,
      causes: [
        {
          status: 409,
          prop: '{DAV:}getetag',
          fix: 'remove-protected-property',
          dependents: ['{urn:acme}state'],
        },
      ],
    });
    await page.close();
  });

  it('locks, writes with the token in a tagged If header, and unlocks', async () => {
    const dir = await collection(`br-${kind}-lock`, { 'locked.txt': 'v1' });
    const page = await openPage(kind);
    const result = await page.evaluate(lockWriteUnlock, { baseUrl: dir.url });
    expect(result.token).toMatch(/^opaquelocktoken:/);
    expect(result.written).toBe(204);
    expect(result.held).toEqual([result.token]);
    expect(result.after).toBe(0);
    await expect(readFile(resolve(dir.dir, 'locked.txt'), 'utf8')).resolves.toBe('written under lock');
    await page.close();
  });

  it('holds a lock that another client (in Node) runs into with a 423', async () => {
    const dir = await collection(`br-${kind}-held`, { 'held.txt': 'v1' });
    const page = await openPage(kind);
    await page.evaluate(lockOnly, { baseUrl: dir.url });
    const error = await createClient({ baseUrl: dir.url })
      .put('/held.txt', 'intruder')
      .catch((e: unknown) => e);
    expect(isDavHttpError(error) && error.status).toBe(423);
    await page.evaluate(() => (window as unknown as { release: () => Promise<void> }).release());
    await expect(createClient({ baseUrl: dir.url }).put('/held.txt', 'after release')).resolves.toMatchObject(
      { status: 204 },
    );
    await page.close();
  });

  it('runs a batch whose root cause retryAfterFix() fixes', async () => {
    const dir = await collection(`br-${kind}-batch`);
    const page = await openPage(kind);
    const result = await page.evaluate(batchRetry, { baseUrl: dir.url });
    expect(result.first).toEqual(['mk:failure', 'put:failed-dependency']);
    expect(result.explanation).toContain('fix: create the collection');
    expect(result.next).toEqual(['mk:success:2', 'put:success:2']);
    expect(result.ok).toBe(true);
    expect(result.cloned).toBe(2);
    await page.close();
  });
});
