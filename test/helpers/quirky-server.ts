/**
 * Real HTTP servers on 127.0.0.1 that answer exactly as the servers of issue 17 did (no harness
 * server does: Apache, nginx, rclone, SabreDAV 1.8 and webdav-server all declare their prefixes,
 * accept the tagged `If` on refresh, accept an ownerless LOCK and report whole seconds). The bodies
 * and headers are the ones quoted in the issue; everything else is a minimal WebDAV store.
 *
 * - `undeclared-dav`: a PROPPATCH touching a DAV: property gets a 207 whose 403 propstat writes
 *   `<DAV:getetag/>` and `<DAV:cannot-modify-protected-property/>` with no `xmlns:DAV`; PROPFIND
 *   `Depth: infinity` gets a 403 with the same flaw; SEARCH (and any other PROPFIND) answers with
 *   undeclared `nc:`/`oc:`; a
 *   LOCK refresh with a tagged `If` gets 400, with an untagged one 200 and `Timeout: Second-599.998`.
 * - `owner-required`: a LOCK without `<D:owner>` gets 400 "requires a filled owner element".
 * - `nextcloud-quota`: PROPFIND of quota answers `quota-available-bytes` with Nextcloud's sentinel.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Which server of the issue to play. */
export type Quirk = 'undeclared-dav' | 'owner-required' | 'nextcloud-quota';

/** A running quirky server. */
export interface QuirkyServer {
  readonly origin: string;
  /** The WebDAV root: `<origin>/dav/`. */
  readonly baseUrl: string;
  /** `METHOD path` and the If / Timeout headers of every request, in order. */
  readonly log: {
    readonly method: string;
    readonly path: string;
    readonly if?: string;
    readonly body: string;
  }[];
  /** The quota-available-bytes text the `nextcloud-quota` server reports (default `-3`). */
  quotaAvailable: string;
  close(): Promise<void>;
}

interface Answer {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
}

const XML = { 'content-type': 'application/xml; charset=utf-8' };

/** The issue's PROPPATCH answer: the protected property's propstat uses DAV: without declaring it. */
export function undeclaredProppatchBody(href: string): string {
  return (
    '<?xml version="1.0" encoding="utf-8"?>\n<D:multistatus xmlns:D="DAV:"><D:response>' +
    `<D:href>${href}</D:href>` +
    '<D:propstat><D:prop><DAV:getetag/></D:prop><D:status>HTTP/1.1 403 Forbidden</D:status>' +
    '<D:error><DAV:cannot-modify-protected-property/></D:error></D:propstat>' +
    '<D:propstat><D:prop><ns1:state xmlns:ns1="urn:acme"/></D:prop>' +
    '<D:status>HTTP/1.1 424 Failed Dependency</D:status></D:propstat>' +
    '</D:response></D:multistatus>'
  );
}

/** The issue's 403 for `Depth: infinity`, with the same undeclared prefix. */
export const UNDECLARED_FINITE_DEPTH =
  '<?xml version="1.0" encoding="utf-8"?>\n<D:error xmlns:D="DAV:"><DAV:propfind-finite-depth/></D:error>';

/** A SEARCH answer whose `nc:`/`oc:` properties use prefixes nobody declared. */
export function undeclaredSearchBody(href: string): string {
  return (
    '<?xml version="1.0"?>\n<d:multistatus xmlns:d="DAV:"><d:response>' +
    `<d:href>${href}</d:href><d:propstat><d:prop><d:getetag>"e1"</d:getetag>` +
    '<oc:fileid>42</oc:fileid></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat>' +
    '<d:propstat><d:prop><nc:is-encrypted/></d:prop><d:status>HTTP/1.1 404 Not Found</d:status></d:propstat>' +
    '</d:response></d:multistatus>'
  );
}

function lockBody(token: string, href: string, timeout: string): string {
  return (
    '<?xml version="1.0" encoding="utf-8"?>\n<D:prop xmlns:D="DAV:"><D:lockdiscovery><D:activelock>' +
    '<D:locktype><D:write/></D:locktype><D:lockscope><D:exclusive/></D:lockscope><D:depth>0</D:depth>' +
    `<D:timeout>${timeout}</D:timeout><D:locktoken><D:href>${token}</D:href></D:locktoken>` +
    `<D:lockroot><D:href>${href}</D:href></D:lockroot></D:activelock></D:lockdiscovery></D:prop>`
  );
}

/** Minimal state: the files that exist and the lock tokens issued. */
class Store {
  readonly files = new Set<string>(['/dav/', '/dav/a.txt']);
  readonly tokens = new Set<string>();
  private next = 0;

  issue(): string {
    const token = `opaquelocktoken:quirky-${++this.next}`;
    this.tokens.add(token);
    return token;
  }
}

