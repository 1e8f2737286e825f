/// <reference path="./provided.d.ts" />
/**
 * Access to the servers started by global-setup.ts. Browser-safe (no node: imports), so browser
 * tests import this module; Node tests can use fixture.ts, which re-exports it.
 */
import { inject } from 'vitest';
import type { HarnessServerName, ServerInfo } from './servers/types.ts';

/** Every server name, in the order global-setup starts them (duplicated here to stay browser-safe). */
const ALL: readonly HarnessServerName[] = [
  'apache',
  'nginx',
  'rclone',
  'sabredav',
  'webdav-server',
  'radicale',
];

function provided(): Partial<Record<HarnessServerName, ServerInfo>> {
  // Partial: with DAVKIT_SERVERS set, global-setup only starts (and provides) a subset.
  return inject('davServers') ?? {};
}

/**
 * The running server `name`.
 * @throws when it was not started (DAVKIT_SERVERS subset, or global-setup missing from the config)
 */
export function davServer(name: HarnessServerName): ServerInfo {
  const info = provided()[name];
  if (info === undefined) {
    throw new Error(
      `WebDAV server "${name}" is not running: check DAVKIT_SERVERS and that test/harness/global-setup.ts ` +
        'is in the vitest globalSetup of this project',
    );
  }
  return info;
}

/** Names of the servers running for this run, e.g. for `describe.each`. */
export function startedServers(): HarnessServerName[] {
  const servers = provided();
  return ALL.filter((n) => servers[n] !== undefined);
}

/** Whether `name` runs in this run, for `describe.skipIf(!hasDavServer('nginx'))`. */
export function hasDavServer(name: HarnessServerName): boolean {
  return provided()[name] !== undefined;
}

/** Running servers that answer CORS preflights (all but rclone): the ones browser tests can reach. */
export function corsServers(): HarnessServerName[] {
  const servers = provided();
  return ALL.filter((n) => servers[n]?.cors === true);
}
