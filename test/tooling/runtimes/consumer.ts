/**
 * A user's project, as each runtime sees davkit: a temp directory where the packed tarball is installed
 * with a fresh resolution (`npm install <tarball>`, no lockfile, so the newest versions in range of
 * davkit's dependencies), plus the scenario and the scripts that run it.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { transform } from 'esbuild';
import { type CommandResult, output, runCommand } from '../../helpers/exec.ts';

/**
 * A probe is a module `<name>.main.mjs` exporting `main(arg)`, which returns plain data. This wrapper
 * runs it from a command line (Node, Deno, Bun) and prints the result as one JSON line.
 */
const cliEntry = (name: string) => `import { main } from './${name}.main.mjs';
const arg = globalThis.Deno ? Deno.args[0] : process.argv[2];
console.log(JSON.stringify(await main(arg)));
`;

/** The scenario probe: davkit and `davkit/stream` loaded with `import`. */
const SCENARIO_MAIN = `import * as davkit from 'davkit';
import * as stream from 'davkit/stream';
import { scenario } from './scenario.mjs';
export const main = (url) => scenario(davkit, stream, url);
`;

/** The scenario with davkit loaded by `require` (the CommonJS build); the scenario itself is ESM. */
const CJS_ENTRY = `const davkit = require('davkit');
const stream = require('davkit/stream');
import('./scenario.mjs').then(({ scenario }) => scenario(davkit, stream, process.argv[2])).then(
  (report) => console.log(JSON.stringify(report)),
  (error) => { console.error(error); process.exitCode = 1; },
);
`;

/** Script names in a consumer: `scenario.cli.mjs` runs the scenario through `import`, `cjs.cjs` through `require`. */
export const SCENARIO = { esm: 'scenario.cli.mjs', cjs: 'cjs.cjs' } as const;

/** A consumer project with davkit installed from the tarball. */
export interface Consumer {
  readonly dir: string;
  /** The output of the `npm install`. */
  readonly install: CommandResult;
  remove(): Promise<void>;
}

/**
 * Creates a consumer project and installs the tarball into it. With `node`, npm runs on that Node
 * binary (so `--engine-strict` checks davkit's `engines` against it).
 */
export async function createConsumer(
  tarball: string,
  options: { readonly node?: string; readonly npmArgs?: readonly string[] } = {},
): Promise<Consumer> {
  const dir = await mkdtemp(join(tmpdir(), 'davkit-consumer-'));
  await writeFile(join(dir, 'package.json'), JSON.stringify({ name: 'consumer', private: true }));
  await writeFile(join(dir, 'scenario.mjs'), await scenarioModule());
  await addProbe(dir, 'scenario', SCENARIO_MAIN);
  await writeFile(join(dir, SCENARIO.cjs), CJS_ENTRY);
  const args = [
    'install',
    '--no-package-lock',
    '--no-audit',
    '--no-fund',
    ...(options.npmArgs ?? []),
    tarball,
  ];
  const install = await runCommand('npm', args, {
    cwd: dir,
    env: envWithNode(options.node),
    timeout: 120_000,
  });
  const remove = () => rm(dir, { recursive: true, force: true });
  if (install.code !== 0) {
    await remove();
    throw new Error(`npm ${args.join(' ')} failed:\n${output(install)}`);
  }
  return { dir, install, remove };
}

/**
 * Adds a probe to a consumer: `<name>.main.mjs` (the given source, exporting `main(arg)`) and
 * `<name>.cli.mjs`, which runs it and prints its result.
 */
export async function addProbe(dir: string, name: string, mainSource: string): Promise<void> {
  await writeFile(join(dir, `${name}.main.mjs`), mainSource);
  await writeFile(join(dir, `${name}.cli.mjs`), cliEntry(name));
}

/** The environment with `node`'s directory first on PATH (npm's shebang then picks that Node). */
export function envWithNode(node: string | undefined): NodeJS.ProcessEnv {
  if (node === undefined) {
    return process.env;
  }
  return { ...process.env, PATH: `${dirname(node)}${delimiter}${process.env.PATH ?? ''}` };
}

async function scenarioModule(): Promise<string> {
  const source = await readFile(join(import.meta.dirname, 'scenario.ts'), 'utf8');
  const { code } = await transform(source, { loader: 'ts', format: 'esm', target: 'es2022' });
  return code;
}

/** The result a probe run printed (its last stdout line, JSON), or an error with everything it printed. */
export function reportOf(result: CommandResult): unknown {
  const last = result.stdout.trim().split('\n').at(-1) ?? '';
  if (result.code === 0) {
    try {
      return JSON.parse(last);
    } catch {
      // reported below, with the output
    }
  }
  throw new Error(`the probe failed (exit ${result.code}):\n${output(result)}`);
}
