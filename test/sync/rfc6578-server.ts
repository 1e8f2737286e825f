/**
 * An in-process server that answers the RFC 6578 `sync-collection` REPORT exactly as the RFC says,
 * for what no harness server produces on demand: Radicale never truncates an answer (507 on the
 * request URI, §3.6) and keeps its tokens until its cache is cleared; this one truncates after
 * `pageSize` changes and forgets tokens when told to (`DAV:valid-sync-token`, §3.2). It also nests
 * collections (Radicale's calendars cannot), so sync-level 1 with a token per child collection is
 * exercised. Everything else a client might send gets 405.
 *
 * State: a map of paths (under `/dav/`) to resources, and a change log with one revision per change.
 * A token is `urn:rfc6578:<epoch>:<revision>`: everything up to that revision has been reported;
 * `invalidateTokens()` starts a new epoch, and tokens of an older one are refused.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

interface Resource {
  readonly collection: boolean;
  readonly etag: string;
  readonly body: string;
}

interface Change {
  readonly revision: number;
  readonly path: string;
}

/** A running RFC 6578 server. */
export interface SyncServer {
  /** The WebDAV root: `<origin>/dav/`. */
  readonly baseUrl: string;
  /** Changes per answer before it is truncated (default: no truncation). */
  pageSize: number;
  /** Every REPORT's request path and token, in order. */
  readonly reports: { readonly path: string; readonly token: string }[];
  /** Creates or replaces a resource (a path ending with `/` is a collection). */
  put(path: string, body?: string): void;
  remove(path: string): void;
  /** Forgets every token handed out so far: the next REPORT with one gets `DAV:valid-sync-token`. */
  invalidateTokens(): void;
  close(): Promise<void>;
}

const PREFIX = 'urn:rfc6578:';

function parentOf(path: string): string {
  const trimmed = path.endsWith('/') ? path.slice(0, -1) : path;
  return trimmed.slice(0, trimmed.lastIndexOf('/') + 1);
}

function href(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

function memberXml(path: string, resource: Resource | undefined): string {
  if (resource === undefined) {
    return `<D:response><D:href>${href(path)}</D:href><D:status>HTTP/1.1 404 Not Found</D:status></D:response>`;
  }
  const type = resource.collection ? '<D:collection/>' : '';
  const length = resource.collection
    ? ''
    : `<D:getcontentlength>${resource.body.length}</D:getcontentlength>`;
  return (
    `<D:response><D:href>${href(path)}</D:href><D:propstat><D:prop>` +
    `<D:resourcetype>${type}</D:resourcetype><D:getetag>${resource.etag}</D:getetag>${length}` +
    '</D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response>'
  );
}

async function bodyOf(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) {
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Starts the server on 127.0.0.1 with an empty collection `/dav/`. */
export async function startSyncServer(): Promise<SyncServer> {
  const resources = new Map<string, Resource>([['/dav/', { collection: true, etag: '"root"', body: '' }]]);
  const log: Change[] = [];
  let revision = 0;
  let epoch = 1;
  const reports: { path: string; token: string }[] = [];
  const record = (path: string) => log.push({ revision: ++revision, path });

  /** The answer to a sync-collection REPORT on `collection` from `token`. */
  const answer = (collection: string, token: string, pageSize: number) => {
    let since = 0;
    if (token !== '') {
      const [tokenEpoch, tokenRevision] = token.startsWith(PREFIX)
        ? token.slice(PREFIX.length).split(':')
        : [];
      since = Number(tokenRevision);
      if (Number(tokenEpoch) !== epoch || !Number.isInteger(since) || since > revision) {
        return {
          status: 403,
          body: '<?xml version="1.0" encoding="utf-8"?><D:error xmlns:D="DAV:"><D:valid-sync-token/></D:error>',
        };
      }
    }
    // Level 1: the collection's own members; each path once, at its latest change (§3.5).
    const latest = new Map<string, number>();
    for (const change of log) {
      if (change.revision > since && parentOf(change.path) === collection && change.path !== collection) {
        latest.set(change.path, change.revision);
      }
    }
    if (token === '') {
      for (const [path] of latest) {
        if (!resources.has(path)) {
          latest.delete(path); // an initial sync lists members, not what was deleted before it
        }
      }
    }
    const ordered = [...latest].sort((a, b) => a[1] - b[1]);
    const page = ordered.slice(0, pageSize);
    const truncated = page.length < ordered.length;
    const reached = truncated ? (page[page.length - 1]?.[1] ?? since) : revision;
    const members = page.map(([path]) => memberXml(path, resources.get(path))).join('');
    const limit = truncated
      ? `<D:response><D:href>${href(collection)}</D:href><D:status>HTTP/1.1 507 Insufficient Storage</D:status>` +
        '<D:error><D:number-of-matches-within-limits/></D:error></D:response>'
      : '';
    return {
      status: 207,
      body:
        `<?xml version="1.0" encoding="utf-8"?><D:multistatus xmlns:D="DAV:">${members}${limit}` +
        `<D:sync-token>${PREFIX}${epoch}:${reached}</D:sync-token></D:multistatus>`,
    };
  };

  const server: Server = createServer(async (request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    const text = await bodyOf(request);
    if (request.method !== 'REPORT' || !resources.get(path)?.collection) {
      response.writeHead(405).end();
      return;
    }
    const token = /<D:sync-token>([^<]*)<\/D:sync-token>/.exec(text)?.[1] ?? '';
    reports.push({ path, token });
    const { status, body } = answer(path, token, state.pageSize);
    response.writeHead(status, { 'content-type': 'application/xml; charset=utf-8' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const state: SyncServer = {
    baseUrl: `http://127.0.0.1:${port}/dav/`,
    pageSize: Number.POSITIVE_INFINITY,
    reports,
    put(path, body = '') {
      const full = `/dav${path}`;
      resources.set(full, { collection: full.endsWith('/'), etag: `"r${revision + 1}"`, body });
      record(full);
    },
    remove(path) {
      const full = `/dav${path}`;
      for (const key of [...resources.keys()]) {
        if (key === full || (full.endsWith('/') && key.startsWith(full))) {
          resources.delete(key);
          record(key);
        }
      }
    },
    invalidateTokens() {
      epoch++;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  return state;
}
