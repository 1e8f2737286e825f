import { readFileSync } from 'node:fs';
import commonjs from '@rollup/plugin-commonjs';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import type { Plugin, PreRenderedChunk, RollupOptions, WarningHandlerWithDefault } from 'rollup';
import { dts } from 'rollup-plugin-dts';
import esbuild from 'rollup-plugin-esbuild';

/**
 * Builds, from the same sources, for both entries (`davkit` and `davkit/stream`):
 * - `dist/<entry>.js`: ESM, dependencies left as imports; code both entries use goes into one shared
 *   chunk, so `davkit` and `davkit/stream` share classes (an error from one is `instanceof` the other's);
 * - `dist/<entry>.cjs`: CommonJS, with ESM-only dependencies (ky) inlined so `require` works everywhere;
 * - `dist/<entry>.d.ts` / `.d.cts`: one bundled declaration file per entry and format;
 * - `dist/davkit.browser.js` and `dist/davkit-stream.browser.js`: minified, self-contained ESM bundles
 *   for `<script type="module">`. The main one never contains the streaming parser.
 */
const entries = {
  index: { input: 'src/index.ts', browser: 'dist/davkit.browser.js' },
  stream: { input: 'src/stream/index.ts', browser: 'dist/davkit-stream.browser.js' },
} as const;

const inputs = Object.fromEntries(Object.entries(entries).map(([name, entry]) => [name, entry.input]));

const isBare = (id: string): boolean => !id.startsWith('.') && !id.startsWith('/') && !id.startsWith('\0');

// A dependency missing from package.json would otherwise become a silent external import.
const onwarn: WarningHandlerWithDefault = (warning, warn) => {
  if (warning.code === 'UNRESOLVED_IMPORT' || warning.code === 'CIRCULAR_DEPENDENCY') {
    throw new Error(`rollup: ${warning.message}`);
  }
  warn(warning);
};

/**
 * Parts of fast-xml-parser's dependencies that davkit can never reach, replaced by stubs in the
 * self-contained browser bundles only (ESM/CJS consumers get the real packages). davkit passes its own
 * `entityDecoder` and `processEntities: false`, and refuses any DOCTYPE before parsing, so
 * fast-xml-parser never builds its entity decoder nor checks a DOCTYPE entity with `is-unsafe`; and it
 * sets `parseTagValue`/`parseAttributeValue` to false, so values are never turned into numbers (`strnum`).
 * If that ever changed, the stubs fail closed (every entity unsafe, decoding refused).
 */
const UNREACHABLE_STUBS: Record<string, string> = {
  'is-unsafe':
    'export const HTML = "html"; export const XML = "xml"; export function isUnsafe() { return true; }',
  '@nodable/entities': [
    'export const XML = {}, COMMON_HTML = {}, CURRENCY = {};',
    'export const ENTITY_ACTION = { BLOCK: "block", ALLOW: "allow" };',
    'export class EntityDecoder { constructor() { throw new Error("davkit: entity decoding is not bundled"); } }',
  ].join('\n'),
  strnum: 'export default function toNumber() { throw new Error("davkit: number parsing is not bundled"); }',
};

function stubUnreachable(): Plugin {
  return {
    name: 'davkit-stub-unreachable',
    resolveId: (id) => (id in UNREACHABLE_STUBS ? `\0stub:${id}` : null),
    load: (id) => (id.startsWith('\0stub:') ? UNREACHABLE_STUBS[id.slice('\0stub:'.length)] : null),
  };
}

const transpile = (minify = false) => esbuild({ target: 'es2022', tsconfig: 'tsconfig.build.json', minify });

const ESM_ONLY = ['ky'];

/**
 * The CJS build carries its own copy of each ESM-only dependency, taken from node_modules now, while the
 * ESM build imports whatever the user's install resolves. Both behave the same only if the two are one
 * version: so each such dependency must be pinned exactly in package.json, and installed at that
 * version (ky 2.2.0, inside `^2.1.0`, stopped retrying PROPFIND under `import` only).
 */
function checkInlinedVersions(): void {
  const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  const dependencies = readJson('package.json').dependencies as Record<string, string>;
  for (const dep of ESM_ONLY) {
    const wanted = dependencies[dep];
    const installed = readJson(`node_modules/${dep}/package.json`).version;
    if (wanted === undefined || !/^\d+\.\d+\.\d+$/.test(wanted) || installed !== wanted) {
      throw new Error(
        `rollup: ${dep} is inlined into the CJS build, so package.json must pin it exactly and node_modules ` +
          `must hold that version (package.json: ${wanted}, installed: ${String(installed)}); run npm ci`,
      );
    }
  }
}
checkInlinedVersions();

/** The two entries keep their published names (`dist/index.js`, `dist/stream.js`); the rest go to `dist/lib/`. */
function esmFileName(chunk: PreRenderedChunk): string {
  const module = chunk.facadeModuleId?.replaceAll('\\', '/') ?? '';
  for (const [name, entry] of Object.entries(entries)) {
    if (module.endsWith(entry.input)) {
      return `${name}.js`;
    }
  }
  return 'lib/[name].js';
}

const modules: RollupOptions[] = [
  {
    input: inputs,
    external: isBare,
    plugins: [transpile()],
    // One file per source module (under dist/lib/), so that an app's bundler sees davkit's real module
    // graph: it drops what the app never imports, and splits what the client loads on first use
    // (`import()` inside probe(), sync(), a batch's run(), Digest auth) into chunks of its own.
    output: {
      dir: 'dist',
      format: 'es',
      sourcemap: true,
      preserveModules: true,
      preserveModulesRoot: 'src',
      entryFileNames: esmFileName,
    },
    onwarn,
  },
  {
    input: inputs,
    external: (id) => isBare(id) && !ESM_ONLY.some((dep) => id === dep || id.startsWith(`${dep}/`)),
    plugins: [nodeResolve({ resolveOnly: ESM_ONLY }), transpile()],
    output: {
      dir: 'dist',
      format: 'cjs',
      sourcemap: true,
      exports: 'named',
      entryFileNames: '[name].cjs',
      chunkFileNames: 'shared-[hash].cjs',
    },
    onwarn,
  },
];

function perEntry(name: keyof typeof entries): RollupOptions[] {
  const entry = entries[name];
  return [
    {
      input: entry.input,
      plugins: [
        stubUnreachable(),
        nodeResolve({ browser: true, preferBuiltins: false }),
        commonjs(),
        transpile(true),
      ],
      // One file: what davkit loads on first use is inlined here.
      output: { file: entry.browser, format: 'es', sourcemap: true, inlineDynamicImports: true },
      onwarn,
    },
    {
      input: entry.input,
      external: isBare,
      plugins: [dts({ tsconfig: 'tsconfig.build.json' })],
      output: [
        { file: `dist/${name}.d.ts`, format: 'es' },
        { file: `dist/${name}.d.cts`, format: 'es' },
      ],
      onwarn,
    },
  ];
}

export default [...modules, ...perEntry('index'), ...perEntry('stream')];
