/**
 * Foreground server processes: spawn, wait for readiness, stop (real-servers.md §2, "Shared pattern").
 */

import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync, rmSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Workspace } from './system.ts';
import { DAV_PATH } from './system.ts';
import type { HarnessServerName, RunningServer } from './types.ts';

const READY_TIMEOUT_MS = 30_000;
const KILL_GRACE_MS = 5_000;

/** Children still alive and their workspaces, so a harness that exits without stop() cleans up. */
const live = new Set<ChildProcess>();
const workspaces = new Set<string>();
process.once('exit', () => {
  for (const child of live) {
    child.kill('SIGTERM');
  }
  for (const root of workspaces) {
    rmSync(root, { recursive: true, force: true });
  }
});

/** What to run and how to describe the result. */
export interface LaunchOptions {
  name: HarnessServerName;
  ws: Workspace;
  port: number;
  command: string;
  args: readonly string[];
  env?: NodeJS.ProcessEnv;
  /** server-side logs to show (tail) when start-up fails, besides the process's own stdout/stderr */
  logFiles?: readonly string[];
  fileOwner: string;
  cors: boolean;
}

function tail(file: string, chars = 3000): string {
  try {
    const text = readFileSync(file, 'utf8');
    return text.length > chars ? `…${text.slice(-chars)}` : text;
  } catch {
    return '(no log)';
  }
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function hasExited(child: ChildProcess): boolean {
  // pid is undefined when spawn itself failed (ENOENT): no 'exit' event will ever come.
  return child.pid === undefined || child.exitCode !== null || child.signalCode !== null;
}

/** SIGTERM, then SIGKILL after 5 s; resolves once the process is gone. */
export async function stopProcess(child: ChildProcess): Promise<void> {
  if (!hasExited(child)) {
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), KILL_GRACE_MS);
    await exited;
    clearTimeout(timer);
  }
  live.delete(child);
}

async function removeWorkspace(root: string): Promise<void> {
  await rm(root, { recursive: true, force: true });
  workspaces.delete(root);
}

async function answers(url: string): Promise<boolean> {
  try {
    const res = await fetch(url, { method: 'OPTIONS', signal: AbortSignal.timeout(2_000) });
    await res.arrayBuffer();
    return true;
  } catch {
    return false;
  }
}

/**
 * Spawn a server in the foreground and wait until `OPTIONS <baseUrl>` answers (any status).
 * On failure the process is stopped, the workspace removed, and the error carries the log tails.
 */
export async function launch(opts: LaunchOptions): Promise<RunningServer> {
  const { ws, port } = opts;
  const origin = `http://127.0.0.1:${port}`;
  const baseUrl = `${origin}${DAV_PATH}`;
  const procLog = join(ws.logDir, 'process.log');
  const fd = openSync(procLog, 'a');
  const child = spawn(opts.command, opts.args, {
    cwd: ws.root,
    env: opts.env ?? process.env,
    stdio: ['ignore', fd, fd],
  });
  closeSync(fd);
  live.add(child);
  workspaces.add(ws.root);
  let spawnError: Error | undefined;
  child.once('error', (err) => {
    spawnError = err;
  });

  const logs = (): string =>
    [procLog, ...(opts.logFiles ?? [])].map((f) => `--- ${f}\n${tail(f)}`).join('\n');
  const fail = async (why: string): Promise<never> => {
    const text = logs();
    await stopProcess(child);
    await removeWorkspace(ws.root);
    throw new Error(`${opts.name} WebDAV server ${why}\n${opts.command} ${opts.args.join(' ')}\n${text}`);
  };

  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    if (spawnError !== undefined) {
      return fail(`could not be spawned: ${spawnError.message}`);
    }
    if (hasExited(child)) {
      return fail(`exited during start-up (code ${child.exitCode}, signal ${child.signalCode})`);
    }
    if (await answers(baseUrl)) {
      break;
    }
    if (Date.now() > deadline) {
      return fail(`did not answer OPTIONS ${baseUrl} within ${READY_TIMEOUT_MS / 1000} s`);
    }
    await sleep(50);
  }

  let stopping: Promise<void> | undefined;
  return {
    name: opts.name,
    origin,
    baseUrl,
    dataDir: ws.dataDir,
    fileOwner: opts.fileOwner,
    cors: opts.cors,
    stop(): Promise<void> {
      stopping ??= stopProcess(child).then(() => removeWorkspace(ws.root));
      return stopping;
    },
  };
}
