import { readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DavClient } from '../../src/client/client.ts';
import { createClient } from '../../src/client/create-client.ts';
import type { SyncResult, SyncState } from '../../src/sync/types.ts';
import { davServer, freshCollection } from '../harness/fixture.ts';
import { SERVERS, scratch } from '../helpers/interop.ts';
import { calendar, event } from './radicale.ts';

function paths(result: SyncResult) {
  return {
    added: result.added.map((entry) => entry.path),
    changed: result.changed.map((entry) => entry.path),
    removed: result.removed,
  };
}

/** The state as it would come back from storage after a restart. */
function stored(state: SyncState): SyncState {
  return JSON.parse(JSON.stringify(state)) as SyncState;
}

async function seedTree(dav: DavClient): Promise<void> {
  await dav.mkdirp('/sub/nested/');
  await dav.put('/a.txt', 'alpha');
  await dav.put('/b c é.txt', 'beta');
  await dav.put('/sub/deep.txt', 'deep');
  await dav.put('/sub/nested/x.txt', 'x');
}

describe.each(SERVERS)('sync() on %s (a walk that compares ETags, or size and date)', (name) => {
  it('lists everything first, then exactly what was added, changed, removed and renamed', async () => {
    const { dav } = await scratch(name, 'sync');
    await seedTree(dav);
    const first = await dav.sync('/');
    expect([first.kind, first.method]).toEqual(['initial', 'walk']);
    expect(paths(first)).toEqual({
      added: ['/a.txt', '/b c é.txt', '/sub/', '/sub/deep.txt', '/sub/nested/', '/sub/nested/x.txt'],
      changed: [],
      removed: [],
    });
    expect(first.added.find((entry) => entry.path === '/a.txt')).toMatchObject({ type: 'file', size: 5 });

    // Sizes change too: nginx has no ETags, and its dates have whole seconds.
    await dav.put('/a.txt', 'alpha, longer');
    await dav.put('/sub/nested/x.txt', 'x, longer');
    await dav.put('/new ü.txt', 'new');
    await dav.delete('/b c é.txt');
    await dav.move('/sub/deep.txt', '/sub/renamed.txt');
    await dav.mkcol('/más/');
    await dav.put('/más/f.txt', 'f');
    const second = await dav.sync('/', { state: stored(first.state) });
    expect(second.kind).toBe('incremental');
    expect(paths(second)).toEqual({
      added: ['/más/', '/más/f.txt', '/new ü.txt', '/sub/renamed.txt'],
      changed: ['/a.txt', '/sub/nested/x.txt'],
      removed: ['/b c é.txt', '/sub/deep.txt'],
    });
    expect(second.changed[0]).toMatchObject({ path: '/a.txt', size: 13 });

    const third = await dav.sync('/', { state: stored(second.state) });
    expect(paths(third)).toEqual({ added: [], changed: [], removed: [] });

    await dav.delete('/sub/');
    const fourth = await dav.sync('/', { state: stored(third.state) });
    expect(paths(fourth)).toEqual({
      added: [],
      changed: [],
      removed: ['/sub/', '/sub/nested/', '/sub/nested/x.txt', '/sub/renamed.txt'],
    });
    expect(Object.keys(fourth.state.entries)).toEqual(['/a.txt', '/más/', '/más/f.txt', '/new ü.txt']);
  });

  it('refuses a state of another collection instead of reporting everything as changed', async () => {
    const one = await scratch(name, 'sync-one');
    const two = await scratch(name, 'sync-two');
    const first = await one.dav.sync('/');
    await expect(two.dav.sync('/', { state: first.state })).rejects.toThrow(/belongs to/);
  });
});

