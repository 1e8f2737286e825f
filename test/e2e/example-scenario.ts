import { mkdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ExampleName, lockfileProblems, prepareExample } from '../../scripts/example.ts';
import {
  LOCKED_PATH,
  SEEDED_FILES,
  type SeededServer,
  seedExampleServer,
} from '../../scripts/example-seed.ts';
import { type DiskResource, davServer, freshCollection } from '../harness/fixture.ts';
import { launchChromium } from '../helpers/chromium.ts';
import { type StaticServer, serveStatic } from '../helpers/static-server.ts';

/**
 * The smoke test both example apps pass (they share their labels): the example installed from the
 * packed tarball with `npm ci` and built as a user builds it, then driven in Chromium against a real
 * cross-origin server seeded as `npm run example:*` seeds its embedded one (scripts/example-seed.ts:
 * a few files, a folder, one file locked by another user): the seed shown, upload, rename, and
 * failures shown with their root causes and fixed by "retry after fix". Used by example-react.test.ts
 * and example-angular.test.ts.
 */

/** Time for a fresh `npm ci` and build of an example on a slow machine (the file's other hooks use the default). */
const PREPARE_TIMEOUT_MS = 600_000;

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/** Declares the smoke test of `example` against `server`. */
export function describeExampleApp(example: ExampleName, server: 'apache' | 'sabredav'): void {
  const screenshot = join('.tmp', 'screenshots', `${example}.png`);
  let browser: Browser;
  let site: StaticServer;
  let page: Page;
  let col: DiskResource;
  /** The seed: its lock is held by another user (davkit from Node, on the same collection). */
  let seeded: SeededServer;

  beforeAll(async () => {
    const info = davServer(server);
    const prepared = await prepareExample(example, { log: (line) => console.log(`example-${line}`) });
    console.log(
      `example-${example}: npm ci ${prepared.install.reused ? 'reused' : `${prepared.install.ms} ms`}, ` +
        `build ${prepared.build.reused ? 'reused' : `${prepared.build.ms} ms`}`,
    );
    col = await freshCollection(info, `example-${example}`);
    seeded = await seedExampleServer(col.url);
    site = await serveStatic(prepared.root);
    browser = await launchChromium();
    page = await browser.newPage();
    await page.goto(`${site.origin}/?dav=${encodeURIComponent(col.url)}`);
  }, PREPARE_TIMEOUT_MS);

  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  const row = (name: string) => page.getByRole('row', { name, exact: true });
  const problem = () => page.getByRole('region', { name: 'Problem' });

  async function upload(name: string, content: string, folder = ''): Promise<void> {
    await page.getByLabel('File to upload').setInputFiles({
      name,
      mimeType: 'text/plain',
      buffer: Buffer.from(content),
    });
    await page.getByLabel('New folder').fill(folder);
    await page.getByRole('button', { name: 'Upload', exact: true }).click();
  }

  describe(`examples/${example} in Chromium against ${server}`, () => {
    it('has a lockfile that installs anywhere: every per-platform package, no pinned tarball', async () => {
      expect(await lockfileProblems(example)).toEqual([]);
    });

    it('shows the seed: its files, its folder, and the lock another user holds', async () => {
      for (const name of ['a.txt', 'b.txt', 'locked.txt', 'docs']) {
        await row(name).waitFor();
      }
      expect(Object.keys(SEEDED_FILES)).toContain(LOCKED_PATH);
      expect(await row('a.txt').textContent()).toContain('5 B');
      expect(await row('docs').textContent()).toContain('docs/');
      expect(await row('locked.txt').locator('.lock').textContent()).toContain('locked');
      expect(await row('locked.txt').locator('.lock').getAttribute('title')).toBe(
        'Locked by another user of the example',
      );
      expect(await row('a.txt').locator('.lock').count()).toBe(0);
      expect(await readFile(join(col.dir, 'docs', 'notes.md'), 'utf8')).toBe(SEEDED_FILES['/docs/notes.md']);
    });

    it('opens the seeded folder and comes back', async () => {
      await page.getByRole('button', { name: 'docs/' }).click();
      await row('notes.md').waitFor();
      await page.getByRole('button', { name: '..' }).click();
      await row('a.txt').waitFor();
    });

    it('uploads a file with PUT', async () => {
      await upload('upload.txt', 'uploaded from Chromium');
      await row('upload.txt').waitFor();
      expect(await readFile(join(col.dir, 'upload.txt'), 'utf8')).toBe('uploaded from Chromium');
    });

    it('renames a file with MOVE', async () => {
      await page.getByRole('button', { name: 'Rename a.txt' }).click();
      await page.getByLabel('New name for a.txt').fill('renamed.txt');
      await page.getByRole('button', { name: 'Save' }).click();
      await row('renamed.txt').waitFor();
      await row('a.txt').waitFor({ state: 'detached' });
      expect(await readFile(join(col.dir, 'renamed.txt'), 'utf8')).toBe('alpha');
      expect(await exists(join(col.dir, 'a.txt'))).toBe(false);
    });

    it('shows the 412 of a rename onto a taken name, and replaces it on request', async () => {
      await page.getByRole('button', { name: 'Rename b.txt' }).click();
      await page.getByLabel('New name for b.txt').fill('renamed.txt');
      await page.getByRole('button', { name: 'Save' }).click();
      await problem().waitFor();
      const text = await problem().textContent();
      expect(text).toContain('Rename failed');
      expect(text).toContain('412');
      expect(text).toContain('davkit cannot fix this on its own');
      await problem().getByRole('button', { name: 'Replace /renamed.txt and retry' }).click();
      await page.locator('section[data-state="fixed"]').waitFor();
      await row('b.txt').waitFor({ state: 'detached' });
      expect(await readFile(join(col.dir, 'renamed.txt'), 'utf8')).toBe('beta');
      await problem().getByRole('button', { name: 'Dismiss' }).click();
      await problem().waitFor({ state: 'detached' });
    });

    it('shows the 423 root cause of deleting the seeded locked file; retry after fix waits for the unlock', async () => {
      await page.getByRole('button', { name: 'Delete locked.txt' }).click();
      await page.locator('section[data-state="failed"]').waitFor();
      const text = await problem().textContent();
      expect(text).toContain('423');
      expect(text).toContain(`${col.path}locked.txt`);
      expect(text).toContain('wait until the lock');
      expect(await exists(join(col.dir, 'locked.txt'))).toBe(true);
      await problem().getByRole('button', { name: 'Retry after fix' }).click();
      // The fixer polls the lock; the other user releases it now.
      await seeded.release();
      await page.locator('section[data-state="fixed"]').waitFor();
      await row('locked.txt').waitFor({ state: 'detached' });
      expect(await exists(join(col.dir, 'locked.txt'))).toBe(false);
      await problem().getByRole('button', { name: 'Dismiss' }).click();
    });

    it('explains a failed batch (new folder + upload) and retries it after creating the parent', async () => {
      await upload('report.txt', 'q4', 'inbox/2026');
      await page.locator('section[data-state="failed"]').waitFor();
      const text = await problem().textContent();
      expect(text).toContain('409');
      // Explanations name client paths: the example's client is made on the collection.
      expect(text).toContain('create the collection /inbox/');
      expect(text).toContain('blocked step s2');
      await problem().getByRole('button', { name: 'Retry after fix' }).click();
      await page.locator('section[data-state="fixed"]').waitFor();
      await row('inbox').waitFor();
      expect(await readFile(join(col.dir, 'inbox', '2026', 'report.txt'), 'utf8')).toBe('q4');
    });

    it('takes a screenshot', async () => {
      await mkdir(join('.tmp', 'screenshots'), { recursive: true });
      await page.screenshot({ path: screenshot, fullPage: true });
      expect((await stat(screenshot)).size).toBeGreaterThan(0);
    });
  });
}
