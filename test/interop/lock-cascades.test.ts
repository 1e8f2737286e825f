import { describe, expect, it } from 'vitest';
import { isDavHttpError, isMultiStatusError } from '../../src/errors/guards.ts';
import type { MultiStatus } from '../../src/model/multistatus.ts';
import type { ServerName } from '../harness/servers/types.ts';
import { failure, SERVERS, scratch } from '../helpers/interop.ts';

/** [path, status] of every response of a multistatus (propstats: their statuses). */
function statuses(ms: MultiStatus | undefined): [string, number][] {
  return (ms?.responses ?? []).flatMap((r): [string, number][] =>
    r.kind === 'status' ? [[r.path, r.status]] : r.propstats.map((p): [string, number] => [r.path, p.status]),
  );
}

/**
 * DELETE (or MOVE) of a collection whose member another client locked (real-servers.md §4, §5):
 * Apache sends a top-level 424 whose multistatus names the member's 423; SabreDAV a 423 with
 * DAV:lock-token-submitted; nginx, rclone and anonymous webdav-server ignore member locks.
 */
const MEMBER_LOCK: Record<ServerName, '424 + multistatus' | '423 + condition' | 'ignored'> = {
  apache: '424 + multistatus',
  nginx: 'ignored',
  rclone: 'ignored',
  sabredav: '423 + condition',
  'webdav-server': 'ignored',
};

/** A PUT into a collection another client locked with Depth infinity. */
const NEW_MEMBER: Record<ServerName, 'multistatus' | 423 | 'allowed'> = {
  apache: 'multistatus',
  nginx: 423,
  rclone: 423,
  sabredav: 423,
  'webdav-server': 'allowed',
};