describe('sync() on apache: weak ETags', () => {
  it('does not report a file whose ETag only turned from weak to strong (Apache, a second after a write)', async () => {
    const { dav } = await scratch('apache', 'sync-weak');
    await dav.put('/a.txt', 'alpha');
    const first = await dav.sync('/');
    expect(first.added[0]?.etag).toMatch(/^W\//);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const next = await dav.sync('/', { state: first.state });
    expect((await dav.stat('/a.txt')).etag).not.toMatch(/^W\//);
    expect(paths(next)).toEqual({ added: [], changed: [], removed: [] });
  });
});

describe('sync() on apache with trustCollectionEtags', () => {
  it('skips unchanged leaf collections, finds changes written over WebDAV, and misses in-place disk writes', async () => {
    const s = await scratch('apache', 'sync-trust');
    for (const leaf of ['l1', 'l2', 'l3']) {
      await s.dav.mkcol(`/${leaf}/`);
      await s.dav.put(`/${leaf}/f.txt`, leaf);
    }
    const propfinds: string[] = [];
    const dav = createClient({
      baseUrl: s.dir.url,
      fetch: async (input, init) => {
        const request = new Request(input, init);
        if (request.method === 'PROPFIND') {
          propfinds.push(decodeURIComponent(new URL(request.url).pathname).slice(s.dir.path.length - 1));
        }
        return fetch(request);
      },
    });
    const first = await dav.sync('/');
    // A PUT replaces the file, so l1's directory (and its ETag) changes; Apache tracks direct members.
    await dav.put('/l1/f.txt', 'changed over WebDAV');
    propfinds.length = 0;
    const trusted = await dav.sync('/', { state: first.state, trustCollectionEtags: true });
    expect(paths(trusted)).toEqual({ added: [], changed: ['/l1/f.txt'], removed: [] });
    expect(propfinds).toEqual(['/', '/l1/']);

    // Written in place on disk, the file changes but its directory does not: only the full walk sees it.
    await writeFile(join(s.dir.dir, 'l2', 'f.txt'), 'changed on disk');
    const blind = await dav.sync('/', { state: trusted.state, trustCollectionEtags: true });
    expect(paths(blind).changed).toEqual([]);
    const full = await dav.sync('/', { state: trusted.state });
    expect(paths(full).changed).toEqual(['/l2/f.txt']);
  });
});

describe('sync() on radicale (RFC 6578 sync-collection)', () => {
  it('reports changes since its token, and resyncs exactly when the server no longer knows the token', async () => {
    const info = davServer('radicale');
    const dir = await freshCollection(info, 'sync');
    const dav = createClient({ baseUrl: await calendar(`${dir.url}cal/`) });
    const put = (path: string, uid: string, summary: string) =>
      dav.put(path, event(uid, summary), { contentType: 'text/calendar' });
    await put('/a.ics', 'a', 'one');
    await put('/b c é.ics', 'b', 'two');
    const first = await dav.sync('/');
    expect([first.kind, first.method, paths(first)]).toEqual([
      'initial',
      'sync-collection',
      { added: ['/a.ics', '/b c é.ics'], changed: [], removed: [] },
    ]);

    await put('/a.ics', 'a', 'one changed');
    await put('/new ü.ics', 'n', 'new');
    await dav.delete('/b c é.ics');
    await dav.move('/new ü.ics', '/renamed.ics');
    const second = await dav.sync('/', { state: stored(first.state) });
    expect([second.kind, paths(second)]).toEqual([
      'incremental',
      { added: ['/renamed.ics'], changed: ['/a.ics'], removed: ['/b c é.ics'] },
    ]);

    // Radicale keeps each token's state in its cache: removing it there invalidates the token.
    const tokens = join(dir.dir, 'cal', '.Radicale.cache', 'sync-token');
    for (const file of await readdir(tokens)) {
      await rm(join(tokens, file));
    }
    await put('/late.ics', 'l', 'late');
    await dav.delete('/a.ics');
    const third = await dav.sync('/', { state: stored(second.state) });
    expect([third.kind, third.resyncReason, paths(third)]).toEqual([
      'resync',
      'invalid-token',
      { added: ['/late.ics'], changed: [], removed: ['/a.ics'] },
    ]);
    const fourth = await dav.sync('/', { state: stored(third.state) });
    expect([fourth.kind, paths(fourth)]).toEqual(['incremental', { added: [], changed: [], removed: [] }]);
  });

  it('falls back to the walk on the plain collection above the calendars (no sync-collection there)', async () => {
    const info = davServer('radicale');
    const dir = await freshCollection(info, 'sync-plain');
    const url = await calendar(`${dir.url}cal/`);
    await createClient({ baseUrl: url }).put('/e.ics', event('e', 'e'), { contentType: 'text/calendar' });
    const result = await createClient({ baseUrl: dir.url }).sync('/');
    expect([result.method, paths(result).added]).toEqual(['walk', ['/cal/', '/cal/e.ics']]);
  });
});
