/**
 * The real lock root of a bare 423 (issue 11.7): some servers (nginx, rclone) refuse a write into a
 * depth-infinity-locked collection with a plain 423. The lock root is then not the target (which may
 * not exist yet) but the ancestor whose `DAV:lockdiscovery` holds the lock; a 404 on the target is
 * never read as "unlocked". Real nginx and rclone are in test/interop/lock-roots.test.ts; here the
 * walk itself, over a lookup table, and the client and fixer over an in-memory server that answers
 * the same way.
 */
import { describe, expect, it } from 'vitest';
import { explain } from '../../src/analysis/explain.ts';
import { rootCauses } from '../../src/analysis/root-causes.ts';
import type { DavHttpError } from '../../src/errors/dav-http-error.ts';
import { isDavHttpError, isDavUnfixableError } from '../../src/errors/guards.ts';
import { discoverLock, type LockLookup } from '../../src/locks/discover-lock.ts';
import type { ActiveLock } from '../../src/model/multistatus.ts';
import { observedClient } from '../helpers/clients.ts';
import { MemoryDav } from '../helpers/memory-dav.ts';

const lock = (token: string, depth: ActiveLock['depth'], timeout?: number): ActiveLock => ({
  scope: 'exclusive',
  type: 'write',
  depth,
  token,
  ...(timeout === undefined ? {} : { timeout }),
});

/** A lookup over a table: path → locks (`null`: exists, locks not reported); a path not in it is missing. */
function table(entries: Record<string, ActiveLock[] | null>): { lookup: LockLookup; asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    lookup: async (path) => {
      asked.push(path);
      const locks = entries[path];
      if (locks === undefined) {
        return { exists: false };
      }
      return locks === null ? { exists: true } : { exists: true, locks };
    },
  };
}

describe('discoverLock', () => {
  it('a missing target inside a depth-infinity-locked collection: the collection is the root', async () => {
    const { lookup, asked } = table({ '/dav/': [], '/dav/locked/': [lock('t1', 'infinity', 600)] });
    expect(await discoverLock(lookup, '/dav/locked/new.txt', '/dav/')).toEqual({
      root: '/dav/locked/',
      reported: true,
      depth: 'infinity',
      expiresIn: 600,
    });
    expect(asked).toEqual(['/dav/locked/new.txt', '/dav/locked/', '/dav/']);
  });

  it('deeper: a member that shows the inherited lock leads up to where the token is rooted', async () => {
    const held = lock('t2', 'infinity');
    const { lookup } = table({ '/dav/': [], '/dav/a/': [held], '/dav/a/b/': [held] });
    expect((await discoverLock(lookup, '/dav/a/b/new.txt', '/dav/'))?.root).toBe('/dav/a/');
  });

  it('deeper: a member that shows nothing (x/net/webdav) is passed by on the way up', async () => {
    const { lookup } = table({ '/dav/': [], '/dav/a/': [lock('t3', 'infinity')], '/dav/a/b/': [] });
    expect((await discoverLock(lookup, '/dav/a/b/new.txt', '/dav/'))?.root).toBe('/dav/a/');
  });

  it('a depth-0 lock covers its collection’s membership, not what lies deeper', async () => {
    const { lookup } = table({ '/dav/': [], '/dav/c/': [lock('t4', 0)], '/dav/c/d/': [] });
    expect((await discoverLock(lookup, '/dav/c/new.txt', '/dav/'))?.root).toBe('/dav/c/');
    expect(await discoverLock(lookup, '/dav/c/d/new.txt', '/dav/')).toBeUndefined();
  });

  it('a server that reports no locks (rclone): the nearest existing resource, marked unreported', async () => {
    const { lookup } = table({ '/dav/': null, '/dav/locked/': null });
    expect(await discoverLock(lookup, '/dav/locked/new.txt', '/dav/')).toEqual({
      root: '/dav/locked/',
      reported: false,
    });
  });

  it('the target’s own lock is its own root; nothing above the base is asked', async () => {
    const { lookup, asked } = table({ '/dav/f.txt': [lock('t5', 0)] });
    expect((await discoverLock(lookup, '/dav/f.txt', '/dav/'))?.root).toBe('/dav/f.txt');
    const none = table({ '/': [lock('t6', 'infinity')] });
    expect(await discoverLock(none.lookup, '/dav/x/new.txt', '/dav/')).toBeUndefined();
    expect(none.asked).not.toContain('/');
    expect(asked).toEqual(['/dav/f.txt', '/dav/']); // the climb asks whether the parent shows the same lock
  });
});

