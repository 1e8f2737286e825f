/**
 * Shared setup for the interop tests (Node only): a fresh collection per test on a real server, the
 * client of the test and, for lock conflicts, a second client with its own lock store.
 */
import type { DavClient } from '../../src/client/client.ts';
import { createClient } from '../../src/client/create-client.ts';
import {
  type DiskResource,
  davServer,
  freshCollection,
  type ServerInfo,
  seedFile,
} from '../harness/fixture.ts';
import type { ServerName } from '../harness/servers/types.ts';

/** Every server of the harness. */
export const SERVERS: readonly ServerName[] = ['apache', 'nginx', 'rclone', 'sabredav', 'webdav-server'];

/** One test's world: a fresh collection and two independent clients rooted at it. */
export interface Scratch {
  readonly info: ServerInfo;
  readonly dir: DiskResource;
  /** The client under test. */
  readonly dav: DavClient;
  /** "Another client": same server, its own (empty) lock store. */
  readonly other: DavClient;
  /** Writes a file below the collection straight on disk (`sub/a.txt`). */
  seed(relPath: string, content: string | Uint8Array): Promise<DiskResource>;
  /** The absolute server path of a client path (`/a.txt` → `/dav/label-1a2b/a.txt`). */
  path(clientPath: string): string;
}

/** A fresh collection on `name`, with two clients rooted at it. */
export async function scratch(name: ServerName, label: string): Promise<Scratch> {
  const info = davServer(name);
  const dir = await freshCollection(info, label);
  const rel = dir.path.slice('/dav/'.length);
  return {
    info,
    dir,
    dav: createClient({ baseUrl: dir.url }),
    other: createClient({ baseUrl: dir.url }),
    seed: (relPath, content) => seedFile(info, `${rel}${relPath}`, content),
    path: (clientPath) => `${dir.path}${clientPath.replace(/^\//, '')}`,
  };
}

/** The error a promise rejects with (`undefined` when it resolves). */
export function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (error: unknown) => error,
  );
}
