/**
 * rclone `serve webdav` (golang.org/x/net/webdav). No CORS option in 1.60, so Node-side tests only
 * (real-servers.md §2 "rclone", §9).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { launch } from './process.ts';
import { createWorkspace, currentUser, freePort, requireTools } from './system.ts';
import type { RunningServer } from './types.ts';

/** Start rclone serving a fresh DAV root at `http://127.0.0.1:<port>/dav/`. */
export async function startRclone(): Promise<RunningServer> {
  const [rclone] = requireTools('rclone', [{ need: 'rclone', pkg: 'rclone' }]);
  const owner = currentUser();
  const ws = await createWorkspace('rclone', owner);
  const port = await freePort();
  // An empty --config keeps rclone away from any user rclone.conf.
  const conf = join(ws.root, 'rclone.conf');
  await writeFile(conf, '');
  const cacheDir = join(ws.root, 'cache');
  await mkdir(cacheDir);
  const logFile = join(ws.logDir, 'rclone.log');
  return launch({
    name: 'rclone',
    ws,
    port,
    command: rclone ?? 'rclone',
    args: [
      'serve',
      'webdav',
      ws.dataDir,
      '--addr',
      `127.0.0.1:${port}`,
      '--baseurl',
      '/dav',
      // The VFS caches directory listings for 5 min by default; tests seed files straight on disk
      // and must see them at once.
      '--dir-cache-time',
      '0s',
      '--config',
      conf,
      '--cache-dir',
      cacheDir,
      '--log-file',
      logFile,
      '-v',
    ],
    logFiles: [logFile],
    fileOwner: owner,
    cors: false,
  });
}
