import { describe, expect, it } from 'vitest';
import { isDavHttpError } from '../../src/errors/guards.ts';
import type { ServerName } from '../harness/servers/types.ts';
import { failure, SERVERS, scratch } from '../helpers/interop.ts';

/** RFC 4331 quota: only SabreDAV (FSExt) reports it; the others leave both values out. */
const REPORTS_QUOTA: Record<ServerName, boolean> = {
  apache: false,
  nginx: false,
  rclone: false,
  sabredav: true,
  'webdav-server': false,
};

describe.each(SERVERS)('helpers on %s', (name) => {
  it('list() returns the members as entries, not the collection itself', async () => {
    const s = await scratch(name, 'list');
    await s.seed('a.txt', 'alpha');
    await s.seed('sub/b.txt', 'beta');
    const entries = await s.dav.list('/');
    const summary = entries.map((e) => [e.path, e.name, e.type, e.size ?? null]).sort();
    expect(summary).toEqual([
      ['/a.txt', 'a.txt', 'file', 5],
      ['/sub/', 'sub', 'directory', null],
    ]);
    const file = entries.find((e) => e.type === 'file');
    expect(Number.isNaN(Date.parse(file?.lastModified ?? ''))).toBe(false);
    expect(file?.href).toMatch(/a\.txt$/);
  });

  it('list() of a subcollection gives paths relative to the base URL', async () => {
    const s = await scratch(name, 'listsub');
    await s.seed('sub/b.txt', 'beta');
    const entries = await s.dav.list('/sub/');
    expect(entries.map((e) => e.path)).toEqual(['/sub/b.txt']);
  });

  it('list({ deep: true }) returns every descendant, whatever the server does with Depth infinity', async () => {
    const s = await scratch(name, 'listdeep');
    await s.seed('a.txt', 'alpha');
    await s.seed('sub/b.txt', 'beta');
    await s.seed('sub/deeper/c.txt', 'gamma');
    await s.dav.mkcol('/empty/');
    const entries = await s.dav.list('/', { deep: true });
    expect(entries.map((e) => e.path).sort()).toEqual(
      ['/a.txt', '/empty/', '/sub/', '/sub/b.txt', '/sub/deeper/', '/sub/deeper/c.txt'].sort(),
    );
  });

  it('stat() describes one file or directory', async () => {
    const s = await scratch(name, 'stat');
    await s.seed('sub/b.txt', 'beta!');
    const file = await s.dav.stat('/sub/b.txt');
    expect([file.path, file.name, file.type, file.size]).toEqual(['/sub/b.txt', 'b.txt', 'file', 5]);
    if (name !== 'nginx') {
      // nginx sends no getetag.
      expect(file.etag).toMatch(/^(W\/)?"/);
    }
    const dir = await s.dav.stat('/sub/');
    expect([dir.path, dir.type, dir.size]).toEqual(['/sub/', 'directory', undefined]);
  });

  it('exists() is true for files and directories, false for a 404', async () => {
    const s = await scratch(name, 'exists');
    await s.seed('sub/b.txt', 'beta');
    expect(await s.dav.exists('/sub/b.txt')).toBe(true);
    expect(await s.dav.exists('/sub/')).toBe(true);
    expect(await s.dav.exists('/sub/nope.txt')).toBe(false);
  });

  it('stat() of a missing resource throws a 404 DavHttpError', async () => {
    const s = await scratch(name, 'statmissing');
    const error = await failure(s.dav.stat('/nope.txt'));
    expect(isDavHttpError(error) && error.status).toBe(404);
  });

  it('mkdirp() creates missing ancestors and accepts an existing tree', async () => {
    const s = await scratch(name, 'mkdirp');
    await s.dav.mkdirp('/x/y/z/');
    expect((await s.dav.stat('/x/y/z/')).type).toBe('directory');
    await s.dav.mkdirp('/x/y/z');
    await s.dav.mkdirp('/x/y/w/');
    const entries = await s.dav.list('/x/y/');
    expect(entries.map((e) => e.path).sort()).toEqual(['/x/y/w/', '/x/y/z/']);
  });

  it(`quota() ${REPORTS_QUOTA[name] ? 'reports used and available bytes' : 'is empty: no RFC 4331 properties'}`, async () => {
    const s = await scratch(name, 'quota');
    const quota = await s.dav.quota('/');
    if (REPORTS_QUOTA[name]) {
      expect(quota.used).toBeGreaterThan(0);
      expect(quota.available).toBeGreaterThan(0);
    } else {
      expect(quota).toEqual({});
    }
  });
});
