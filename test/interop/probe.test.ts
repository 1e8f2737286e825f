import { readdir, utimes } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createClient } from '../../src/client/create-client.ts';
import type { Capabilities } from '../../src/probe/types.ts';
import { davServer, freshCollection, type ServerName } from '../harness/fixture.ts';
import { SERVERS, scratch } from '../helpers/interop.ts';
import { calendar, event } from './radicale.ts';

type Facts = Pick<
  Capabilities,
  | 'depthInfinity'
  | 'partialUpdate'
  | 'ifMatchHonoured'
  | 'syncCollection'
  | 'quota'
  | 'etags'
  | 'collectionEtags'
  | 'requests'
>;

/** What each server is (real-servers.md §4, §8, and what the probe measured on them). */
const EXPECTED: Record<ServerName, Facts> = {
  apache: {
    depthInfinity: false,
    partialUpdate: ['content-range'],
    ifMatchHonoured: true,
    syncCollection: false,
    quota: false,
    etags: 'strong',
    collectionEtags: 'strong',
    // OPTIONS, PROPFIND ∞ (403), PROPFIND 1, PUT (412), PUT, PUT Content-Range, GET, DELETE
    requests: 8,
  },
  nginx: {
    depthInfinity: false,
    partialUpdate: [],
    ifMatchHonoured: false,
    syncCollection: false,
    quota: false,
    etags: 'none',
    collectionEtags: 'none',
    // OPTIONS, PROPFIND ∞ (403), PROPFIND 1, PUT (If-Match ignored: created), PUT Content-Range (501), DELETE
    requests: 6,
  },
  rclone: {
    depthInfinity: true,
    partialUpdate: [],
    ifMatchHonoured: false,
    syncCollection: false,
    quota: false,
    etags: 'strong',
    collectionEtags: 'none',
    // OPTIONS, PROPFIND ∞, PUT (created), PUT Content-Range (file replaced), GET, DELETE
    requests: 6,
  },
  sabredav: {
    depthInfinity: false,
    partialUpdate: ['sabredav-patch'],
    ifMatchHonoured: true,
    syncCollection: false,
    quota: true,
    etags: 'strong',
    collectionEtags: 'none',
    // OPTIONS, PROPFIND ∞ (as Depth 1), PROPFIND 1 of sub/, PUT (412), PUT, PUT Content-Range (501), PATCH, GET, DELETE
    requests: 9,
  },
  'webdav-server': {
    depthInfinity: false,
    partialUpdate: [],
    ifMatchHonoured: false,
    syncCollection: false,
    quota: false,
    etags: 'strong',
    collectionEtags: 'strong',
    // OPTIONS, PROPFIND ∞ (403), PROPFIND 1, PUT (created), PUT Content-Range (file replaced), GET, DELETE
    requests: 7,
  },
};

const AN_HOUR_AGO = new Date(Date.now() - 3_600_000);

describe.each(SERVERS)('probe() on %s', (name) => {
  it('learns what the server does, with a scratch file that is gone afterwards', async () => {
    const s = await scratch(name, 'probe');
    const seeded = [await s.seed('a.txt', 'alpha'), await s.seed('sub/deeper/c.txt', 'gamma')];
    // Apache gives a weak ETag to what changed within the last second: age the tree so it does not.
    for (const path of [
      ...seeded.map((each) => each.dir),
      join(s.dir.dir, 'sub/deeper'),
      join(s.dir.dir, 'sub'),
      s.dir.dir,
    ]) {
      await utimes(path, AN_HOUR_AGO, AN_HOUR_AGO);
    }
    const caps = await s.dav.probe('/');
    const facts = Object.fromEntries(
      Object.keys(EXPECTED[name]).map((key) => [key, caps[key as keyof Facts]]),
    );
    expect(facts).toEqual(EXPECTED[name]);
    expect(caps.learned).toMatchObject({
      depthInfinity: 'probed',
      partialUpdate: 'probed',
      ifMatchHonoured: 'probed',
      syncCollection: 'advertised',
      etags: 'probed',
    });
    expect((await readdir(s.dir.dir)).sort()).toEqual(['a.txt', 'sub']);
  });

  it('is shared with extend(), and makes list({ deep }) skip a refused Depth infinity', async () => {
    const s = await scratch(name, 'probe-list');
    await s.seed('sub/x.txt', 'x');
    const sent: string[] = [];
    const counting = createClient({
      baseUrl: s.dir.url,
      fetch: async (input, init) => {
        const request = new Request(input, init);
        sent.push(`${request.method} ${request.headers.get('depth') ?? ''}`);
        return fetch(request);
      },
    });
    const before = await counting.list('/', { deep: true });
    const caps = await counting.extend({ headers: { 'x-probe': '1' } }).probe('/', { scratch: false });
    sent.length = 0;
    const after = await counting.list('/', { deep: true });
    expect(after.map((e) => e.path).sort()).toEqual(before.map((e) => e.path).sort());
    expect(sent.includes('PROPFIND infinity')).toBe(caps.depthInfinity !== false);
  });
});

describe('probe() on radicale', () => {
  it('finds sync-collection on a calendar, and says what a scratch file it cannot write leaves unknown', async () => {
    const info = davServer('radicale');
    const dir = await freshCollection(info, 'probe');
    const url = await calendar(`${dir.url}cal/`);
    const dav = createClient({ baseUrl: url });
    await dav.put('/e1.ics', event('e1', 'one'), { contentType: 'text/calendar' });
    const caps = await dav.probe('/');
    expect(caps).toMatchObject({
      davExtensions: expect.arrayContaining(['calendar-access', 'addressbook']),
      syncCollection: true,
      ctag: true,
      collectionEtags: 'strong',
      etags: 'strong',
      // Radicale refuses a scratch file that is not iCalendar (400) before it looks at If-Match, as
      // RFC 9110 §13.2.1 asks: so neither fact can be learned, and none is guessed.
      ifMatchHonoured: 'unknown',
      partialUpdate: [],
      // A calendar holds no collections: nothing tells whether Depth infinity would go deeper.
      depthInfinity: 'unknown',
      requests: 3,
    });
    expect(caps.learned).toMatchObject({
      partialUpdate: 'unknown',
      ifMatchHonoured: 'unknown',
      depthInfinity: 'unknown',
      syncCollection: 'advertised',
    });
    expect(caps.notes).toEqual(['a scratch file could not be written (PUT answered 400)']);
    expect((await dav.list('/')).map((e) => e.path)).toEqual(['/e1.ics']);
  });

  it('finds out that the plain collection above the calendars answers Depth infinity as Depth 1', async () => {
    const info = davServer('radicale');
    const dir = await freshCollection(info, 'probe-root');
    const url = await calendar(`${dir.url}cal/`);
    await createClient({ baseUrl: url }).put('/e1.ics', event('e1', 'one'), { contentType: 'text/calendar' });
    const caps = await createClient({ baseUrl: dir.url }).probe('/', { scratch: false });
    // The listing shows cal/ but not its event; cal/ itself (Depth 1) shows the event.
    expect([caps.depthInfinity, caps.learned.depthInfinity, caps.syncCollection]).toEqual([
      false,
      'probed',
      false,
    ]);
  });
});
