/// <reference path="./provided.d.ts" />
/**
 * vitest globalSetup: starts the real WebDAV servers once per run and provides their plain-data
 * descriptions as `davServers` (read them with `davServer(name)` from fixture.ts / dav-servers.ts).
 *
 * `DAVKIT_SERVERS=apache,sabredav` starts only those servers (fast local runs); default: all six.
 */
import type { TestProject } from 'vitest/node';
import { startFaultProxy } from './fault-proxy.ts';
import { selectedServers, startServers, toInfo } from './servers/index.ts';
import type { HarnessServerName, ServerInfo } from './servers/types.ts';

/** Start the selected servers in parallel; the returned teardown stops them and removes their temp dirs. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const servers = await startServers(selectedServers());
  const infos: Partial<Record<HarnessServerName, ServerInfo>> = {};
  for (const server of servers) {
    infos[server.name] = toInfo(server);
  }
  // The provided type is a full Record for convenient access; with DAVKIT_SERVERS it is a subset,
  // which davServer() reports by name.
  project.provide('davServers', infos as Record<HarnessServerName, ServerInfo>);
  // A fault proxy browser tests can point at a server and arm over HTTP (test/harness/fault-proxy.ts).
  const proxy = await startFaultProxy(infos.apache?.origin ?? 'http://127.0.0.1:1');
  project.provide('faultProxy', proxy.origin);
  return async () => {
    await Promise.all([...servers.map((s) => s.stop()), proxy.close()]);
  };
}
