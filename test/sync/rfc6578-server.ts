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

/** The server's data: resources, the change log, and the token epoch. */
interface Store {
  readonly resources: Map<string, Resource>;
  readonly log: Change[];
  revision: number;
  epoch: number;
}

const INVALID_TOKEN =
  '<?xml version="1.0" encoding="utf-8"?><D:error xmlns:D="DAV:"><D:valid-sync-token/></D:error>';

/** The revision a token stands for, or `undefined` when the server does not know it (§3.2). */
function revisionOf(store: Store, token: string): number | undefined {
  if (token === '') {
    return 0;
  }
  const [epoch, revision] = token.startsWith(PREFIX) ? token.slice(PREFIX.length).split(':') : [];
  const since = Number(revision);
  return Number(epoch) === store.epoch && Number.isInteger(since) && since <= store.revision
    ? since
    : undefined;
}

/** The collection's members changed since `since`, each once, at its latest change (§3.5), oldest first. */
function changedMembers(
  store: Store,
  collection: string,
  since: number,
  initial: boolean,
): [string, number][] {
  const latest = new Map<string, number>();
  for (const change of store.log) {
    if (change.revision > since && parentOf(change.path) === collection && change.path !== collection) {
      latest.set(change.path, change.revision);
    }
  }
  // An initial sync lists the members, not what was deleted before it.
  const listed = [...latest].filter(([path]) => !initial || store.resources.has(path));
  return listed.sort((a, b) => a[1] - b[1]);
}

/** The answer to a sync-collection REPORT (level 1) on `collection` from `token`. */
function syncAnswer(store: Store, collection: string, token: string, pageSize: number) {
  const since = revisionOf(store, token);
  if (since === undefined) {
    return { status: 403, body: INVALID_TOKEN };
  }
  const ordered = changedMembers(store, collection, since, token === '');
  const page = ordered.slice(0, pageSize);
  const truncated = page.length < ordered.length;
  const reached = truncated ? (page[page.length - 1]?.[1] ?? since) : store.revision;
  const members = page.map(([path]) => memberXml(path, store.resources.get(path))).join('');
  const limit = truncated
    ? `<D:response><D:href>${href(collection)}</D:href><D:status>HTTP/1.1 507 Insufficient Storage</D:status>` +
      '<D:error><D:number-of-matches-within-limits/></D:error></D:response>'
    : '';
  return {
    status: 207,
    body:
      `<?xml version="1.0" encoding="utf-8"?><D:multistatus xmlns:D="DAV:">${members}${limit}` +
      `<D:sync-token>${PREFIX}${store.epoch}:${reached}</D:sync-token></D:multistatus>`,
  };
}

/** Starts the server on 127.0.0.1 with an empty collection `/dav/`. */
export async function startSyncServer(): Promise<SyncServer> {
  const store: Store = {
    resources: new Map([['/dav/', { collection: true, etag: '"root"', body: '' }]]),
    log: [],
    revision: 0,
    epoch: 1,
  };
  const record = (path: string) => store.log.push({ revision: ++store.revision, path });
  const reports: { path: string; token: string }[] = [];
  const server: Server = createServer(async (request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    const text = await bodyOf(request);
    if (request.method !== 'REPORT' || !store.resources.get(path)?.collection) {
      response.writeHead(405).end();
      return;
    }
    const token = /<D:sync-token>([^<]*)<\/D:sync-token>/.exec(text)?.[1] ?? '';
    reports.push({ path, token });
    const { status, body } = syncAnswer(store, path, token, state.pageSize);
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
      store.resources.set(full, { collection: full.endsWith('/'), etag: `"r${store.revision + 1}"`, body });
      record(full);
    },
    remove(path) {
      const full = `/dav${path}`;
      for (const key of [...store.resources.keys()]) {
        if (key === full || (full.endsWith('/') && key.startsWith(full))) {
          store.resources.delete(key);
          record(key);
        }
      }
    },
    invalidateTokens() {
      store.epoch++;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  return state;
}
