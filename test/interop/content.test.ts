import { describe, expect, it } from 'vitest';
import { isDavHttpError } from '../../src/errors/guards.ts';
import type { ServerName } from '../harness/servers/types.ts';
import { failure, SERVERS, scratch } from '../helpers/interop.ts';

/** Status of a PUT that creates, then of one that replaces (rclone says 201 both times). */
const PUT_STATUS: Record<ServerName, [number, number]> = {
  apache: [201, 204],
  nginx: [201, 204],
  rclone: [201, 201],
  sabredav: [201, 204],
  'webdav-server': [201, 200],
};

/** PUT below a missing parent (real-servers.md §4). */
const PUT_NO_PARENT: Record<ServerName, number> = {
  apache: 409,
  nginx: 500,
  rclone: 404,
  sabredav: 404,
  'webdav-server': 409,
};

/** Servers that evaluate If-Match / If-None-Match on PUT (nginx, rclone and webdav-server ignore them). */
const CONDITIONAL_PUT: Record<ServerName, boolean> = {
  apache: true,
  nginx: false,
  rclone: false,
  sabredav: true,
  'webdav-server': false,
};

/** MKCOL on an existing collection: 405, except rclone, which says 201. */
const MKCOL_AGAIN: Record<ServerName, number> = {
  apache: 405,
  nginx: 405,
  rclone: 201,
  sabredav: 405,
  'webdav-server': 405,
};

const ALL_BYTES = Uint8Array.from({ length: 256 }, (_, i) => i);

