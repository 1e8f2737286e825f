/**
 * The React and Angular examples, built as a user builds them: from the packed tarball.
 *
 *   npx node scripts/example.ts react|angular        pack, `npm ci` (when needed), build, then serve the app
 *                                                    against the embedded demo WebDAV server (Ctrl-C stops)
 *   npx node scripts/example.ts build react|angular  the same without serving (what CI and the smoke tests do)
 *   npx node scripts/example.ts lock react|angular   regenerate the example's lockfile from scratch, check it
 *   npx node scripts/example.ts server               only the seeded embedded server (for an example's own
 *                                                    dev server: `npm run dev`, `npm start`)
 *
 * The embedded server starts seeded (scripts/example-seed.ts): a few files and one locked by another
 * user, so every panel of the page can be seen; pressing Enter in the terminal releases that lock.
 *
 * An install is reused while the example's package.json, lockfile and the tarball are unchanged; a
 * build while, in addition, its sources are. Everything runs on the root's Node 24 (the examples'
 * toolchains need Node ≥ 22.22).
 */
import { createHash } from 'node:crypto';
import { readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { type BuildPolicy, exec, packForExamples, ROOT } from './pack-for-examples.ts';

/** The examples, by name. */
export const EXAMPLES = ['react', 'angular'] as const;
export type ExampleName = (typeof EXAMPLES)[number];

/** Where each example's built app is (what a static server serves). */
const OUTPUT: Record<ExampleName, string> = { react: 'dist', angular: join('dist', 'browser') };
const INSTALL_STAMP = join('node_modules', '.davkit-example-install');
const BUILD_STAMP = join('dist', '.davkit-example-build');
/** Not sources: never part of the build stamp. */
const GENERATED = new Set(['node_modules', 'dist', '.angular']);

/** What {@link prepareExample} did, with how long each step took (ms; 0 when reused). */
export interface PreparedExample {
  readonly dir: string;
  /** The built app's root directory. */
  readonly root: string;
  readonly install: { readonly reused: boolean; readonly ms: number };
  readonly build: { readonly reused: boolean; readonly ms: number };
}

export function exampleDir(name: ExampleName): string {
  return join(ROOT, 'examples', name);
}

async function readOr(path: string, fallback: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    return fallback;
  }
}

async function sourceDigest(dir: string, hash = createHash('sha256'), prefix = ''): Promise<string> {
  const entries = (await readdir(join(dir, prefix), { withFileTypes: true })).sort((a, b) =>
    a.name.localeCompare(b.name),
  );
  for (const entry of entries) {
    const relative = join(prefix, entry.name);
    if (entry.isDirectory() && !GENERATED.has(entry.name)) {
      await sourceDigest(dir, hash, relative);
    } else if (entry.isFile()) {
      hash.update(relative).update(await readFile(join(dir, relative)));
    }
  }
  return prefix === '' ? hash.digest('hex') : '';
}

async function timed(step: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await step();
  return Math.round(performance.now() - start);
}

/**
 * Packs davkit, installs the example with `npm ci` unless the same install is already there, and
 * builds it unless the same build is already there.
 */
