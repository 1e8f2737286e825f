/**
 * A user's project, as each runtime sees davkit: a temp directory where the packed tarball is installed
 * with a fresh resolution (`npm install <tarball>`, no lockfile, so the newest versions in range of
 * davkit's dependencies), plus the scenario and one entry script per way of loading davkit.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { transform } from 'esbuild';
import { type CommandResult, output, runCommand } from '../../helpers/exec.ts';

/** Loads davkit with `import`, runs the scenario, prints its report as one JSON line. */
const ESM_ENTRY = `import * as davkit from 'davkit';
import * as stream from 'davkit/stream';
import { scenario } from './scenario.mjs';
const url = globalThis.Deno ? Deno.args[0] : process.argv[2];
console.log(JSON.stringify(await scenario(davkit, stream, url)));
`;

/** Loads davkit with `require` (the CommonJS build); the scenario itself is ESM. */
const CJS_ENTRY = `const davkit = require('davkit');
const stream = require('davkit/stream');
import('./scenario.mjs').then(({ scenario }) => scenario(davkit, stream, process.argv[2])).then(
  (report) => console.log(JSON.stringify(report)),
  (error) => { console.error(error); process.exitCode = 1; },
);
`;

/** A Worker module: runs the scenario against the URL in `?dav=` and answers with the report. */
const WORKER_ENTRY = `import * as davkit from 'davkit';
import * as stream from 'davkit/stream';
import { scenario } from './scenario.mjs';
export default {
  async fetch(request) {
    const url = new URL(request.url).searchParams.get('dav');
    try {
      return Response.json(await scenario(davkit, stream, url));
    } catch (error) {
      return new Response(String(error && error.stack || error), { status: 500 });
    }
  },
};
`;

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
  await writeFile(join(dir, 'esm.mjs'), ESM_ENTRY);
  await writeFile(join(dir, 'cjs.cjs'), CJS_ENTRY);
  await writeFile(join(dir, 'worker.mjs'), WORKER_ENTRY);
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

/** The report a scenario run printed (its last stdout line), or an error with everything it printed. */
export function reportOf(result: CommandResult): unknown {
  const last = result.stdout.trim().split('\n').at(-1) ?? '';
  if (result.code !== 0 || !last.startsWith('{')) {
    throw new Error(`the scenario failed (exit ${result.code}):\n${output(result)}`);
  }
  return JSON.parse(last);
}
