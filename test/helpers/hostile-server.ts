/**
 * A hostile WebDAV server on 127.0.0.1, for what no real server does on demand: it echoes every
 * credential it receives back into whatever a client might show (HTML error pages, `DAV:error`
 * bodies, 207 failed entries, hrefs, descriptions, malformed XML, response headers, reason phrases),
 * redirects to another origin that records every header, and sends huge or endless failure bodies.
 * The real sockets, undici and ky sit between it and davkit: no mock in the path.
 *
 * The first path segment below `/dav/` chooses the behaviour (see {@link HostileRoute}), for any method.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** Behaviours, by the first path segment below `/dav/`. */
export type HostileRoute =
  /** 500 with an HTML debug page listing every request header and the credentials inside them. */
  | 'echo-html'
  /** 404 with the same page (for `exists()`, `stat()`, downloads). */
  | 'echo-404'
  /** 423 with a SabreDAV-style `DAV:error`: the echoes in the condition's href and in `s:message`. */
  | 'echo-dav-error'
  /** Apache's top-level 424 with a multistatus whose failed entry's href, description and error echo them. */
  | 'echo-424'
  /** 207 with the echoes in hrefs, descriptions, conditions and a property value; a 423 and a 424 inside. */
  | 'echo-207'
  /** 207 whose XML breaks right after the echoes (a `DavParseError` snippet around them). */
  | 'echo-broken'
  /** 500 whose response headers and reason phrase echo the credentials. */
  | 'echo-headers'
  /** 207 with the echoes spelled with XML character references (`&#83;`, `&#x33;`, mixed with literals). */
  | 'echo-refs'
  /** 500 with a 2 MB HTML page (Content-Length declared). */
  | 'huge-500'
  /** 404 with a 2 MB body, chunked. */
  | 'huge-404'
  /** 404 whose body never ends. */
  | 'endless-404'
  /** 307 (308 for GET, HEAD, PROPFIND) to the same path on the other origin. */
  | 'redirect';

/** The other origin: every request, with all its headers. */
export interface RecordingOrigin {
  readonly origin: string;
  readonly requests: {
    readonly method: string;
    readonly path: string;
    readonly headers: Record<string, string>;
  }[];
}

/** A running hostile server. */
export interface HostileServer {
  readonly origin: string;
  /** `<origin>/dav/` */
  readonly baseUrl: string;
  readonly other: RecordingOrigin;
  /** Request headers of every request it received, in order. */
  readonly received: Record<string, string>[];
  close(): Promise<void>;
}

/** Request headers whose values a debug page would print. */
const ECHOED = ['authorization', 'proxy-authorization', 'cookie'];

/** The request's credentials, every way a careless server prints them. */
export function echoesOf(headers: Record<string, string>): string[] {
  const echoes: string[] = [];
  for (const [name, value] of Object.entries(headers)) {
    if (!ECHOED.includes(name) && !name.startsWith('x-secret') && !name.startsWith('x-api')) {
      continue;
    }
    echoes.push(value);
    const basic = /^Basic\s+(\S+)$/i.exec(value);
    if (basic !== null) {
      echoes.push(basic[1] as string, Buffer.from(basic[1] as string, 'base64').toString('utf8'));
    }
    const scheme = /^\S+\s+(.+)$/.exec(value);
    if (scheme !== null) {
      echoes.push(scheme[1] as string);
    }
    for (const cookie of name === 'cookie' ? value.split(';') : []) {
      echoes.push(cookie.trim(), cookie.slice(cookie.indexOf('=') + 1));
    }
  }
  return echoes;
}

const xml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const segment = (text: string) => encodeURIComponent(text);

function page(request: IncomingMessage, headers: Record<string, string>): string {
  const lines = Object.entries(headers).map(([name, value]) => `<li>${name}: ${value}</li>`);
  const echoes = echoesOf(headers).map((echo) => `<li>${echo}</li>`);
  return `<html><body><h1>Error</h1><p>${request.method} ${request.url}</p><ul>${lines.join('')}</ul><ul>${echoes.join('')}</ul></body></html>`;
}

