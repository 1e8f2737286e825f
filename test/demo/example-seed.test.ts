/**
 * What `npm run example:react|angular` (and `scripts/example.ts server`) start the examples against:
 * the embedded server seeded by scripts/example-seed.ts, so that every panel of the page can be seen
 * (a listing with a folder, two files to rename onto each other, a file another user holds locked).
 * The examples' smoke tests (test/e2e/example-*.test.ts) drive the pages over the same seed on Apache
 * and SabreDAV; this checks the seed on the server the dev commands start.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EmbeddedServer, startEmbeddedServer } from '../../demo/embedded-server.ts';
import {
  LOCKED_PATH,
  SEEDED_FILES,
  type SeededServer,
  seedExampleServer,
} from '../../scripts/example-seed.ts';
import { createClient, type DavClient, isDavHttpError } from '../../src/index.ts';

let server: EmbeddedServer;
let seeded: SeededServer;
let dav: DavClient;

beforeAll(async () => {
  server = await startEmbeddedServer();
  seeded = await seedExampleServer(server.url);
  dav = createClient({ baseUrl: server.url, retry: 0 });
});
afterAll(() => server.stop());

describe('the examples seed on the embedded server', () => {
  it('lists the seeded files and folder, with their content', async () => {
    const names = (await dav.list('/')).map((entry) => `${entry.type} ${entry.name}`).sort();
    expect(names).toEqual(['directory docs', 'file a.txt', 'file b.txt', 'file locked.txt']);
    for (const [path, content] of Object.entries(SEEDED_FILES)) {
      expect(await dav.getText(path)).toBe(content);
    }
  });

  it('shows the lock in the listing the examples ask for, held by another user', async () => {
    const entries = await dav.list('/', { props: ['{DAV:}resourcetype', '{DAV:}lockdiscovery'] });
    const locked = entries.find((entry) => entry.path === LOCKED_PATH);
    expect(locked?.props['{DAV:}lockdiscovery']).toEqual([
      expect.objectContaining({ owner: 'another user of the example', token: seeded.lock.token }),
    ]);
    expect(entries.find((entry) => entry.path === '/a.txt')?.props['{DAV:}lockdiscovery']).toEqual([]);
  });

  it('refuses to delete the locked file (the 423 panel) until the lock is released', async () => {
    const refused = await dav.delete(LOCKED_PATH).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(isDavHttpError(refused) && refused.status).toBe(423);
    await seeded.release();
    await dav.delete(LOCKED_PATH);
    expect(await dav.exists(LOCKED_PATH)).toBe(false);
  });
});
