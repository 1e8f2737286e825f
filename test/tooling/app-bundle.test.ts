/**
 * What an app pays for what it imports (issue 16): `createClient` + `list` + `getText`, built from
 * davkit's ESM output by rollup and by Vite with tree-shaking and code-splitting
 * (`scripts/app-bundle.ts`), then run. The budgets are in bundle-budget.json; bench/RESULTS.md has the
 * figures. The app talks to an in-process HTTP server: what is measured is which of davkit's code a
 * browser would load, not any server's behaviour, and Node runs the built files as they are.
 */

import { execFile } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppBuild, buildApp } from '../../scripts/app-bundle.ts';

const execFileAsync = promisify(execFile);

const LISTING = `<?xml version="1.0"?><D:multistatus xmlns:D="DAV:">
<D:response><D:href>/dav/</D:href><D:propstat><D:prop><D:resourcetype><D:collection/></D:resourcetype></D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response>
<D:response><D:href>/dav/hello.txt</D:href><D:propstat><D:prop><D:resourcetype/><D:getcontentlength>5</D:getcontentlength></D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response>
</D:multistatus>`;

/** What the app asks for, answered as a WebDAV server would (PROPFIND Depth 1, GET). */
function startServer(): Promise<Server> {
  const server = createServer((request, response) => {
    if (request.method === 'PROPFIND') {
      response.writeHead(207, { 'content-type': 'application/xml; charset=utf-8' }).end(LISTING);
    } else if (request.method === 'GET' && request.url === '/dav/hello.txt') {
      response.writeHead(200, { 'content-type': 'text/plain' }).end('hello');
    } else {
      response.writeHead(404).end();
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/**
 * Runs a built app in a Node child process (vitest would load it through its own module runner) and
 * resolves with the app's result and the files of `build` Node loaded for it.
 */
async function runApp(build: AppBuild, url: string): Promise<{ result: unknown; loaded: string[] }> {
  const runner = `
    import { registerHooks } from 'node:module';
    const prefix = ${JSON.stringify(`${pathToFileURL(build.dir).href}/`)};
    const loaded = new Set();
    registerHooks({ load(url, context, next) { if (url.startsWith(prefix)) loaded.add(url.slice(prefix.length)); return next(url, context); } });
    globalThis.DAVKIT_APP_URL = ${JSON.stringify(url)};
    await import(${JSON.stringify(pathToFileURL(join(build.dir, build.entry)).href)});
    console.log(JSON.stringify({ result: globalThis.DAVKIT_APP_RESULT, loaded: [...loaded].sort() }));`;
  const { stdout } = await execFileAsync(process.execPath, ['--input-type=module', '-e', runner]);
  return JSON.parse(stdout) as { result: unknown; loaded: string[] };
}

describe('an app that lists and reads pays for that, not for the whole client', () => {
  let builds: { rollup: AppBuild; vite: AppBuild; dir: string };
  let server: Server;
  let budget: Record<string, number>;

  beforeAll(async () => {
    builds = await buildApp(true);
    server = await startServer();
    budget = JSON.parse(await readFile('bundle-budget.json', 'utf8')) as Record<string, number>;
  });
  afterAll(async () => {
    server?.close();
    await rm(builds?.dir ?? '.tmp/none', { recursive: true, force: true });
  });

  it.each(['rollup', 'vite'] as const)(
    'built by %s: within budget, no fast-xml-parser, features split out',
    (name) => {
      const build = builds[name];
      const initial = budget[`app: createClient + list + getText (${name}, everything loaded)`];
      expect(initial, 'a budget for the app').toBeTypeOf('number');
      expect(build.initial, `${name}: ${build.initial} B gzip loaded at start`).toBeLessThanOrEqual(
        initial as number,
      );
      // What loads on first use is in chunks of its own, none loaded at start.
      const lazy = build.chunks.filter((chunk) => !chunk.initial).map((chunk) => chunk.file);
      for (const feature of ['probe', 'sync', 'run', 'digest']) {
        expect(
          lazy.some((file) => new RegExp(`(^|/)${feature}-`).test(file)),
          `${feature} in ${lazy}`,
        ).toBe(true);
      }
    },
  );

  it.each(['rollup', 'vite'] as const)('built by %s: carries no fast-xml-parser', async (name) => {
    for (const chunk of builds[name].chunks) {
      const code = await readFile(join(builds[name].dir, chunk.file), 'utf8');
      expect(code, chunk.file).not.toMatch(/preserveOrder|cdataPropName/);
    }
  });

  it('run: it lists and reads, and loads exactly the files counted as loaded at start', async () => {
    const { port } = server.address() as AddressInfo;
    const build = builds.rollup;
    const { result, loaded } = await runApp(build, `http://127.0.0.1:${port}/dav/`);
    expect(result).toEqual({ names: ['hello.txt'], text: 'hello' });
    const initial = build.chunks.filter((chunk) => chunk.initial).map((chunk) => chunk.file);
    expect(loaded).toEqual(initial.sort());
  });
});