function davError(path: string, echoes: string[]): string {
  const hrefs = echoes.map((echo) => `<d:href>${path}${segment(echo)}</d:href>`).join('');
  return (
    '<?xml version="1.0" encoding="utf-8"?>\n<d:error xmlns:d="DAV:" xmlns:s="http://sabredav.org/ns">' +
    `<d:lock-token-submitted>${hrefs}</d:lock-token-submitted>` +
    `<s:message>${xml(echoes.join(' | '))}</s:message></d:error>`
  );
}

function failedEntries(path: string, echoes: string[]): string {
  return echoes
    .map(
      (echo, i) =>
        `<D:response><D:href>${path}${segment(echo)}/${i}</D:href><D:status>HTTP/1.1 423 Locked</D:status>` +
        `<D:error><D:lock-token-submitted><D:href>${path}${segment(echo)}</D:href></D:lock-token-submitted></D:error>` +
        `<D:responsedescription>locked for ${xml(echo)}</D:responsedescription></D:response>`,
    )
    .join('');
}

function multistatus(path: string, echoes: string[]): string {
  const value = xml(echoes.join(' '));
  return (
    '<?xml version="1.0" encoding="utf-8"?>\n<D:multistatus xmlns:D="DAV:" xmlns:x="urn:x">' +
    `<D:response><D:href>${path}</D:href><D:propstat><D:prop><x:a>${value}</x:a><D:displayname>${value}</D:displayname></D:prop>` +
    `<D:status>HTTP/1.1 424 Failed Dependency</D:status><D:responsedescription>${value}</D:responsedescription></D:propstat></D:response>` +
    `${failedEntries(path, echoes)}<D:responsedescription>${value}</D:responsedescription></D:multistatus>`
  );
}

/** Text as XML character references and literals, mixed: decoded, it is the text again. */
function referenced(text: string): string {
  return [...text]
    .map((char, i) => {
      const point = char.codePointAt(0) as number;
      return i % 3 === 0
        ? `&#${point};`
        : i % 3 === 1
          ? `&#x${point.toString(16).toUpperCase()};`
          : xml(char);
    })
    .join('');
}

/** A 207 whose failed entry and description echo the credentials with character references. */
function referencedMultistatus(path: string, echoes: string[]): string {
  const spelled = echoes.map(referenced).join(' ');
  return (
    `<?xml version="1.0"?><D:multistatus xmlns:D="DAV:"><D:response><D:href>${path}</D:href>` +
    `<D:status>HTTP/1.1 423 Locked</D:status><D:responsedescription>locked for ${spelled}</D:responsedescription>` +
    `</D:response><D:responsedescription>${spelled}</D:responsedescription></D:multistatus>`
  );
}

function write(response: ServerResponse, status: number, type: string, body: string, reason?: string): void {
  response.writeHead(status, reason ?? '', {
    'content-type': type,
    'content-length': Buffer.byteLength(body),
  });
  response.end(body);
}

function flood(response: ServerResponse, status: number, bytes: number): void {
  response.writeHead(status, { 'content-type': 'text/html' });
  const chunk = `<p>${'filler '.repeat(1000)}</p>\n`;
  let sent = 0;
  const pump = () => {
    while (sent < bytes && !response.destroyed) {
      sent += chunk.length;
      if (!response.write(chunk)) {
        response.once('drain', pump);
        return;
      }
    }
    if (!response.destroyed) {
      response.end();
    }
  };
  pump();
}

/** A route's answer when it is a plain body: [status, content type, body, reason phrase]. */
type Plain = [number, string, string, string?];

function plainAnswer(
  route: string,
  request: IncomingMessage,
  headers: Record<string, string>,
): Plain | undefined {
  const echoes = echoesOf(headers);
  const path = new URL(request.url ?? '/', 'http://x').pathname;
  const html = 'text/html; charset=utf-8';
  const xmlType = 'application/xml; charset=utf-8';
  const answers: Record<string, () => Plain> = {
    'echo-html': () => [500, html, page(request, headers)],
    'echo-404': () => [404, html, page(request, headers)],
    'echo-dav-error': () => [423, xmlType, davError(path, echoes)],
    'echo-424': () => [
      424,
      xmlType,
      `<?xml version="1.0"?><D:multistatus xmlns:D="DAV:">${failedEntries(path, echoes)}</D:multistatus>`,
    ],
    'echo-207': () => [207, xmlType, multistatus(path, echoes)],
    'echo-refs': () => [207, xmlType, referencedMultistatus(path, echoes)],
    'echo-broken': () => [
      207,
      xmlType,
      `<D:multistatus xmlns:D="DAV:"><D:response><D:href>${xml(echoes.join(' '))}</D:hre></D:response>`,
    ],
    'echo-headers': () => [500, 'text/plain', 'see the headers', `Denied ${echoes[0] ?? ''}`],
    'huge-500': () => [500, html, `<html><body>${'<p>a long error page</p>'.repeat(90_000)}</body></html>`],
  };
  return answers[route]?.();
}

