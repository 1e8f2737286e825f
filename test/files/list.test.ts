import { describe, expect, it } from 'vitest';
import { isDavHttpError } from '../../src/errors/guards.ts';
import { multistatusResponse, type ObservedRequest, observedClient } from '../helpers/clients.ts';

/** A multistatus listing `entries` ([href, collection?]) with sizes for files. */
function listing(entries: [string, boolean][]): Response {
  const responses = entries
    .map(
      ([href, collection]) =>
        `<D:response><D:href>${href}</D:href><D:propstat><D:prop>` +
        (collection
          ? '<D:resourcetype><D:collection/></D:resourcetype>'
          : '<D:resourcetype/><D:getcontentlength>3</D:getcontentlength><D:getetag>"e"</D:getetag>') +
        '</D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response>',
    )
    .join('');
  return multistatusResponse(`<D:multistatus xmlns:D="DAV:">${responses}</D:multistatus>`);
}

/** A tree on a fake server: path → members, answering Depth 1 (or infinity when `infinity`). */
function tree(infinity: 'honoured' | 'refused' | 'as depth 1') {
  const dirs: Record<string, [string, boolean][]> = {
    '/root/': [
      ['/root/a.txt', false],
      ['/root/sub/', true],
    ],
    '/root/sub/': [
      ['/root/sub/b.txt', false],
      ['/root/sub/deeper/', true],
    ],
    '/root/sub/deeper/': [['/root/sub/deeper/c.txt', false]],
  };
  const all = (dir: string): [string, boolean][] =>
    (dirs[dir] ?? []).flatMap(([href, collection]) => [[href, collection], ...(collection ? all(href) : [])]);
  return (request: ObservedRequest): Response => {
    const dir = new URL(request.url).pathname;
    if (request.headers.depth === 'infinity') {
      if (infinity === 'refused') {
        return new Response('<html>403</html>', { status: 403 });
      }
      return listing([[dir, true], ...(infinity === 'honoured' ? all(dir) : (dirs[dir] ?? []))]);
    }
    return listing([[dir, true], ...(dirs[dir] ?? [])]);
  };
}

const DEEP = ['/a.txt', '/sub/', '/sub/b.txt', '/sub/deeper/', '/sub/deeper/c.txt'];

describe('list()', () => {
  it('lists the members with Depth 1, without the collection itself', async () => {
    const { dav, requests } = observedClient(tree('honoured'));
    const entries = await dav.list('/');
    expect(entries.map((e) => [e.path, e.type, e.size ?? null, e.etag ?? null])).toEqual([
      ['/a.txt', 'file', 3, '"e"'],
      ['/sub/', 'directory', null, null],
    ]);
    expect(requests.map((r) => r.headers.depth)).toEqual(['1']);
  });

  it('deep: one Depth infinity request when the server honours it', async () => {
    const { dav, requests } = observedClient(tree('honoured'));
    expect((await dav.list('/', { deep: true })).map((e) => e.path).sort()).toEqual(DEEP);
    expect(requests.map((r) => r.headers.depth)).toEqual(['infinity']);
  });

  it('deep: walks level by level when Depth infinity is refused with 403 (Apache, nginx)', async () => {
    const { dav, requests } = observedClient(tree('refused'));
    expect((await dav.list('/', { deep: true })).map((e) => e.path).sort()).toEqual(DEEP);
    expect(requests.map((r) => [new URL(r.url).pathname, r.headers.depth])).toEqual([
      ['/root/', 'infinity'],
      ['/root/', '1'],
      ['/root/sub/', '1'],
      ['/root/sub/deeper/', '1'],
    ]);
  });

  it('deep: walks the subdirectories when Depth infinity came back as Depth 1 (SabreDAV 1.8)', async () => {
    const { dav } = observedClient(tree('as depth 1'));
    expect((await dav.list('/', { deep: true })).map((e) => e.path).sort()).toEqual(DEEP);
  });

  it('deep: walks at once where a cached probe saw Depth infinity refused, tries it where not', async () => {
    const { dav, requests } = observedClient(tree('refused'));
    await dav.probe('/', { scratch: false });
    requests.length = 0;
    expect((await dav.list('/sub/', { deep: true })).map((e) => e.path).sort()).toEqual(DEEP.slice(2));
    expect(requests.map((r) => r.headers.depth)).toEqual(['1', '1']);
    const { dav: unprobed, requests: sent } = observedClient(tree('refused'));
    await unprobed.list('/sub/', { deep: true });
    expect(sent[0]?.headers.depth).toBe('infinity');
  });

  it('deep: other failures are not papered over', async () => {
    const { dav } = observedClient(() => new Response('', { status: 401 }));
    const error = await dav.list('/', { deep: true }).catch((e: unknown) => e);
    expect(isDavHttpError(error) && error.status).toBe(401);
  });
});

describe('stat() and exists()', () => {
  it('stat() asks for Depth 0 and describes the resource', async () => {
    const { dav, requests } = observedClient(() => listing([['/root/sub/', true]]));
    expect(await dav.stat('/sub')).toMatchObject({ path: '/sub/', name: 'sub', type: 'directory' });
    expect(requests[0]?.headers.depth).toBe('0');
  });

  it('stat() of an empty multistatus is a DavParseError', async () => {
    const { dav } = observedClient(() => multistatusResponse('<D:multistatus xmlns:D="DAV:"/>'));
    expect(((await dav.stat('/x').catch((e: unknown) => e)) as Error).name).toBe('DavParseError');
  });

  it('exists(): 404 and 410 are false, other failures throw', async () => {
    for (const [status, expected] of [
      [404, false],
      [410, false],
    ] as const) {
      const { dav } = observedClient(() => new Response('', { status }));
      expect(await dav.exists('/x')).toBe(expected);
    }
    const { dav } = observedClient(() => new Response('', { status: 403 }));
    expect(isDavHttpError(await dav.exists('/x').catch((e: unknown) => e))).toBe(true);
  });
});
