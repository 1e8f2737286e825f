import { describe, expect, it } from 'vitest';
import { isDavHttpError, isMultiStatusError } from '../../src/errors/guards.ts';
import type { ServerName } from '../harness/servers/types.ts';
import { failure, SERVERS, scratch } from '../helpers/interop.ts';

/** webdav-server without users: every request is the same DefaultUser, so locks never conflict (real-servers.md §2). */
const ENFORCES: Record<ServerName, boolean> = {
  apache: true,
  nginx: true,
  rclone: true,
  sabredav: true,
  'webdav-server': false,
};

/** The timeout a server grants when 600 s are asked for (SabreDAV 1.8 and webdav-server fix their own). */
const GRANTED: Record<ServerName, number> = {
  apache: 600,
  nginx: 600,
  rclone: 600,
  sabredav: 1800,
  'webdav-server': 3600,
};

/** What a refresh (LOCK without body, tagged If) gets; webdav-server only reads an untagged If there. */
const REFRESH: Record<ServerName, number | 'refused (412)'> = {
  apache: 300,
  nginx: 600,
  rclone: 300,
  sabredav: 1800,
  'webdav-server': 'refused (412)',
};

describe.each(SERVERS)('locks on %s', (name) => {
  it('lock → write with the remembered token → refresh → unlock', async () => {
    const s = await scratch(name, 'lock');
    await s.seed('a.txt', 'alpha');
    const lock = await s.dav.lock('/a.txt', { lockTimeout: 600, owner: 'mailto:alice@example.com' });
    expect([lock.scope, lock.type, lock.timeout]).toEqual(['exclusive', 'write', GRANTED[name]]);
    expect(lock.token).toBeTruthy();
    const token = lock.token as string;
    expect(s.dav.locks.list().map((held) => [held.token, held.root, held.rootUrl])).toEqual([
      [token, s.path('/a.txt'), `${s.dir.url}a.txt`],
    ]);

    await s.dav.put('/a.txt', 'written by the holder');
    expect(await s.dav.getText('/a.txt')).toBe('written by the holder');

    const refresh = s.dav.refreshLock('/a.txt', token, { lockTimeout: 300 });
    const expected = REFRESH[name];
    if (expected === 'refused (412)') {
      const error = await failure(refresh);
      expect(isDavHttpError(error) && [error.status, error.method]).toEqual([412, 'LOCK']);
    } else {
      const refreshed = await refresh;
      expect([refreshed.token, refreshed.timeout]).toEqual([token, expected]);
      expect(s.dav.locks.list().map((held) => held.token)).toEqual([token]);
    }

    await s.dav.unlock('/a.txt', token);
    expect(s.dav.locks.list()).toEqual([]);
  });

  it('a second client writing without the token gets 423 and a typed DavHttpError', async () => {
    const s = await scratch(name, 'lock423');
    await s.seed('a.txt', 'alpha');
    await s.dav.lock('/a.txt', { lockTimeout: 600 });
    const error = await failure(s.other.put('/a.txt', 'intruder'));
    if (!ENFORCES[name]) {
      expect(error).toBeUndefined();
      return;
    }
    expect(isDavHttpError(error)).toBe(true);
    if (!isDavHttpError(error)) {
      return;
    }
    expect([error.status, error.method, error.url]).toEqual([423, 'PUT', `${s.dir.url}a.txt`]);
    if (name === 'sabredav') {
      // SabreDAV names the lock to submit; its href is relative to its base URI (real-servers.md §6).
      const condition = error.conditions.find((c) => c.name === '{DAV:}lock-token-submitted');
      expect(condition?.hrefs).toEqual([s.path('/a.txt').replace(/^\/dav\//, '')]);
    }
    expect(await s.dav.getText('/a.txt')).toBe('alpha');
  });

  it('a second client that was given the token writes with lockToken', async () => {
    const s = await scratch(name, 'locktoken');
    await s.seed('a.txt', 'alpha');
    const { token } = await s.dav.lock('/a.txt', { lockTimeout: 600 });
    await s.other.put('/a.txt', 'with the token', { lockToken: token as string });
    expect(await s.other.getText('/a.txt')).toBe('with the token');
    expect(s.other.locks.list()).toEqual([]);
  });

  it('lockTokens: false sends no token, so the holder is refused like anyone else', async () => {
    const s = await scratch(name, 'lockoptout');
    await s.seed('a.txt', 'alpha');
    await s.dav.lock('/a.txt', { lockTimeout: 600 });
    const error = await failure(s.dav.put('/a.txt', 'x', { lockTokens: false }));
    if (ENFORCES[name]) {
      expect(isDavHttpError(error) && error.status).toBe(423);
    } else {
      expect(error).toBeUndefined();
    }
  });

  it('a second exclusive lock on the same file is refused with 423 (webdav-server too)', async () => {
    const s = await scratch(name, 'lockagain');
    await s.seed('a.txt', 'alpha');
    await s.dav.lock('/a.txt', { lockTimeout: 600 });
    const error = await failure(s.other.lock('/a.txt', { lockTimeout: 600 }));
    expect(isDavHttpError(error) && [error.status, error.method]).toEqual([423, 'LOCK']);
    if (name === 'sabredav' && isDavHttpError(error)) {
      expect(error.conditions.map((c) => c.name)).toContain('{DAV:}no-conflicting-lock');
    }
    expect(s.other.locks.list()).toEqual([]);
  });

  it('PROPPATCH of a locked file: the holder may, a second client gets 423', async () => {
    const s = await scratch(name, 'lockpp');
    await s.seed('a.txt', 'alpha');
    await s.dav.lock('/a.txt', { lockTimeout: 600 });
    const patch = { set: { '{urn:davkit:test}note': 'locked' } };
    const intruder = await failure(s.other.proppatch('/a.txt', patch));
    const holder = await failure(s.dav.proppatch('/a.txt', patch));
    if (name === 'nginx') {
      expect([intruder, holder].map((e) => isDavHttpError(e) && e.status)).toEqual([405, 405]);
      return;
    }
    // A MultiStatusError is a DavHttpError now; what is asserted is a refusal by status, not inside a 207.
    expect(isDavHttpError(intruder) && !isMultiStatusError(intruder) && intruder.status).toBe(
      ENFORCES[name] ? 423 : false,
    );
    if (name === 'rclone') {
      // rclone stores no dead properties: 403 inside the 207.
      expect(isMultiStatusError(holder)).toBe(true);
    } else if (name === 'webdav-server') {
      // The lock let it through, but webdav-server answers for a mangled name (issue 11.9): an error.
      expect(isMultiStatusError(holder) && holder.unrequested.map((each) => each.sent)).toEqual([
        ['{urn:davkit:test}note'],
      ]);
    } else {
      expect(holder).toBeUndefined();
    }
  });

  it('UNLOCK with a token the server does not know is an error', async () => {
    const s = await scratch(name, 'unlockbad');
    await s.seed('a.txt', 'alpha');
    const { token } = await s.dav.lock('/a.txt', { lockTimeout: 600 });
    const bogus = name === 'rclone' ? '12345' : 'opaquelocktoken:00000000-0000-0000-0000-000000000000';
    const error = await failure(s.dav.unlock('/a.txt', bogus));
    if (name === 'nginx') {
      // nginx answers every UNLOCK with 204 and keeps the lock (real-servers.md §8).
      expect(error).toBeUndefined();
    } else {
      expect(isDavHttpError(error) && [error.status, error.method]).toEqual([
        name === 'apache' ? 400 : 409,
        'UNLOCK',
      ]);
    }
    expect(s.dav.locks.list().map((held) => held.token)).toEqual([token]);
    await s.dav.unlock('/a.txt', token as string);
  });

  it('a LOCK of an unmapped URL reserves it for the holder', async () => {
    const s = await scratch(name, 'locknew');
    const lock = await s.dav.lock('/reserved.txt', { lockTimeout: 600 });
    expect(lock.token).toBeTruthy();
    const intruder = await failure(s.other.put('/reserved.txt', 'intruder'));
    expect(isDavHttpError(intruder) && intruder.status).toBe(ENFORCES[name] ? 423 : false);
    await s.dav.put('/reserved.txt', 'filled by the holder');
    expect(await s.dav.getText('/reserved.txt')).toBe('filled by the holder');
    const unlock = await failure(s.dav.unlock('/reserved.txt', lock.token as string));
    if (name === 'webdav-server') {
      // webdav-server drops the lock when the PUT replaces the placeholder: UNLOCK then gets 409.
      expect(isDavHttpError(unlock) && unlock.status).toBe(409);
    } else {
      expect(unlock).toBeUndefined();
    }
  });

  if (name === 'rclone') {
    it('rclone does not implement shared locks: 501', async () => {
      const s = await scratch(name, 'lockshared');
      await s.seed('a.txt', 'alpha');
      const error = await failure(s.dav.lock('/a.txt', { scope: 'shared' }));
      expect(isDavHttpError(error) && error.status).toBe(501);
    });
  } else {
    it('shared locks: two clients hold one each (nginx grants only one)', async () => {
      const s = await scratch(name, 'lockshared');
      await s.seed('a.txt', 'alpha');
      const mine = await s.dav.lock('/a.txt', { scope: 'shared', lockTimeout: 600 });
      // dav-ext only knows exclusive locks, and says so.
      expect(mine.scope).toBe(name === 'nginx' ? 'exclusive' : 'shared');
      const theirs = await failure(s.other.lock('/a.txt', { scope: 'shared', lockTimeout: 600 }));
      if (name === 'nginx') {
        expect(isDavHttpError(theirs) && theirs.status).toBe(423);
        return;
      }
      expect(theirs).toBeUndefined();
      expect(s.other.locks.list()[0]?.token).not.toBe(mine.token);
      const write = await failure(s.dav.put('/a.txt', 'mine'));
      if (name === 'sabredav') {
        // SabreDAV 1.8 wants every lock on the resource submitted, so no shared holder can write alone.
        expect(isDavHttpError(write) && write.status).toBe(423);
      } else {
        expect(write).toBeUndefined();
        await s.other.put('/a.txt', 'theirs');
        expect(await s.dav.getText('/a.txt')).toBe('theirs');
      }
    });
  }
});
