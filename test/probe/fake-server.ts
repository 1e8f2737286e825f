/**
 * A fake WebDAV server for the probe's unit tests, answering through an injected `fetch`
 * (`observedClient`): a few files in memory and switches for what the probe tells apart. The real
 * servers' answers are covered in test/interop/probe.test.ts.
 */
import { multistatusResponse, type ObservedRequest } from '../helpers/clients.ts';

/** How the fake server behaves. */
export interface FakeServerOptions {
  readonly infinity?: 'honoured' | 'refused' | 'as depth 1';
  /** `'honoured'`, `'ignored'` (the file is replaced, as rclone does) or `'refused'` (501, as nginx). */
  readonly contentRange?: 'honoured' | 'ignored' | 'refused';
  readonly ifMatch?: boolean;
  /** Fails the request (throws, as a dropped connection would) when it returns true. */
  readonly dropWhen?: (request: ObservedRequest) => boolean;
}

/** The fake server: its files (path below `/root/` → content) and the handler. */
export function fakeServer(options: FakeServerOptions = {}) {
  const files = new Map<string, string>([
    ['/root/a.txt', 'alpha'],
    ['/root/sub/b.txt', 'beta'],
  ]);
  const handler = (request: ObservedRequest): Response => {
    if (options.dropWhen?.(request)) {
      throw new TypeError('fetch failed');
    }
    const path = decodeURIComponent(new URL(request.url).pathname);
    switch (request.method) {
      case 'OPTIONS':
        return new Response(null, { headers: { dav: '1, 2', allow: 'OPTIONS, GET, PUT, DELETE, PROPFIND' } });
      case 'PROPFIND':
        return propfind(files, path, request.headers.depth ?? '1', options.infinity ?? 'honoured');
      case 'PUT':
        return put(files, path, request, options);
      case 'GET':
        return files.has(path) ? new Response(files.get(path)) : new Response('', { status: 404 });
      case 'DELETE':
        return new Response(null, { status: files.delete(path) ? 204 : 404 });
      default:
        return new Response('', { status: 405 });
    }
  };
  return { files, handler };
}

function put(files: Map<string, string>, path: string, request: ObservedRequest, options: FakeServerOptions) {
  const range = request.headers['content-range'];
  if (request.headers['if-match'] !== undefined && options.ifMatch !== false) {
    return new Response('', { status: 412 });
  }
  if (range !== undefined && options.contentRange !== 'ignored') {
    if (options.contentRange === 'refused') {
      return new Response('', { status: 501 });
    }
    const start = Number(/bytes (\d+)-/.exec(range)?.[1]);
    const old = files.get(path) ?? '';
    files.set(path, old.slice(0, start) + request.body + old.slice(start + request.body.length));
    return new Response(null, { status: 204 });
  }
  const existed = files.has(path);
  files.set(path, request.body);
  return new Response(null, { status: existed ? 204 : 201 });
}

function propfind(
  files: Map<string, string>,
  path: string,
  depth: string,
  infinity: FakeServerOptions['infinity'],
) {
  if (depth === 'infinity' && infinity === 'refused') {
    return new Response('<html>403</html>', { status: 403 });
  }
  const dirs = new Set<string>(['/root/']);
  for (const file of files.keys()) {
    dirs.add(file.slice(0, file.lastIndexOf('/') + 1));
  }
  const levels = depth === '0' ? 0 : depth === '1' || infinity === 'as depth 1' ? 1 : 99;
  const below = (p: string) => {
    const rest = p.slice(path.length).replace(/\/$/, '');
    return p.startsWith(path) && p !== path ? rest.split('/').length : -1;
  };
  // A file asked for with a trailing slash is answered as the file (rclone does so).
  const self = files.has(path.replace(/\/$/, '')) ? path.replace(/\/$/, '') : path;
  const members = [...dirs, ...files.keys()].filter(
    (p) => p === self || (below(p) >= 1 && below(p) <= levels),
  );
  if (!members.includes(self)) {
    return new Response('', { status: 404 });
  }
  const body = members
    .map((p) => {
      const prop = p.endsWith('/')
        ? '<D:resourcetype><D:collection/></D:resourcetype>'
        : `<D:resourcetype/><D:getetag>"${files.get(p)?.length}"</D:getetag>`;
      return `<D:response><D:href>${p}</D:href><D:propstat><D:prop>${prop}</D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response>`;
    })
    .join('');
  return multistatusResponse(`<D:multistatus xmlns:D="DAV:">${body}</D:multistatus>`);
}
