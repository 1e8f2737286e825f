import { describe, expect, it } from 'vitest';
import { isDavHttpError } from '../../src/errors/guards.ts';
import type { ServerName } from '../harness/servers/types.ts';
import { failure, SERVERS, scratch } from '../helpers/interop.ts';

/** COPY onto an existing file with `Overwrite: F`: 412, but webdav-server copies anyway (201). */
const COPY_NO_OVERWRITE: Record<ServerName, number> = {
  apache: 412,
  nginx: 412,
  rclone: 412,
  sabredav: 412,
  'webdav-server': 201,
};

/** Status of a COPY/MOVE to a new destination: 201, but nginx says 204 (so `created` is false there). */
const CREATED: Record<ServerName, number> = {
  apache: 201,
  nginx: 204,
  rclone: 201,
  sabredav: 201,
  'webdav-server': 201,
};

/** Status of a COPY that replaced an existing destination: 204, but webdav-server says 201. */
const COPY_REPLACED: Record<ServerName, number> = {
  apache: 204,
  nginx: 204,
  rclone: 204,
  sabredav: 204,
  'webdav-server': 201,
};

/** MOVE below a missing parent (real-servers.md §4): nginx even creates the path. */
const MOVE_NO_PARENT: Record<ServerName, number> = {
  apache: 500,
  nginx: 204,
  rclone: 403,
  sabredav: 409,
  'webdav-server': 500,
};

describe.each(SERVERS)('COPY and MOVE on %s', (name) => {
  it('COPY creates the destination and keeps the source', async () => {
    const s = await scratch(name, 'copy');
    await s.seed('a.txt', 'alpha');
    const status = CREATED[name];
    expect(await s.dav.copy('/a.txt', '/b.txt')).toEqual({ status, created: status === 201 });
    expect([await s.dav.getText('/a.txt'), await s.dav.getText('/b.txt')]).toEqual(['alpha', 'alpha']);
  });

  it(`COPY replaces an existing destination (${COPY_REPLACED[name]}) unless overwrite: false (${COPY_NO_OVERWRITE[name]})`, async () => {
    const s = await scratch(name, 'copyover');
    await s.seed('a.txt', 'alpha');
    await s.seed('b.txt', 'beta');
    const refused = await failure(s.dav.copy('/a.txt', '/b.txt', { overwrite: false }));
    if (COPY_NO_OVERWRITE[name] === 412) {
      expect(isDavHttpError(refused) && [refused.status, refused.method, refused.destination]).toEqual([
        412,
        'COPY',
        `${s.dir.url}b.txt`,
      ]);
      expect(await s.dav.getText('/b.txt')).toBe('beta');
    } else {
      expect(refused).toBeUndefined();
      expect(await s.dav.getText('/b.txt')).toBe('alpha');
    }
    await s.seed('b.txt', 'beta');
    const status = COPY_REPLACED[name];
    expect(await s.dav.copy('/a.txt', '/b.txt')).toEqual({ status, created: status === 201 });
    expect(await s.dav.getText('/b.txt')).toBe('alpha');
  });

  it('MOVE renames, and the source is gone', async () => {
    const s = await scratch(name, 'move');
    await s.seed('draft.txt', 'text');
    const status = CREATED[name];
    expect(await s.dav.move('/draft.txt', '/final.txt')).toEqual({ status, created: status === 201 });
    expect(await s.dav.exists('/draft.txt')).toBe(false);
    expect(await s.dav.getText('/final.txt')).toBe('text');
  });

  it('MOVE onto an existing file: 412 with overwrite: false, replaced otherwise', async () => {
    const s = await scratch(name, 'moveover');
    await s.seed('a.txt', 'alpha');
    await s.seed('b.txt', 'beta');
    const refused = await failure(s.dav.move('/a.txt', '/b.txt', { overwrite: false }));
    expect(isDavHttpError(refused) && [refused.status, refused.method, refused.destination]).toEqual([
      412,
      'MOVE',
      `${s.dir.url}b.txt`,
    ]);
    expect(isDavHttpError(refused) && refused.request.destinationPath).toBe(s.path('/b.txt'));
    expect(await s.dav.move('/a.txt', '/b.txt')).toEqual({ status: 204, created: false });
    expect(await s.dav.getText('/b.txt')).toBe('alpha');
  });

  it('COPY and MOVE of a collection take its members along', async () => {
    const s = await scratch(name, 'copycol');
    await s.seed('src/a.txt', 'alpha');
    await s.seed('src/deeper/b.txt', 'beta');
    await s.dav.copy('/src/', '/copy/');
    expect((await s.dav.list('/copy/', { deep: true })).map((e) => e.path).sort()).toEqual([
      '/copy/a.txt',
      '/copy/deeper/',
      '/copy/deeper/b.txt',
    ]);
    await s.dav.move('/src/', '/moved/');
    expect(await s.dav.exists('/src/')).toBe(false);
    expect(await s.dav.getText('/moved/deeper/b.txt')).toBe('beta');
  });

  it('sends names with spaces and non-ASCII characters as a percent-encoded Destination', async () => {
    const s = await scratch(name, 'copyenc');
    await s.seed('a b.txt', 'spaced');
    await s.dav.mkcol('/dossier été/');
    await s.dav.copy('/a b.txt', '/dossier été/c d é.txt');
    expect(await s.dav.getText('/dossier été/c d é.txt')).toBe('spaced');
  });

  it(`MOVE below a missing parent: ${MOVE_NO_PARENT[name]}`, async () => {
    const s = await scratch(name, 'movenoparent');
    await s.seed('a.txt', 'alpha');
    const error = await failure(s.dav.move('/a.txt', '/no/such/a.txt'));
    if (MOVE_NO_PARENT[name] < 300) {
      expect(error).toBeUndefined();
      expect(await s.dav.getText('/no/such/a.txt')).toBe('alpha');
    } else {
      expect(isDavHttpError(error) && [error.status, error.destination]).toEqual([
        MOVE_NO_PARENT[name],
        `${s.dir.url}no/such/a.txt`,
      ]);
    }
  });

  if (name !== 'nginx') {
    // nginx answers a COPY onto itself with 500 and truncates the file (real-servers.md §8).
    it('COPY onto itself is refused with 403', async () => {
      const s = await scratch(name, 'copyself');
      await s.seed('a.txt', 'alpha');
      const error = await failure(s.dav.copy('/a.txt', '/a.txt'));
      expect(isDavHttpError(error) && error.status).toBe(403);
      expect(await s.dav.getText('/a.txt')).toBe('alpha');
    });
  }
});