export async function prepareExample(
  name: ExampleName,
  options: { readonly buildPolicy?: BuildPolicy; readonly log?: (line: string) => void } = {},
): Promise<PreparedExample> {
  const log = options.log ?? (() => undefined);
  const dir = exampleDir(name);
  const problems = await lockfileProblems(name);
  if (problems.length > 0) {
    throw new Error(
      `examples/${name}/package-lock.json: ${problems.join('; ')}. Regenerate it: npm run example:lock -- ${name}`,
    );
  }
  const packed = await packForExamples(options.buildPolicy);
  const installKey = createHash('sha256')
    .update(await readFile(join(dir, 'package.json')))
    .update(await readFile(join(dir, 'package-lock.json')))
    .update(packed.sha256)
    .digest('hex');
  const installReused = (await readOr(join(dir, INSTALL_STAMP), '')) === installKey;
  const installMs = installReused
    ? 0
    : await timed(async () => {
        log(`${name}: npm ci`);
        await rm(join(dir, 'node_modules'), { recursive: true, force: true });
        await exec('npm', ['ci', '--no-audit', '--no-fund'], { cwd: dir });
        await writeFile(join(dir, INSTALL_STAMP), installKey);
      });
  const buildKey = createHash('sha256')
    .update(installKey)
    .update(await sourceDigest(dir))
    .digest('hex');
  const buildReused = (await readOr(join(dir, BUILD_STAMP), '')) === buildKey;
  const buildMs = buildReused
    ? 0
    : await timed(async () => {
        log(`${name}: npm run build`);
        await rm(join(dir, BUILD_STAMP), { force: true });
        await exec('npm', ['run', 'build'], { cwd: dir });
        await writeFile(join(dir, BUILD_STAMP), buildKey);
      });
  return {
    dir,
    root: join(dir, OUTPUT[name]),
    install: { reused: installReused, ms: installMs },
    build: { reused: buildReused, ms: buildMs },
  };
}

interface Lockfile {
  packages: Record<
    string,
    {
      resolved?: string;
      integrity?: string;
      dependencies?: Record<string, string>;
      optionalDependencies?: Record<string, string>;
    }
  >;
}

async function readLockfile(name: ExampleName): Promise<Lockfile> {
  return JSON.parse(await readFile(join(exampleDir(name), 'package-lock.json'), 'utf8')) as Lockfile;
}

/**
 * What would make `npm ci` of the example fail on another machine, or install a davkit that does not
 * match: optional dependencies (per-platform binaries) the lockfile lacks (npm skips one the registry
 * does not have without a word, and `npm ci` then fails where it is needed: toolchain.md §5); an
 * `integrity` pinned for the local tarball (it changes with every build of davkit, and `npm ci`
 * rejects a mismatch); davkit's runtime dependencies changed since the lockfile was made.
 */
export async function lockfileProblems(name: ExampleName): Promise<string[]> {
  const lock = await readLockfile(name);
  const problems: string[] = [];
  for (const [path, meta] of Object.entries(lock.packages)) {
    for (const dependency of Object.keys(meta.optionalDependencies ?? {})) {
      if (!resolvesInLock(lock, path, dependency)) {
        problems.push(`missing optional package: ${path || '(root)'} → ${dependency}`);
      }
    }
  }
  const davkit = lock.packages['node_modules/davkit'];
  if (davkit?.integrity !== undefined) {
    problems.push('davkit has an integrity in the lockfile: the tarball changes with every build');
  }
  const root = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as {
    dependencies?: Record<string, string>;
  };
  if (JSON.stringify(davkit?.dependencies ?? {}) !== JSON.stringify(root.dependencies ?? {})) {
    problems.push("davkit's dependencies changed since the lockfile was made");
  }
  return problems;
}

/** Whether `dependency`, required from the package at `path`, resolves in the lockfile as Node would. */
function resolvesInLock(lock: Lockfile, path: string, dependency: string): boolean {
  // The package's own node_modules, then each enclosing one.
  let base = path;
  for (;;) {
    if (lock.packages[`${base === '' ? '' : `${base}/`}node_modules/${dependency}`] !== undefined) {
      return true;
    }
    if (base === '') {
      return false;
    }
    const cut = base.lastIndexOf('/node_modules/');
    base = cut === -1 ? '' : base.slice(0, cut);
  }
}

/**
 * Regenerates an example's lockfile from scratch (toolchain.md §5), without an integrity for the
 * local davkit tarball, and checks it.
 */
