/**
 * Radicale 3.1 (CalDAV/CardDAV, Debian's `radicale`), real-servers.md §2 "Radicale", §8. It is the
 * harness's server with RFC 6578 `sync-collection`. It stores only calendar and address-book objects:
 * tests make a calendar with MKCALENDAR (or an extended MKCOL) and put `.ics`/`.vcf` resources in it.
 *
 * Radicale serves from `/`; the DAV root `/dav/` is a plain collection created on disk before start
 * (a directory without `.Radicale.props`), so `baseUrl` has the same shape as the other servers'.
 */
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { corsHeaders } from './cors.ts';
import { launch } from './process.ts';
import { createWorkspace, currentUser, freePort, requireTools } from './system.ts';
import type { RunningServer } from './types.ts';

/** Radicale needs CalDAV's methods and the conditional headers, not the lock methods (§9). */
const RADICALE_METHODS: readonly string[] = [
  'GET',
  'HEAD',
  'PUT',
  'DELETE',
  'OPTIONS',
  'PROPFIND',
  'PROPPATCH',
  'MKCOL',
  'MKCALENDAR',
  'MOVE',
  'REPORT',
];

/** Every user (anonymous included) may read and write every collection, at any depth. */
const RIGHTS = `[everything]
user: .*
collection: .*
permissions: RrWw
`;

function config(o: { port: number; storage: string; rights: string; headers: Record<string, string> }) {
  const headers = Object.entries(o.headers)
    .map(([name, value]) => `${name} = ${value}`)
    .join('\n');
  return `[server]
hosts = 127.0.0.1:${o.port}

[auth]
type = none

[rights]
type = from_file
file = ${o.rights}

[storage]
filesystem_folder = ${o.storage}

[web]
type = none

[logging]
level = warning

[headers]
${headers}
`;
}

/** Start Radicale with a fresh storage; its DAV root is `http://127.0.0.1:<port>/dav/`. */
export async function startRadicale(): Promise<RunningServer> {
  const [radicale] = requireTools('radicale', [{ need: 'radicale', pkg: 'radicale' }]);
  const owner = currentUser();
  const ws = await createWorkspace('radicale', owner);
  const port = await freePort();
  const storage = join(ws.root, 'storage');
  // The DAV root as a plain (untagged) collection, so tests can seed collections below it on disk.
  const dataDir = join(storage, 'collection-root', 'dav');
  await mkdir(dataDir, { recursive: true });
  await chmod(dataDir, 0o777);
  const rights = join(ws.root, 'rights');
  await writeFile(rights, RIGHTS);
  const conf = join(ws.root, 'radicale.conf');
  await writeFile(conf, config({ port, storage, rights, headers: corsHeaders(RADICALE_METHODS) }));
  return launch({
    name: 'radicale',
    ws: { ...ws, dataDir },
    port,
    command: radicale ?? 'radicale',
    args: ['--config', conf],
    fileOwner: owner,
    cors: true,
  });
}
