import { describe, expect, it } from 'vitest';
import { explain } from '../../src/analysis/explain.ts';
import { rootCauses } from '../../src/analysis/root-causes.ts';
import type { DavHttpError } from '../../src/errors/dav-http-error.ts';
import { isDavHttpError, isDavUnfixableError } from '../../src/errors/guards.ts';
import { samePath } from '../../src/utils/href.ts';
import type { ServerName } from '../harness/servers/types.ts';
import { failure, scratch } from '../helpers/interop.ts';

/**
 * The real lock root (issue 11.7), on real servers. A PUT of a new member into a collection another
 * client locked with Depth infinity (real-servers.md §4): nginx and rclone answer a bare 423 (no
 * DAV:error). nginx reports the lock in the collection's DAV:lockdiscovery, where davkit finds it;
 * rclone (x/net/webdav) answers 404 for DAV:lockdiscovery, so davkit names the nearest existing
 * ancestor and says the lock was not reported, and its wait probes by sending the PUT again. Apache
 * names the collection in a 207, SabreDAV in DAV:lock-token-submitted. Either way the root cause
 * names the collection, and `retryAfterFix({ maxWaitMs })` waits until the other client unlocks.
 */
const HOW = {
  apache: 'named in the body',
  nginx: 'bare 423, lock reported',
  rclone: 'bare 423, locks not reported',
  sabredav: 'named in the body',
} as const;

describe.each(Object.keys(HOW) as (keyof typeof HOW & ServerName)[])('the lock root on %s', (name) => {
  it(`a PUT into a collection locked elsewhere (${HOW[name]}): the collection is the root cause`, async () => {
    const s = await scratch(name, 'lockroot');
    await s.seed('locked/keep.txt', 'x');
    await s.other.lock('/locked/', { depth: 'infinity', lockTimeout: 600 });
    const error = await failure(s.dav.put('/locked/new.txt', 'new'));
    if (HOW[name] !== 'named in the body') {
      expect(isDavHttpError(error) && [error.status, error.conditions, error.multistatus]).toEqual([
        423,
        [],
        undefined,
      ]);
      expect(isDavHttpError(error) && error.discoveredLock).toEqual(
        HOW[name] === 'bare 423, lock reported'
          ? { root: s.path('/locked/'), reported: true, depth: 'infinity', expiresIn: expect.any(Number) }
          : { root: s.path('/locked/'), reported: false },
      );
    }
    const [cause, ...others] = rootCauses(error as DavHttpError);
    expect(others).toEqual([]);
    expect(samePath(cause?.serverPath ?? '', s.path('/locked/'))).toBe(true);
    expect(cause?.dependents.map((d) => d.path)).toContain('/locked/new.txt');
    expect(cause?.fix.kind).toBe('wait-for-unlock');
    expect(explain(error as DavHttpError)).toContain('wait until the lock on');
  });

  it('retryAfterFix({ maxWaitMs }) waits for the other client to unlock, then the PUT goes through', async () => {
    const s = await scratch(name, 'lockroot-wait');
    await s.seed('locked/keep.txt', 'x');
    const held = await s.other.lock('/locked/', { depth: 'infinity', lockTimeout: 600 });
    const error = (await failure(s.dav.put('/locked/new.txt', 'new'))) as DavHttpError;
    let unlockedAt = 0;
    setTimeout(() => {
      void s.other.unlock('/locked/', held.token as string).then(() => {
        unlockedAt = Date.now();
      });
    }, 800);
    await error.retryAfterFix(undefined, { maxWaitMs: 20_000 });
    expect(unlockedAt).toBeGreaterThan(0);
    expect(await s.dav.getText('/locked/new.txt')).toBe('new');
  });

  it('a lock never released: DavUnfixableError after maxWaitMs, the file not written', async () => {
    const s = await scratch(name, 'lockroot-timeout');
    await s.seed('locked/keep.txt', 'x');
    await s.other.lock('/locked/', { depth: 'infinity', lockTimeout: 600 });
    const error = (await failure(s.dav.put('/locked/new.txt', 'new'))) as DavHttpError;
    const start = Date.now();
    const refused = await failure(error.retryAfterFix(undefined, { maxWaitMs: 1_500 }));
    expect(isDavUnfixableError(refused)).toBe(true);
    expect(Date.now() - start).toBeGreaterThanOrEqual(1_450);
    expect(await s.dav.exists('/locked/new.txt')).toBe(false);
  });
});
