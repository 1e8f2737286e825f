/**
 * Fixtures for Node-side tests against the real servers:
 *
 * ```ts
 * const info = davServer('apache');
 * const col = await freshCollection(info, 'lock');
 * await seedFile(info, `${col.path.slice('/dav/'.length)}a.txt`, 'hello');
 * ```
 *
 * Browser tests must import dav-servers.ts instead (this module pulls in node:fs via disk.ts).
 */
export { corsServers, davServer, hasDavServer, startedServers } from './dav-servers.ts';
export type { DiskResource } from './disk.ts';
export { freshCollection, seedFile } from './disk.ts';
export type { HarnessServerName, ServerInfo, ServerName } from './servers/types.ts';