function lock(quirk: Quirk, path: string, request: IncomingMessage, body: string, store: Store): Answer {
  const ifHeader = headerOf(request, 'if');
  if (ifHeader !== undefined) {
    const token = /<(opaquelocktoken:[^>]+)>/.exec(ifHeader)?.[1];
    if (quirk === 'undeclared-dav' && ifHeader.trim().startsWith('<http')) {
      return { status: 400, headers: { 'content-type': 'text/plain' }, body: 'Bad Request' };
    }
    if (token === undefined || !store.tokens.has(token)) {
      return { status: 412 };
    }
    const timeout = quirk === 'undeclared-dav' ? 'Second-599.998' : 'Second-600';
    // This server reports the refreshed lock's time in the header and leaves the body's out.
    return {
      status: 200,
      headers: { ...XML, timeout },
      body: lockBody(token, path, 'Second-600').replace(/<D:timeout>[^<]*<\/D:timeout>/, ''),
    };
  }
  if (quirk === 'owner-required' && !/<(\w+:)?owner>\s*\S/.test(body)) {
    return {
      status: 400,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
      body: 'Lock request requires a filled owner element',
    };
  }
  const token = store.issue();
  const timeout = quirk === 'undeclared-dav' ? 'Second-599.998' : 'Second-600';
  return {
    status: 200,
    headers: { ...XML, 'lock-token': `<${token}>`, timeout },
    body: lockBody(token, path, timeout),
  };
}

function quotaBody(path: string, available: string): string {
  return (
    '<?xml version="1.0"?>\n<d:multistatus xmlns:d="DAV:" xmlns:s="http://sabredav.org/ns" xmlns:oc="http://owncloud.org/ns">' +
    `<d:response><d:href>${path}</d:href><d:propstat><d:prop>` +
    `<d:quota-used-bytes>6864755191</d:quota-used-bytes><d:quota-available-bytes>${available}</d:quota-available-bytes>` +
    '</d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response></d:multistatus>'
  );
}

function propfind(quirk: Quirk, path: string, request: IncomingMessage, server: QuirkyServer): Answer {
  if (quirk === 'undeclared-dav') {
    return request.headers.depth === 'infinity'
      ? { status: 403, headers: XML, body: UNDECLARED_FINITE_DEPTH }
      : { status: 207, headers: XML, body: undeclaredSearchBody(path) };
  }
  if (quirk === 'nextcloud-quota') {
    return { status: 207, headers: XML, body: quotaBody(path, server.quotaAvailable) };
  }
  return {
    status: 207,
    headers: XML,
    body: `<D:multistatus xmlns:D="DAV:"><D:response><D:href>${path}</D:href><D:propstat><D:prop><D:getetag>"e1"</D:getetag></D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response></D:multistatus>`,
  };
}

function answer(
  quirk: Quirk,
  request: IncomingMessage,
  path: string,
  body: string,
  store: Store,
  server: QuirkyServer,
): Answer {
  switch (request.method) {
    case 'LOCK':
      return lock(quirk, path, request, body, store);
    case 'UNLOCK':
      return { status: 204 };
    case 'PROPFIND':
      return propfind(quirk, path, request, server);
    case 'PROPPATCH':
      return /<(\w+:)?getetag\b/.test(body)
        ? { status: 207, headers: XML, body: undeclaredProppatchBody(path) }
        : {
            status: 207,
            headers: XML,
            body: `<D:multistatus xmlns:D="DAV:"><D:response><D:href>${path}</D:href><D:propstat><D:prop><ns1:state xmlns:ns1="urn:acme"/></D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response></D:multistatus>`,
          };
    case 'SEARCH':
      return { status: 207, headers: XML, body: undeclaredSearchBody('/dav/a.txt') };
    case 'PUT':
      store.files.add(path);
      return { status: 201 };
    default:
      return { status: store.files.has(path) ? 200 : 404 };
  }
}

function headerOf(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return value === undefined ? undefined : String(value);
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    request.on('data', (part: Buffer) => parts.push(part));
    request.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
    request.on('error', reject);
  });
}

/**
 * Starts a server playing `quirk` on a free port.
 *
 * @example
 * ```ts
 * const server = await startQuirkyServer('undeclared-dav');
 * const dav = createClient({ baseUrl: server.baseUrl });
 * ```
 */
export async function startQuirkyServer(quirk: Quirk): Promise<QuirkyServer> {
  const store = new Store();
  const state: QuirkyServer = {
    origin: '',
    baseUrl: '',
    log: [],
    quotaAvailable: '-3',
    close: () => new Promise<void>((resolve) => http.close(() => resolve())),
  };
  const http: Server = createServer(async (request, response) => {
    const body = await readBody(request);
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    const ifHeader = headerOf(request, 'if');
    state.log.push({
      method: request.method ?? '',
      path,
      ...(ifHeader === undefined ? {} : { if: ifHeader }),
      body,
    });
    const { status, headers = {}, body: text = '' } = answer(quirk, request, path, body, store, state);
    response.writeHead(status, headers).end(text);
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  return Object.assign(state, { origin, baseUrl: `${origin}/dav/` });
}
