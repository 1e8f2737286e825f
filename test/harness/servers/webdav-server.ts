/**
 * npm `webdav-server` 2.6.3 in a child Node process (real-servers.md §2 "webdav-server 2.6.3", §8).
 */
import { fileURLToPath } from 'node:url';
import { corsHeaders, FULL_METHODS } from './cors.ts';
import { launch } from './process.ts';
import { createWorkspace, currentUser, freePort } from './system.ts';
import type { RunningServer } from './types.ts';

const RUNNER = fileURLToPath(new URL('./webdav-server-runner.ts', import.meta.url));

/** Start webdav-server (anonymous, in-memory locks and dead props) at `http://127.0.0.1:<port>/dav/`. */
export async function startWebdavServer(): Promise<RunningServer> {
  const owner = currentUser();
  const ws = await createWorkspace('webdav-server', owner);
  const port = await freePort();
  return launch({
    name: 'webdav-server',
    ws,
    port,
    // The runner is .ts: process.execPath must be the Node 24 that vitest / `npx node` run on.
    command: process.execPath,
    args: [RUNNER, String(port), ws.dataDir, JSON.stringify(corsHeaders(FULL_METHODS))],
    fileOwner: owner,
    cors: true,
  });
}