describe.each(SERVERS)('content verbs on %s', (name) => {
  it(`PUT creates (${PUT_STATUS[name][0]}) and replaces (${PUT_STATUS[name][1]}); getText reads it back`, async () => {
    const s = await scratch(name, 'put');
    const created = await s.dav.put('/notes.txt', 'première version ✓');
    expect([created.status, created.created]).toEqual([PUT_STATUS[name][0], true]);
    expect(await s.dav.getText('/notes.txt')).toBe('première version ✓');
    const replaced = await s.dav.put('/notes.txt', 'second');
    expect(replaced.status).toBe(PUT_STATUS[name][1]);
    expect(replaced.created).toBe(PUT_STATUS[name][1] === 201);
    expect(await s.dav.getText('/notes.txt')).toBe('second');
  });

  it('getBytes() and get() return binary content byte for byte', async () => {
    const s = await scratch(name, 'bytes');
    await s.dav.put('/all.bin', ALL_BYTES, { contentType: 'application/octet-stream' });
    expect(await s.dav.getBytes('/all.bin')).toEqual(ALL_BYTES);
    const response = await s.dav.get('/all.bin');
    expect(response.status).toBe(200);
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(ALL_BYTES);
  });

  it('a Blob body is uploaded as it is', async () => {
    const s = await scratch(name, 'blob');
    await s.dav.put('/b.json', new Blob(['{"a":1}'], { type: 'application/json' }));
    expect(await s.dav.getText('/b.json')).toBe('{"a":1}');
  });

  it('get() with a range returns those bytes', async () => {
    const s = await scratch(name, 'range');
    await s.seed('a.txt', 'alphabet');
    const response = await s.dav.get('/a.txt', { range: { start: 2, end: 4 } });
    expect([response.status, await response.text()]).toEqual([206, 'pha']);
  });

  it('HEAD gives the size and, where the server sends them, type, date and ETag', async () => {
    const s = await scratch(name, 'head');
    await s.seed('a.txt', 'alpha');
    const head = await s.dav.head('/a.txt');
    expect([head.status, head.size]).toEqual([200, 5]);
    // SabreDAV 1.8 serves every file as application/octet-stream.
    expect(head.contentType).toMatch(name === 'sabredav' ? /^application\/octet-stream/ : /^text\/plain/);
    if (name === 'webdav-server') {
      // webdav-server sends neither ETag nor Last-Modified on GET/HEAD (PROPFIND has them).
      expect([head.etag, head.lastModified]).toEqual([undefined, undefined]);
      return;
    }
    expect(Number.isNaN(Date.parse(head.lastModified ?? ''))).toBe(false);
    expect(head.etag).toMatch(/^(W\/)?"/);
    if (name !== 'nginx') {
      // nginx has no getetag property; Apache may weaken a fresh file's header ETag.
      expect((await s.dav.stat('/a.txt')).etag?.replace(/^W\//, '')).toBe(head.etag?.replace(/^W\//, ''));
    }
  });

  it('GET and HEAD of a missing file throw a 404 DavHttpError', async () => {
    const s = await scratch(name, 'get404');
    const get = await failure(s.dav.getText('/missing.txt'));
    expect(isDavHttpError(get) && [get.status, get.method]).toEqual([404, 'GET']);
    const head = await failure(s.dav.head('/missing.txt'));
    expect(isDavHttpError(head) && [head.status, head.method]).toEqual([404, 'HEAD']);
  });

  it(`PUT below a missing parent throws a DavHttpError (${PUT_NO_PARENT[name]})`, async () => {
    const s = await scratch(name, 'putnoparent');
    const error = await failure(s.dav.put('/no/such/dir/a.txt', 'x'));
    expect(isDavHttpError(error) && error.status).toBe(PUT_NO_PARENT[name]);
  });

  it(`conditional PUT: ${CONDITIONAL_PUT[name] ? '412 on a stale ETag and on overwrite: false' : 'conditions ignored'}`, async () => {
    const s = await scratch(name, 'putcond');
    await s.seed('a.txt', 'alpha');
    // One request at a time: rclone answers 423 to concurrent PUTs of one file (its internal write lock).
    const stale = await failure(s.dav.put('/a.txt', 'beta', { ifMatch: '"not-the-etag"' }));
    const noOverwrite = await failure(s.dav.put('/a.txt', 'gamma', { overwrite: false }));
    if (CONDITIONAL_PUT[name]) {
      expect([
        isDavHttpError(stale) && stale.status,
        isDavHttpError(noOverwrite) && noOverwrite.status,
      ]).toEqual([412, 412]);
      expect(await s.dav.getText('/a.txt')).toBe('alpha');
      const missing = await failure(s.dav.put('/missing.txt', 'm', { ifMatch: '*' }));
      expect(isDavHttpError(missing) && missing.status).toBe(412);
    } else {
      expect([stale, noOverwrite]).toEqual([undefined, undefined]);
      expect(await s.dav.getText('/a.txt')).toBe('gamma');
    }
    await s.dav.put('/a.txt', 'delta', { ifMatch: '*' });
    expect(await s.dav.getText('/a.txt')).toBe('delta');
    expect((await s.dav.put('/new.txt', 'n', { overwrite: false })).created).toBe(true);
  });

  it('DELETE removes a file; deleting it again is a 404', async () => {
    const s = await scratch(name, 'delete');
    await s.seed('a.txt', 'alpha');
    await s.dav.delete('/a.txt');
    expect(await s.dav.exists('/a.txt')).toBe(false);
    const error = await failure(s.dav.delete('/a.txt'));
    expect(isDavHttpError(error) && [error.status, error.method]).toEqual([404, 'DELETE']);
  });

  it('DELETE removes a collection with its members', async () => {
    const s = await scratch(name, 'deletecol');
    await s.seed('sub/a.txt', 'alpha');
    await s.seed('sub/deeper/b.txt', 'beta');
    await s.dav.delete('/sub/');
    expect(await s.dav.list('/')).toEqual([]);
  });

  it(`MKCOL creates a collection; again: ${MKCOL_AGAIN[name]}; below a missing parent: 409`, async () => {
    const s = await scratch(name, 'mkcol');
    await s.dav.mkcol('/made');
    expect((await s.dav.stat('/made/')).type).toBe('directory');
    const again = await failure(s.dav.mkcol('/made/'));
    if (MKCOL_AGAIN[name] === 201) {
      expect(again).toBeUndefined();
    } else {
      expect(isDavHttpError(again) && again.status).toBe(MKCOL_AGAIN[name]);
    }
    const orphan = await failure(s.dav.mkcol('/no/such/'));
    expect(isDavHttpError(orphan) && [orphan.status, orphan.method]).toEqual([409, 'MKCOL']);
  });
});