describe.each(SERVERS)('lock cascades on %s', (name) => {
  it(`DELETE of a collection whose member another client locked: ${MEMBER_LOCK[name]}`, async () => {
    const s = await scratch(name, 'cascdel');
    await s.seed('sub/m.txt', 'member');
    await s.seed('sub/free.txt', 'free');
    await s.dav.lock('/sub/m.txt', { lockTimeout: 600 });
    const error = await failure(s.other.delete('/sub/'));
    switch (MEMBER_LOCK[name]) {
      case '424 + multistatus':
        expect(isDavHttpError(error) && [error.status, error.method]).toEqual([424, 'DELETE']);
        expect(isDavHttpError(error) && statuses(error.multistatus)).toEqual([[s.path('/sub/m.txt'), 423]]);
        expect(await s.dav.exists('/sub/m.txt')).toBe(true);
        break;
      case '423 + condition': {
        expect(isDavHttpError(error) && error.status).toBe(423);
        const condition = isDavHttpError(error)
          ? error.conditions.find((c) => c.name === '{DAV:}lock-token-submitted')
          : undefined;
        expect(condition?.hrefs).toEqual([s.path('/sub/m.txt').replace(/^\/dav\//, '')]);
        expect(await s.dav.exists('/sub/m.txt')).toBe(true);
        break;
      }
      default:
        expect(error).toBeUndefined();
        expect(await s.dav.exists('/sub/')).toBe(false);
    }
  });

  it('DELETE of that collection by the holder succeeds: the member’s token is submitted', async () => {
    const s = await scratch(name, 'cascdelholder');
    await s.seed('sub/m.txt', 'member');
    await s.seed('sub/deeper/n.txt', 'nested');
    await s.dav.lock('/sub/m.txt', { lockTimeout: 600 });
    await s.dav.lock('/sub/deeper/n.txt', { lockTimeout: 600 });
    await s.dav.delete('/sub/');
    expect(await s.dav.exists('/sub/')).toBe(false);
    expect(s.dav.locks.list()).toEqual([]);
  });

  it(`MOVE of a collection whose member another client locked: ${MEMBER_LOCK[name]}; the holder may`, async () => {
    const s = await scratch(name, 'cascmove');
    await s.seed('src/m.txt', 'member');
    await s.dav.lock('/src/m.txt', { lockTimeout: 600 });
    const error = await failure(s.other.move('/src/', '/dst/'));
    if (MEMBER_LOCK[name] === 'ignored') {
      expect(error).toBeUndefined();
      return;
    }
    expect(isDavHttpError(error) && [error.status, error.destination]).toEqual([
      name === 'apache' ? 424 : 423,
      `${s.dir.url}dst/`,
    ]);
    if (name === 'apache') {
      expect(isDavHttpError(error) && statuses(error.multistatus)).toEqual([[s.path('/src/m.txt'), 423]]);
    }
    await s.dav.move('/src/', '/dst/');
    expect(await s.dav.getText('/dst/m.txt')).toBe('member');
    expect(s.dav.locks.list()).toEqual([]);
  });

  it(`PUT into a collection locked with Depth infinity: the holder may, another client ${NEW_MEMBER[name]}`, async () => {
    const s = await scratch(name, 'casccol');
    await s.seed('col/a.txt', 'alpha');
    await s.dav.lock('/col/', { lockTimeout: 600 });
    expect((await s.dav.put('/col/new.txt', 'by the holder')).created).toBe(true);
    await s.dav.put('/col/a.txt', 'replaced by the holder');
    if (name !== 'webdav-server') {
      // Any If header on MKCOL crashes webdav-server 2.6.3 (tagged or not), so it is not sent there.
      await s.dav.mkcol('/col/made/');
    }
    const error = await failure(s.other.put('/col/intruder.txt', 'x'));
    const expected = NEW_MEMBER[name];
    if (expected === 'allowed') {
      expect(error).toBeUndefined();
    } else if (expected === 'multistatus') {
      // Apache's 207 to a PUT: the new member 424, the locked collection (no trailing slash) 423.
      expect(isMultiStatusError(error) && statuses(error.multistatus)).toEqual([
        [s.path('/col/intruder.txt'), 424],
        [s.path('/col'), 423],
      ]);
    } else {
      expect(isDavHttpError(error) && error.status).toBe(expected);
    }
  });

  it('the holder re-creates a locked file it deleted: the deleted lock is forgotten', async () => {
    const s = await scratch(name, 'cascrecreate');
    await s.seed('a.txt', 'alpha');
    const { token } = await s.dav.lock('/a.txt', { lockTimeout: 600 });
    await s.dav.delete('/a.txt');
    expect(s.dav.locks.list()).toEqual([]);
    const again = await failure(s.dav.put('/a.txt', 'again'));
    if (name === 'rclone' || name === 'sabredav') {
      // They keep the lock of a deleted resource (RFC 4918 §9.6.1 says DELETE destroys it):
      // the token from lock() still opens it.
      expect(isDavHttpError(again) && again.status).toBe(423);
      await s.dav.put('/a.txt', 'again', { lockToken: token as string });
    } else {
      expect(again).toBeUndefined();
    }
    expect(await s.dav.getText('/a.txt')).toBe('again');
  });

  it('a depth-0 lock on a collection guards its membership; the holder submits it for PUT and DELETE', async () => {
    const s = await scratch(name, 'cascdepth0');
    await s.seed('p/a.txt', 'alpha');
    await s.dav.lock('/p/', { depth: 0, lockTimeout: 600 });
    const intruder = await failure(s.other.put('/p/intruder.txt', 'x'));
    const holder = await failure(s.dav.put('/p/mine.txt', 'x'));
    if (name === 'apache') {
      expect(isMultiStatusError(intruder)).toBe(true);
    } else if (name === 'nginx') {
      expect(isDavHttpError(intruder) && intruder.status).toBe(423);
    } else {
      // rclone, SabreDAV 1.8 and webdav-server do not protect a collection's membership with a depth-0 lock.
      expect(intruder).toBeUndefined();
    }
    if (name === 'sabredav') {
      // SabreDAV 1.8 rejects any token tagged with a URL above the request's when nothing there
      // applies to it (Locks\Plugin::validateLock), so the parent's token earns a 412.
      expect(isDavHttpError(holder) && holder.status).toBe(412);
      return;
    }
    expect(holder).toBeUndefined();
    await s.dav.delete('/p/mine.txt');
    expect(await s.dav.exists('/p/mine.txt')).toBe(false);
  });

  it('LOCK Depth infinity on a collection whose member another client locked', async () => {
    const s = await scratch(name, 'casclock');
    await s.seed('col/m.txt', 'member');
    await s.other.lock('/col/m.txt', { lockTimeout: 600 });
    const error = await failure(s.dav.lock('/col/', { lockTimeout: 600 }));
    if (name === 'apache') {
      // RFC 4918 §9.10.9: 207, the collection's lockdiscovery 424, the member 423.
      expect(isMultiStatusError(error) && [error.method, statuses(error.multistatus)]).toEqual([
        'LOCK',
        [
          [s.path('/col'), 424],
          [s.path('/col/m.txt'), 423],
        ],
      ]);
    } else if (name === 'nginx' || name === 'rclone') {
      expect(isDavHttpError(error) && error.status).toBe(423);
    } else {
      // SabreDAV 1.8 and webdav-server do not check descendant locks and grant it.
      expect(error).toBeUndefined();
    }
    expect(s.dav.locks.list().length).toBe(error === undefined ? 1 : 0);
  });
});
