/**
 * What an app pays for what it imports from davkit: a tiny app (`createClient` + `list` + `getText`)
 * built the way users build theirs, from davkit's built ESM output resolved through its package
 * `exports` (a `node_modules/davkit` link to this checkout, so `ky` and `fast-xml-parser` resolve as
 * installed), with tree-shaking, minification and code-splitting, by rollup and by Vite.
 *
 *   npx node scripts/app-bundle.ts        build both, print the gzip figures as JSON
 *
 * `npm run build` first: this reads `dist/`.
 */
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ROOT } from './pack-for-examples.ts';

/** The app: list a collection, read one file. `globalThis.DAVKIT_APP_URL` is where it points. */
export const APP_SOURCE = `import { createClient } from 'davkit';
const dav = createClient({ baseUrl: globalThis.DAVKIT_APP_URL });
const entries = await dav.list('/');
const text = await dav.getText('/hello.txt');
globalThis.DAVKIT_APP_RESULT = { names: entries.map((entry) => entry.name), text };
`;

/** One output file of an app build. */
export interface AppChunk {
  readonly file: string;
  readonly gzip: number;
  /** Loaded when the app starts: the entry, or imported statically from a file that is. */
  readonly initial: boolean;
}

/** The outputs of one build, and where they are. */
export interface AppBuild {
  readonly bundler: 'rollup' | 'vite';
  readonly dir: string;
  /** The entry file, relative to `dir`. */
  readonly entry: string;
  readonly chunks: readonly AppChunk[];
  /** gzip of the entry chunk alone. */
  readonly main: number;
  /** gzip of everything loaded when the app starts (the entry and its static imports). */
  readonly initial: number;
  /** gzip of every JS file the build emitted (what a user could ever load for davkit). */
  readonly all: number;
}

async function appDir(): Promise<string> {
  await mkdir(join(ROOT, '.tmp'), { recursive: true });
  const dir = await mkdtemp(join(ROOT, '.tmp', 'app-bundle-'));
  await mkdir(join(dir, 'node_modules'), { recursive: true });
  await symlink(ROOT, join(dir, 'node_modules', 'davkit'), 'dir');
  await writeFile(join(dir, 'app.js'), APP_SOURCE);
  await writeFile(
    join(dir, 'index.html'),
    '<!doctype html><html><body><script type="module" src="./app.js"></script></body></html>\n',
  );
  return dir;
}

/** Static imports of an ES module's code (`import … from "./x.js"`, `import "./x.js"`). */
function staticImports(code: string): string[] {
  const found: string[] = [];
  for (const match of code.matchAll(/\bimport\s*(?:[\w$*{}\s,]+?\s*from\s*)?["']([^"']+)["']/g)) {
    found.push(match[1] as string);
  }
  return found;
}

async function measure(bundler: AppBuild['bundler'], dir: string, entry: string): Promise<AppBuild> {
  const files = (await readdir(dir, { recursive: true })).filter((file) => file.endsWith('.js'));
  const code = new Map<string, string>();
  for (const file of files) {
    code.set(file, await readFile(join(dir, file), 'utf8'));
  }
  const initial = new Set<string>();
  const visit = (file: string): void => {
    if (initial.has(file) || !code.has(file)) {
      return;
    }
    initial.add(file);
    for (const specifier of staticImports(code.get(file) as string)) {
      visit(relative(dir, join(dir, file, '..', specifier)));
    }
  };
  visit(entry);
  const chunks = files.map((file) => ({
    file,
    gzip: gzipSync(code.get(file) as string).byteLength,
    initial: initial.has(file),
  }));
  const sum = (list: readonly AppChunk[]) => list.reduce((total, chunk) => total + chunk.gzip, 0);
  return {
    bundler,
    dir,
    entry,
    chunks,
    main: chunks.find((chunk) => chunk.file === entry)?.gzip ?? 0,
    initial: sum(chunks.filter((chunk) => chunk.initial)),
    all: sum(chunks),
  };
}

/** Builds the app with rollup (node-resolve for browsers, esbuild's minifier), code-split. */
export async function buildWithRollup(dir?: string): Promise<AppBuild> {
  const root = dir ?? (await appDir());
  const { rollup } = await import('rollup');
  const { nodeResolve } = await import('@rollup/plugin-node-resolve');
  const { minify } = await import('rollup-plugin-esbuild');
  const bundle = await rollup({
    input: join(root, 'app.js'),
    plugins: [nodeResolve({ browser: true, preferBuiltins: false }), minify({ target: 'es2022' })],
    onwarn: (warning) => {
      throw new Error(`rollup: ${warning.message}`);
    },
  });
  const out = join(root, 'rollup-out');
  await bundle.write({
    dir: out,
    format: 'es',
    entryFileNames: 'app.js',
    chunkFileNames: '[name]-[hash].js',
  });
  await bundle.close();
  return measure('rollup', out, 'app.js');
}

/** Builds the app with Vite (production build, its defaults: tree-shaking, minification, chunks). */
export async function buildWithVite(dir?: string): Promise<AppBuild> {
  const root = dir ?? (await appDir());
  const { build } = await import('vite');
  const out = join(root, 'vite-out');
  await build({
    root,
    configFile: false,
    logLevel: 'silent',
    build: { outDir: out, target: 'es2022', emptyOutDir: true, modulePreload: { polyfill: false } },
  });
  const html = await readFile(join(out, 'index.html'), 'utf8');
  const entry = /<script type="module"[^>]*src="\/?([^"]+)"/.exec(html)?.[1];
  if (entry === undefined) {
    throw new Error(`vite: no module script in ${html}`);
  }
  return measure('vite', out, entry);
}

/** Both builds from one app directory, which is removed afterwards unless `keep`. */
export async function buildApp(keep = false): Promise<{ rollup: AppBuild; vite: AppBuild; dir: string }> {
  const dir = await appDir();
  try {
    return { rollup: await buildWithRollup(dir), vite: await buildWithVite(dir), dir };
  } finally {
    if (!keep) {
      await rm(dir, { recursive: true, force: true });
    }
  }
}

if (import.meta.main) {
  const { rollup, vite } = await buildApp();
  const summary = (build: AppBuild) => ({
    main: build.main,
    initial: build.initial,
    all: build.all,
    chunks: build.chunks.map((chunk) => `${chunk.file} ${chunk.gzip}${chunk.initial ? ' (initial)' : ''}`),
  });
  console.log(JSON.stringify({ rollup: summary(rollup), vite: summary(vite) }, null, 2));
}
