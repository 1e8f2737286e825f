/**
 * How each runtime runs a probe of a consumer project (see consumer.ts): Node, Deno and Bun run
 * `<name>.cli.mjs` as a user would; workerd serves a Worker bundled from the probes the way wrangler
 * bundles one (esbuild, the `workerd`/`worker`/`browser` export conditions), and the probe runs per
 * request.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from 'esbuild';
import { freePort } from '../../harness/servers/system.ts';
import { type CommandResult, runCommand } from '../../helpers/exec.ts';
import { reportOf } from './consumer.ts';
import type { RuntimeBinaries } from './install.ts';

/** The runtimes that run a probe from a command line. */
export type CliRuntime = 'node22' | 'node24' | 'deno' | 'bun';

/** workerd's compatibility date for the Worker (the newest this workerd knows). */
export const COMPATIBILITY_DATE = '2026-11-23';

/** The command line that runs `script` in `runtime`, with network access to `hosts` only (Deno). */
export function commandFor(
  runtime: CliRuntime,
  binaries: RuntimeBinaries,
  consumerDir: string,
  script: string,
  hosts: readonly string[],
): { command: string; args: string[]; env: NodeJS.ProcessEnv } {
  switch (runtime) {
    case 'node22':
      return { command: binaries.node22, args: [script], env: process.env };
    case 'node24':
      return { command: process.execPath, args: [script], env: process.env };
    case 'deno':
      return {
        command: binaries.deno,
        // node_modules as npm laid it out (`manual`), nothing fetched (`--cached-only`), no prompts.
        args: ['run', '--no-prompt', '--cached-only', '--node-modules-dir=manual', ...denoNet(hosts), script],
        env: {
          ...process.env,
          DENO_DIR: join(consumerDir, '.deno'),
          DENO_NO_UPDATE_CHECK: '1',
          NO_COLOR: '1',
        },
      };
    case 'bun':
      return {
        command: binaries.bun,
        args: ['--no-install', script],
        env: { ...process.env, DO_NOT_TRACK: '1' },
      };
  }
}

function denoNet(hosts: readonly string[]): string[] {
  return hosts.length === 0 ? [] : [`--allow-net=${hosts.join(',')}`];
}

/** Runs probe `name` with `arg` in a command-line runtime; resolves with everything it printed. */
export function runProbe(
  runtime: CliRuntime,
  binaries: RuntimeBinaries,
  consumerDir: string,
  name: string,
  arg: string,
  hosts: readonly string[] = [new URL(arg).host],
): Promise<CommandResult> {
  const { command, args, env } = commandFor(runtime, binaries, consumerDir, `${name}.cli.mjs`, hosts);
  return runCommand(command, [...args, arg], { cwd: consumerDir, env, timeout: 60_000 });
}

/** Runs probe `name` in a command-line runtime and returns its result (throws with its output on failure). */
export async function probeResult(
  runtime: CliRuntime,
  binaries: RuntimeBinaries,
  consumerDir: string,
  name: string,
  arg: string,
): Promise<unknown> {
  return reportOf(await runProbe(runtime, binaries, consumerDir, name, arg));
}

const workerEntry = (probes: readonly string[]) => `${probes
  .map((name, i) => `import { main as probe${i} } from './${name}.main.mjs';`)
  .join('\n')}
const probes = { ${probes.map((name, i) => `${JSON.stringify(name)}: probe${i}`).join(', ')} };
export default {
  async fetch(request) {
    const url = new URL(request.url);
    const probe = probes[url.pathname.slice(1)];
    if (probe === undefined) {
      return new Response('ready');
    }
    try {
      return Response.json(await probe(url.searchParams.get('arg')));
    } catch (error) {
      return new Response(String((error && error.stack) || error), { status: 500 });
    }
  },
};
`;

const workerConfig = (port: number) => `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [
    (name = "main", worker = .worker),
    # Workers reach only public addresses by default; the harness servers are on 127.0.0.1.
    (name = "loopback", network = (allow = ["local"])),
  ],
  sockets = [ (name = "http", address = "127.0.0.1:${port}", http = (), service = "main") ],
);
const worker :Workerd.Worker = (
  modules = [ (name = "worker", esModule = embed "worker.bundle.mjs") ],
  compatibilityDate = "${COMPATIBILITY_DATE}",
  globalOutbound = "loopback",
);
`;

/** A running workerd serving the probes of one consumer. */
export interface Workerd {
  /** Runs probe `name` with `arg` in the Worker; resolves with its result (throws on failure). */
  probe(name: string, arg: string): Promise<unknown>;
  stop(): Promise<void>;
}

/**
 * Bundles the probes into one Worker and serves it with workerd. The bundle is built for the `neutral`
 * platform, so a Node built-in imported anywhere in davkit's tree would fail the build.
 */
export async function startWorkerd(
  binary: string,
  consumerDir: string,
  probes: readonly string[],
): Promise<Workerd> {
  await writeFile(join(consumerDir, 'worker.entry.mjs'), workerEntry(probes));
  await build({
    entryPoints: [join(consumerDir, 'worker.entry.mjs')],
    outfile: join(consumerDir, 'worker.bundle.mjs'),
    absWorkingDir: consumerDir,
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    conditions: ['workerd', 'worker', 'browser'],
    mainFields: ['browser', 'module', 'main'],
    logLevel: 'silent',
  });
  const port = await freePort();
  await writeFile(join(consumerDir, 'worker.capnp'), workerConfig(port));
  const child = spawn(binary, ['serve', 'worker.capnp'], {
    cwd: consumerDir,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout.on('data', (chunk: Buffer) => {
    log += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    log += chunk.toString();
  });
  const origin = `http://127.0.0.1:${port}`;
  await waitUntilServing(origin, child, () => log);
  return {
    async probe(name, arg) {
      const response = await fetch(`${origin}/${name}?arg=${encodeURIComponent(arg)}`);
      const text = await response.text();
      if (!response.ok) {
        throw new Error(`the Worker's probe ${name} failed (${response.status}):\n${text}\n${log}`);
      }
      return JSON.parse(text);
    },
    stop: () => stopChild(child),
  };
}

async function waitUntilServing(origin: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`workerd exited (${child.exitCode}):\n${log()}`);
    }
    try {
      if ((await fetch(`${origin}/`)).ok) {
        return;
      }
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await stopChild(child);
  throw new Error(`workerd did not serve ${origin} within 15 s:\n${log()}`);
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve();
  }
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