/** Echoes the credentials into response headers (for the `echo-headers` route). */
function echoHeaders(response: ServerResponse, headers: Record<string, string>): void {
  for (const [i, echo] of echoesOf(headers).entries()) {
    response.setHeader(`x-echo-${i}`, echo);
  }
  response.setHeader('set-cookie', headers.cookie ?? 'a=b');
  for (const name of Object.keys(headers).filter((n) => n.startsWith('x-secret') || n.startsWith('x-api'))) {
    response.setHeader(name, headers[name] as string);
  }
}

function answer(route: string, request: IncomingMessage, response: ServerResponse, other: string): void {
  const headers = Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k, String(v)]));
  if (route === 'echo-headers') {
    echoHeaders(response, headers);
  }
  const plain = plainAnswer(route, request, headers);
  if (plain !== undefined) {
    write(response, ...plain);
  } else if (route === 'huge-404' || route === 'endless-404') {
    flood(response, 404, route === 'huge-404' ? 2 * 1024 * 1024 : Number.POSITIVE_INFINITY);
  } else if (route === 'redirect') {
    const safe = ['GET', 'HEAD', 'PROPFIND'].includes(request.method ?? '');
    response.writeHead(safe ? 308 : 307, { location: `${other}${request.url ?? '/'}` }).end();
  } else {
    write(response, 404, 'text/plain', 'no such route');
  }
}

function listen(server: Server): Promise<string> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
    ),
  );
}

function tracked(server: Server): Set<Socket> {
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  return sockets;
}

/** A Digest challenge for requests that ask for one (`x-want-digest`) and carry no credentials yet. */
function challenged(request: IncomingMessage, response: ServerResponse): boolean {
  if (request.headers['x-want-digest'] === undefined || request.headers.authorization !== undefined) {
    return false;
  }
  response.writeHead(401, {
    'www-authenticate': 'Digest realm="hostile", nonce="n0nce", qop="auth", algorithm=MD5',
  });
  response.end();
  return true;
}

/**
 * Starts the hostile server and its recording other origin on free ports.
 *
 * @example
 * ```ts
 * const hostile = await startHostileServer();
 * const dav = createClient({ baseUrl: hostile.baseUrl, auth });
 * await dav.delete('/echo-html/a.txt'); // DavHttpError 500: its snippet must not show the credentials
 * ```
 */
export async function startHostileServer(): Promise<HostileServer> {
  const other: RecordingOrigin['requests'] = [];
  const received: Record<string, string>[] = [];
  const otherServer = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      const headers = Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k, String(v)]));
      other.push({ method: request.method ?? '', path: request.url ?? '/', headers });
      const body =
        '<?xml version="1.0"?><D:multistatus xmlns:D="DAV:"><D:response><D:href>/elsewhere</D:href>' +
        '<D:status>HTTP/1.1 200 OK</D:status></D:response></D:multistatus>';
      write(response, request.method === 'PROPFIND' ? 207 : 200, 'application/xml', body);
    });
  });
  const otherOrigin = await listen(otherServer);
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      received.push(Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k, String(v)])));
      if (challenged(request, response)) {
        return;
      }
      const route = new URL(request.url ?? '/', 'http://x').pathname.split('/')[2] ?? '';
      answer(route, request, response, otherOrigin);
    });
  });
  const sockets = [tracked(server), tracked(otherServer)];
  const origin = await listen(server);
  return {
    origin,
    baseUrl: `${origin}/dav/`,
    other: { origin: otherOrigin, requests: other },
    received,
    close: async () => {
      for (const socket of sockets.flatMap((set) => [...set])) {
        socket.destroy();
      }
      await Promise.all(
        [server, otherServer].map((each) => new Promise<void>((resolve) => each.close(() => resolve()))),
      );
    },
  };
}