async function relock(name: ExampleName): Promise<void> {
  const dir = exampleDir(name);
  await packForExamples('if-stale');
  await rm(join(dir, 'node_modules'), { recursive: true, force: true });
  await rm(join(dir, 'package-lock.json'), { force: true });
  await exec('npm', ['install', '--no-audit', '--no-fund'], { cwd: dir, quiet: false });
  const lock = await readLockfile(name);
  for (const meta of Object.values(lock.packages)) {
    if (meta.resolved?.startsWith('file:')) {
      delete meta.integrity;
    }
  }
  await writeFile(join(dir, 'package-lock.json'), `${JSON.stringify(lock, null, 2)}\n`);
  await rm(join(dir, INSTALL_STAMP), { force: true });
  const problems = await lockfileProblems(name);
  if (problems.length > 0) {
    throw new Error(`the new lockfile would not install everywhere:\n${problems.join('\n')}`);
  }
  console.log(`${name}: package-lock.json regenerated; every optional platform package is in it`);
}

async function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer()
      .once('error', () => resolve(false))
      .listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

/**
 * Starts the embedded demo server, seeded for the examples, on `DAV_PORT` (default 4918, RFC 4918:
 * the examples' default server; a free port when it is taken: the page gets it through ?dav=).
 * Enter in the terminal releases the seeded lock, as its other user would.
 */
async function startSeededServer(): Promise<{ readonly url: string; stop(): Promise<void> }> {
  const { startEmbeddedServer } = await import('../demo/embedded-server.ts');
  const { seedExampleServer } = await import('./example-seed.ts');
  const wanted = Number(process.env.DAV_PORT ?? 4918);
  const dav = await startEmbeddedServer((await portIsFree(wanted)) ? wanted : 0);
  const seeded = await seedExampleServer(dav.url);
  console.log(`embedded WebDAV server: ${dav.url} (in memory: a.txt, b.txt, docs/notes.md, locked.txt)`);
  console.log(`${seeded.lock.path} is locked by another user: press Enter here to release the lock.`);
  process.stdin.once('data', () => {
    seeded.release().then(
      () => console.log(`${seeded.lock.path}: lock released`),
      (error: unknown) =>
        console.error(`${seeded.lock.path}: the lock could not be released: ${String(error)}`),
    );
  });
  return dav;
}

/** Builds the example, then serves it and the seeded embedded server until Ctrl-C. */
async function serve(name: ExampleName): Promise<void> {
  const { serveStatic } = await import('../test/helpers/static-server.ts');
  const prepared = await prepareExample(name, { buildPolicy: 'if-stale', log: console.log });
  await stat(join(prepared.root, 'index.html'));
  const dav = await startSeededServer();
  const site = await serveStatic(prepared.root);
  console.log(`\n${name} example: ${site.origin}/?dav=${encodeURIComponent(dav.url)} (Ctrl-C stops both)`);
  process.once('SIGINT', () => {
    void Promise.all([site.close(), dav.stop()]).then(() => process.exit(0));
  });
}

/** Only the seeded embedded server, for an example's own dev server, until Ctrl-C. */
async function serveDavOnly(): Promise<void> {
  const dav = await startSeededServer();
  console.log(`open the dev server's URL with ?dav=${encodeURIComponent(dav.url)} (Ctrl-C stops)`);
  process.once('SIGINT', () => {
    void dav.stop().then(() => process.exit(0));
  });
}

function exampleName(value: string | undefined): ExampleName {
  const found = EXAMPLES.find((name) => name === value);
  if (found === undefined) {
    throw new Error(
      `usage: scripts/example.ts [build|lock] ${EXAMPLES.join('|')}, or scripts/example.ts server`,
    );
  }
  return found;
}

if (import.meta.main) {
  const [first, second] = process.argv.slice(2);
  if (first === 'build') {
    const prepared = await prepareExample(exampleName(second), { buildPolicy: 'if-stale', log: console.log });
    console.log(
      `built ${prepared.root} (npm ci ${prepared.install.reused ? 'reused' : `${prepared.install.ms} ms`}, build ${prepared.build.reused ? 'reused' : `${prepared.build.ms} ms`})`,
    );
  } else if (first === 'lock') {
    await relock(exampleName(second));
  } else if (first === 'server') {
    await serveDavOnly();
  } else {
    await serve(exampleName(first));
  }
}
