/**
 * What the examples start against: a few files, a folder, and one file locked by another user, so that
 * every panel of the page can be seen at once (the listing, the 412 of a rename onto a taken name, the
 * 423 of deleting the locked file, the 409 of a batch into a missing folder). Seeded through davkit
 * itself, as another user of the same server would: `npm run example:react|angular`, `scripts/example.ts
 * server` and the examples' smoke tests (test/e2e/example-scenario.ts) all call {@link seedExampleServer}.
 */
import { createClient } from '../src/index.ts';

/** The files the examples start with, by client path. */
export const SEEDED_FILES: Readonly<Record<string, string>> = {
  '/a.txt': 'alpha',
  '/b.txt': 'beta',
  '/locked.txt': 'keep me',
  '/docs/notes.md': '# Notes\n\nA file in a folder: open docs/ in the listing.\n',
};

/** The file another user holds a lock on. */
export const LOCKED_PATH = '/locked.txt';

/** A seeded server: its lock, and the way to release it (what the other user does). */
export interface SeededServer {
  readonly lock: { readonly path: string; readonly token: string };
  /** Releases the lock (UNLOCK): a "retry after fix" waiting on it then goes through. */
  release(): Promise<void>;
}

/**
 * Puts the seed on the WebDAV collection at `baseUrl` (it must exist; what is there stays) and locks
 * {@link LOCKED_PATH} as another user, for `lockTimeout` seconds.
 */
export async function seedExampleServer(baseUrl: string, lockTimeout = 3600): Promise<SeededServer> {
  const other = createClient({ baseUrl });
  for (const [path, content] of Object.entries(SEEDED_FILES)) {
    const folder = path.replace(/[^/]*$/, '');
    if (folder !== '/') {
      await other.mkdirp(folder);
    }
    await other.put(path, content);
  }
  const { token } = await other.lock(LOCKED_PATH, { lockTimeout, owner: 'another user of the example' });
  return {
    lock: { path: LOCKED_PATH, token },
    release: () => other.unlock(LOCKED_PATH, token),
  };
}
