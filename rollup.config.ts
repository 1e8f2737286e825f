import { nodeResolve } from '@rollup/plugin-node-resolve';
import type { RollupOptions, WarningHandlerWithDefault } from 'rollup';
import { dts } from 'rollup-plugin-dts';
import esbuild from 'rollup-plugin-esbuild';

/**
 * Builds, from the same sources:
 * - `dist/<entry>.js`: ESM, dependencies left as imports (bundlers and Node resolve them);
 * - `dist/<entry>.cjs`: CommonJS, with ESM-only dependencies (ky) inlined so `require` works everywhere;
 * - `dist/<entry>.d.ts` / `.d.cts`: one bundled declaration file per format;
 * - `dist/davkit.browser.js`: a minified, self-contained ESM bundle for `<script type="module">`.
 */
const entries = [{ name: 'index', input: 'src/index.ts', browser: 'dist/davkit.browser.js' }] as const;

const isBare = (id: string): boolean => !id.startsWith('.') && !id.startsWith('/') && !id.startsWith('\0');

// A dependency missing from package.json would otherwise become a silent external import.
const onwarn: WarningHandlerWithDefault = (warning, warn) => {
  if (warning.code === 'UNRESOLVED_IMPORT' || warning.code === 'CIRCULAR_DEPENDENCY') {
    throw new Error(`rollup: ${warning.message}`);
  }
  warn(warning);
};

const transpile = (minify = false) => esbuild({ target: 'es2022', tsconfig: 'tsconfig.build.json', minify });

const ESM_ONLY = ['ky'];

function builds(entry: (typeof entries)[number]): RollupOptions[] {
  return [
    {
      input: entry.input,
      external: isBare,
      plugins: [transpile()],
      output: { file: `dist/${entry.name}.js`, format: 'es', sourcemap: true },
      onwarn,
    },
    {
      input: entry.input,
      external: (id) => isBare(id) && !ESM_ONLY.some((dep) => id === dep || id.startsWith(`${dep}/`)),
      plugins: [nodeResolve({ resolveOnly: ESM_ONLY }), transpile()],
      output: { file: `dist/${entry.name}.cjs`, format: 'cjs', sourcemap: true, exports: 'named' },
      onwarn,
    },
    {
      input: entry.input,
      plugins: [nodeResolve({ browser: true, preferBuiltins: false }), transpile(true)],
      output: { file: entry.browser, format: 'es', sourcemap: true },
      onwarn,
    },
    {
      input: entry.input,
      external: isBare,
      plugins: [dts({ tsconfig: 'tsconfig.build.json' })],
      output: [
        { file: `dist/${entry.name}.d.ts`, format: 'es' },
        { file: `dist/${entry.name}.d.cts`, format: 'es' },
      ],
      onwarn,
    },
  ];
}

export default entries.flatMap(builds);
