/**
 * Entry point for starting the real WebDAV servers by name.
 */
import { startApache } from './apache.ts';
import { startNginx } from './nginx.ts';
import { startRadicale } from './radicale.ts';
import { startRclone } from './rclone.ts';
import { startSabredav } from './sabredav.ts';
import type { HarnessServerName, RunningServer, ServerInfo, ServerName } from './types.ts';
import { startWebdavServer } from './webdav-server.ts';

export type { HarnessServerName, RunningServer, ServerInfo, ServerName } from './types.ts';

/** The file servers, in a stable order. */
export const FILE_SERVER_NAMES: readonly ServerName[] = [
  'apache',
  'nginx',
  'rclone',
  'sabredav',
  'webdav-server',
];

/** Every server the harness knows, in a stable order: the file servers, then Radicale. */
export const SERVER_NAMES: readonly HarnessServerName[] = [...FILE_SERVER_NAMES, 'radicale'];

const STARTERS: Record<HarnessServerName, () => Promise<RunningServer>> = {
  apache: startApache,
  nginx: startNginx,
  rclone: startRclone,
  sabredav: startSabredav,
  'webdav-server': startWebdavServer,
  radicale: startRadicale,
};

/** Type guard for names coming from the environment or the command line. */
export function isServerName(value: string): value is HarnessServerName {
  return (SERVER_NAMES as readonly string[]).includes(value);
}

/** Type guard for the file servers (every server but Radicale). */
export function isFileServerName(value: string): value is ServerName {
  return (FILE_SERVER_NAMES as readonly string[]).includes(value);
}

/** Bind failures look like this in apache, nginx, rclone, php -S and Node alike. */
const PORT_TAKEN = /address already in use|EADDRINUSE/i;

/**
 * Start one server on a free port with a fresh DAV root; call `stop()` when done.
 * Retried (up to 3 attempts) only when the port was taken between probing and binding.
 */
export async function startServer(name: HarnessServerName): Promise<RunningServer> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await STARTERS[name]();
    } catch (err) {
      if (attempt >= 3 || !(err instanceof Error) || !PORT_TAKEN.test(err.message)) {
        throw err;
      }
    }
  }
}

/** The plain-data part of a running server (drops `stop`), for vitest `provide`. */
export function toInfo(server: RunningServer): ServerInfo {
  const { name, origin, baseUrl, dataDir, fileOwner, cors } = server;
  return { name, origin, baseUrl, dataDir, fileOwner, cors };
}

/**
 * Servers selected by `DAVKIT_SERVERS` (comma list, e.g. `apache,sabredav`), or all of them when unset/empty.
 * @throws on an unknown name, so a typo does not silently run fewer servers
 */
export function selectedServers(env: string | undefined = process.env.DAVKIT_SERVERS): HarnessServerName[] {
  const wanted = (env ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (wanted.length === 0) {
    return [...SERVER_NAMES];
  }
  const unknown = wanted.filter((s) => !isServerName(s));
  if (unknown.length > 0) {
    throw new Error(
      `DAVKIT_SERVERS: unknown server(s) ${unknown.join(', ')}; known: ${SERVER_NAMES.join(', ')}`,
    );
  }
  return SERVER_NAMES.filter((n) => wanted.includes(n));
}

/**
 * Start several servers in parallel. If any fails, the ones that did start are stopped and the
 * first error is rethrown (with every failure message attached).
 */
export async function startServers(names: readonly HarnessServerName[]): Promise<RunningServer[]> {
  const results = await Promise.allSettled(names.map((n) => startServer(n)));
  const started = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  const errors = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
  if (errors.length > 0) {
    await Promise.all(started.map((s) => s.stop()));
    const text = errors.map((e) => (e instanceof Error ? e.message : String(e))).join('\n\n');
    throw new Error(`could not start WebDAV test servers:\n${text}`);
  }
  return started;
}