/** A server that refuses a PUT into its locked collection with a plain 423, like nginx and rclone. */
function world() {
  const server = new MemoryDav();
  server.collections.add('/root/locked/');
  server.locks.set('/root/locked', 'opaquelocktoken:other');
  return { server, ...observedClient(server.handle) };
}

describe('a bare 423 through the client', () => {
  it('names the locked collection, not the missing target, in the error, its causes and explain()', async () => {
    const { dav } = world();
    const error = await dav.put('/locked/new.txt', 'x').catch((e: unknown) => e);
    expect(isDavHttpError(error) && error.discoveredLock).toEqual({
      root: '/root/locked/',
      reported: true,
      depth: 'infinity',
    });
    const causes = rootCauses(error as DavHttpError);
    expect(causes).toEqual([
      {
        status: 423,
        path: '/locked/',
        serverPath: '/root/locked/',
        dependents: [{ path: '/locked/new.txt' }],
        fix: { kind: 'wait-for-unlock', lockRoot: '/locked/' },
      },
    ]);
    expect((error as DavHttpError).rootCauses()).toEqual(causes);
    expect(explain(error as DavHttpError)).toContain('wait until the lock on /locked/ is released');
  });

  it('a batch step keeps the discovered lock as data', async () => {
    const { dav } = world();
    const batch = dav.batch();
    batch.put('/locked/new.txt', 'x', { id: 'put' });
    const result = await batch.run();
    const copy = JSON.parse(JSON.stringify(result));
    expect(rootCauses(copy)[0]).toMatchObject({
      path: '/locked/',
      serverPath: '/root/locked/',
      fix: { lockRoot: '/locked/' },
    });
  });

  it('retryAfterFix({ maxWaitMs }) polls the root and resubmits once the lock is released', async () => {
    const { dav, server } = world();
    const error = (await dav.put('/locked/new.txt', 'x').catch((e: unknown) => e)) as DavHttpError;
    const start = server.log.length;
    setTimeout(() => server.locks.delete('/root/locked'), 600);
    await error.retryAfterFix(undefined, { maxWaitMs: 10_000 });
    expect(server.files.get('/root/locked/new.txt')).toBe('x');
    const log = server.log.slice(start);
    // It asked the collection (and never took the missing target's 404 for "unlocked") until the
    // lock was gone, then sent the PUT once.
    expect(log.filter((line) => line === 'PROPFIND /root/locked/').length).toBeGreaterThan(1);
    expect(log.filter((line) => line.startsWith('PUT'))).toEqual(['PUT /root/locked/new.txt']);
    expect(log.at(-1)).toBe('PUT /root/locked/new.txt');
  });

  it('a lock that is never released: DavUnfixableError once maxWaitMs has passed, nothing resubmitted', async () => {
    const { dav, server } = world();
    const error = (await dav.put('/locked/new.txt', 'x').catch((e: unknown) => e)) as DavHttpError;
    const start = Date.now();
    const refused = await error.retryAfterFix(undefined, { maxWaitMs: 1_200 }).catch((e: unknown) => e);
    expect(isDavUnfixableError(refused) && refused.message).toContain('still held after maxWaitMs');
    // It waited for maxWaitMs (it used to give up after the first poll, ~15 ms).
    expect(Date.now() - start).toBeGreaterThanOrEqual(1_150);
    expect(server.log.filter((line) => line.startsWith('PUT'))).toHaveLength(1);
  });
});
