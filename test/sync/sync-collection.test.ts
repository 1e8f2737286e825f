import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DavClient } from '../../src/client/client.ts';
import { createClient } from '../../src/client/create-client.ts';
import { isDavParseError } from '../../src/errors/guards.ts';
import type { SyncResult } from '../../src/sync/types.ts';
import { type SyncServer, startSyncServer } from './rfc6578-server.ts';

// Truncation (507) and forgotten tokens on demand, and nested collections: no harness server does
// these (see rfc6578-server.ts); Radicale's real answers are covered in test/interop/sync.test.ts.

let server: SyncServer;
let dav: DavClient;

beforeEach(async () => {
  server = await startSyncServer();
  dav = createClient({ baseUrl: server.baseUrl, retry: 0 });
});

afterEach(async () => {
  await server.close();
});

function paths(result: SyncResult) {
  return {
    added: result.added.map((entry) => entry.path),
    changed: result.changed.map((entry) => entry.path),
    removed: result.removed,
  };
}

describe('sync-collection (RFC 6578) against an in-process server', () => {
  it('lists everything first, then only what changed, deletions as removed', async () => {
    server.put('/a.ics', 'one');
    server.put('/b c é.ics', 'two');
    const first = await dav.sync('/');
    expect([first.kind, first.method]).toEqual(['initial', 'sync-collection']);
    expect(paths(first)).toEqual({ added: ['/a.ics', '/b c é.ics'], changed: [], removed: [] });

    server.put('/a.ics', 'one, changed');
    server.remove('/b c é.ics');
    server.put('/n.ics', 'new');
    const next = await dav.sync('/', { state: first.state });
    expect(next.kind).toBe('incremental');
    expect(paths(next)).toEqual({ added: ['/n.ics'], changed: ['/a.ics'], removed: ['/b c é.ics'] });
    expect(server.reports.at(-1)?.token).toBe(first.state.tokens?.['/']);
    expect(Object.keys(next.state.entries)).toEqual(['/a.ics', '/n.ics']);
    expect(structuredClone(next)).toEqual(next);
    expect(JSON.parse(JSON.stringify(next))).toEqual(next);
  });

  it('continues a truncated answer (507 on the request URI) with the new token until complete', async () => {
    server.pageSize = 2;
    for (const name of ['1', '2', '3', '4', '5']) {
      server.put(`/${name}.ics`, name);
    }
    const first = await dav.sync('/');
    expect(paths(first).added).toEqual(['/1.ics', '/2.ics', '/3.ics', '/4.ics', '/5.ics']);
    expect(server.reports.map((report) => report.token)).toEqual(['', 'urn:rfc6578:1:2', 'urn:rfc6578:1:4']);

    server.remove('/1.ics');
    server.put('/2.ics', 'two!');
    server.put('/6.ics', 'six');
    server.remove('/6.ics');
    const next = await dav.sync('/', { state: first.state });
    // Across pages: 6 was added then removed (net nothing), 1 removed, 2 changed.
    expect(paths(next)).toEqual({ added: [], changed: ['/2.ics'], removed: ['/1.ics'] });
  });

  it('answers a forgotten token (DAV:valid-sync-token) with a full resync that still gives exact changes', async () => {
    server.put('/keep.ics', 'k');
    server.put('/gone.ics', 'g');
    const first = await dav.sync('/');
    server.remove('/gone.ics');
    server.put('/keep.ics', 'k2');
    server.put('/new.ics', 'n');
    server.invalidateTokens();
    const next = await dav.sync('/', { state: first.state });
    expect([next.kind, next.resyncReason]).toEqual(['resync', 'invalid-token']);
    expect(paths(next)).toEqual({ added: ['/new.ics'], changed: ['/keep.ics'], removed: ['/gone.ics'] });
    expect(server.reports.slice(-2).map((report) => report.token === '')).toEqual([false, true]);
    const after = await dav.sync('/', { state: next.state });
    expect([after.kind, paths(after)]).toEqual(['incremental', { added: [], changed: [], removed: [] }]);
  });

  it('syncs child collections with their own tokens, and drops a removed one with all below it', async () => {
    server.put('/notes/');
    server.put('/notes/x.txt', 'x');
    server.put('/notes/deep/');
    server.put('/notes/deep/y.txt', 'y');
    const first = await dav.sync('/');
    expect(paths(first).added).toEqual(['/notes/', '/notes/deep/', '/notes/deep/y.txt', '/notes/x.txt']);
    expect(Object.keys(first.state.tokens ?? {})).toEqual(['/', '/notes/', '/notes/deep/']);

    // A change two levels down: the root's level-1 answer says nothing, the child's token does.
    server.put('/notes/deep/y.txt', 'y2');
    const second = await dav.sync('/', { state: first.state });
    expect(paths(second)).toEqual({ added: [], changed: ['/notes/deep/y.txt'], removed: [] });

    server.remove('/notes/');
    const third = await dav.sync('/', { state: second.state });
    expect(paths(third)).toEqual({
      added: [],
      changed: [],
      removed: ['/notes/', '/notes/deep/', '/notes/deep/y.txt', '/notes/x.txt'],
    });
    expect(third.state).toEqual({ ...third.state, entries: {}, tokens: { '/': expect.any(String) } });
  });

  it('refuses an answer without a sync token as a parse error, never as "nothing changed"', async () => {
    const broken = createClient({
      baseUrl: 'https://dav.test/dav/',
      retry: 0,
      fetch: async () =>
        new Response('<D:multistatus xmlns:D="DAV:"/>', {
          status: 207,
          headers: { 'content-type': 'application/xml' },
        }),
    });
    const error = await broken.sync('/').catch((e: unknown) => e);
    expect(isDavParseError(error)).toBe(true);
    expect((error as Error).message).toContain('no DAV:sync-token');
  });
});
