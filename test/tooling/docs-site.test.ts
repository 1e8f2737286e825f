import { mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../helpers/chromium.ts';
import { output, runCommand } from '../helpers/exec.ts';
import { type StaticServer, serveStatic } from '../helpers/static-server.ts';

/**
 * The typedoc site a newcomer walks (issue 12.7): built as `npm run docs` builds it, served, and opened
 * in real headless Chromium. The landing page leads to the `davkit` module, whose API is in groups,
 * Client first, with `createClient` in it and on screen without scrolling. Screenshots of both pages
 * go to `.tmp/screenshots/`.
 */

const OUT = join('.tmp', 'docs-site-test');
const SHOTS = join('.tmp', 'screenshots');
const GROUPS = [
  'Client',
  'Errors',
  'Batches and root causes',
  'Large files',
  'Multi-Status decoding',
  'Low level',
];

describe('the documentation site in Chromium', () => {
  let browser: Browser;
  let site: StaticServer;
  let page: Page;

  beforeAll(async () => {
    const built = await runCommand('npx', ['typedoc', '--options', 'typedoc.json', '--out', OUT]);
    expect(built.code, output(built)).toBe(0);
    site = await serveStatic(OUT);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await mkdir(SHOTS, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  it('opens on a landing page named davkit that leads to the grouped API, Client first', async () => {
    await page.goto(`${site.origin}/`);
    expect(await page.title()).toMatch(/^davkit/);
    expect(await page.locator('h1').first().textContent()).toBe('davkit');
    const shot = join(SHOTS, 'docs-landing.png');
    await page.screenshot({ path: shot, fullPage: true });
    expect((await stat(shot)).size).toBeGreaterThan(10_000);
    const groups = await page.locator('.col-content ol > li > strong').allTextContents();
    expect(groups).toEqual(GROUPS);
    await page.locator('.col-content a.tsd-kind-module', { hasText: /^davkit$/ }).click();
    await page.waitForURL(/modules\/davkit\.html/);
  });

  it('lists the davkit module in groups, Client first, with createClient in it and on screen', async () => {
    await page.goto(`${site.origin}/modules/davkit.html`);
    const shot = join(SHOTS, 'docs-davkit.png');
    await page.screenshot({ path: shot });
    expect((await stat(shot)).size).toBeGreaterThan(10_000);
    const groups = page.locator('.col-content details.tsd-member-group');
    expect((await groups.locator('summary h2').allTextContents()).map((text) => text.trim())).toEqual(GROUPS);
    const firstGroup = groups.first();
    expect(await firstGroup.locator('dt a').allTextContents()).toContain('createClient');
    const link = firstGroup.locator('dt a', { hasText: /^createClient$/ });
    const box = await link.boundingBox();
    expect(box).not.toBeNull();
    expect((box as { y: number }).y).toBeLessThan(900);
    await link.click();
    await page.waitForURL(/functions\/davkit\.createClient\.html/);
    expect(await page.locator('h1').textContent()).toContain('createClient');
  });
});
