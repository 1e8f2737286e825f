/**
 * SabreDAV 1.8 (Debian's php-sabre-dav, not 4.x) under `php -S` (real-servers.md §2 "SabreDAV 1.8", §8).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { corsHeaders, FULL_METHODS } from './cors.ts';
import { launch } from './process.ts';
import { createWorkspace, currentUser, DAV_PATH, freePort, requireTools } from './system.ts';
import type { RunningServer } from './types.ts';

const AUTOLOAD = '/usr/share/php/Sabre/autoload.php';

/** A single-quoted PHP string literal. */
function php(value: string): string {
  return `'${value.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
}

function router(o: { dataDir: string; locksFile: string }): string {
  const cors = Object.entries(corsHeaders(FULL_METHODS))
    .map(([name, value]) => `header(${php(`${name}: ${value}`)});`)
    .join('\n');
  return `<?php
// Debian puts Sabre on PHP's include path.
require_once 'Sabre/autoload.php';
date_default_timezone_set('UTC');
// 1.8 has no PropertyStorage plugin: FSExt keeps dead properties in a hidden .sabredav file per directory.
$tree = new \\Sabre\\DAV\\FSExt\\Directory(${php(o.dataDir)});
$server = new \\Sabre\\DAV\\Server($tree);
$server->setBaseUri(${php(DAV_PATH)});
$server->addPlugin(new \\Sabre\\DAV\\Locks\\Plugin(new \\Sabre\\DAV\\Locks\\Backend\\File(${php(o.locksFile)})));
// Partial updates: PATCH with X-Update-Range (FSExt files implement IPatchSupport); advertised as
// 'sabredav-partialupdate' in the DAV header. What davkit's capability probe and uploads use.
$server->addPlugin(new \\Sabre\\DAV\\PartialUpdate\\Plugin());
// CORS on every answer, preflights included: Sabre answers OPTIONS itself (§9).
${cors}
$server->exec();
`;
}

/** Start SabreDAV serving a fresh DAV root at `http://127.0.0.1:<port>/dav/`. */
export async function startSabredav(): Promise<RunningServer> {
  const [phpBin] = requireTools('sabredav', [
    { need: 'php', pkg: 'php-cli' },
    { need: AUTOLOAD, pkg: 'php-sabre-dav' },
  ]);
  const owner = currentUser();
  const ws = await createWorkspace('sabredav', owner);
  const port = await freePort();
  // An empty docroot: every request goes through the router anyway, nothing is served statically.
  const docroot = join(ws.root, 'docroot');
  await mkdir(docroot);
  const script = join(ws.root, 'server.php');
  await writeFile(script, router({ dataDir: ws.dataDir, locksFile: join(ws.root, 'locks.dat') }));
  const errorLog = join(ws.logDir, 'php-error.log');
  return launch({
    name: 'sabredav',
    ws,
    port,
    command: phpBin ?? 'php',
    args: [
      // Warnings from the old library must stay out of response bodies (§2).
      '-d',
      'display_errors=0',
      '-d',
      'log_errors=1',
      '-d',
      `error_log=${errorLog}`,
      '-d',
      'error_reporting=E_ALL & ~E_DEPRECATED',
      '-S',
      `127.0.0.1:${port}`,
      '-t',
      docroot,
      script,
    ],
    logFiles: [errorLog],
    fileOwner: owner,
    cors: true,
  });
}
