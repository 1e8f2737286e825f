/**
 * A real HTTP server on 127.0.0.1 that misbehaves on purpose, for fault tests through davkit's real
 * transport (undici, sockets, ky): no mocks between the client and the wire.
 *
 * Every request is served by a small well-behaved WebDAV store (`MemoryDav`, rooted at `/root/`)
 * unless a fault is armed for its path (and method): the fault then answers instead, `times` times
 * (once by default, so that a retry after the fix meets the well-behaved store). A second server on
 * another port is "another origin": redirects point there, and it records the `Authorization` header
 * of everything it receives.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { ObservedRequest } from '../helpers/clients.ts';
import { MemoryDav } from '../helpers/memory-dav.ts';

/** The ways the server misbehaves. */
export type Fault =
  /** Accepts the request, then resets the connection before answering. */
  | 'reset-before-answer'
  /** Sends the headers and half of a multistatus, then resets the connection. */
  | 'reset-mid-body'
  /** Accepts the request and never answers. */
  | 'no-answer'
  /** Sends the headers and half of a multistatus, then nothing more (the connection stays open). */
  | 'stall-body'
  /** Announces a Content-Length larger than what it sends, then closes the connection. */
  | 'truncated-length'
  /** A complete HTTP answer whose multistatus body is cut in the middle. */
  | 'truncated-xml'
  /** `503 Service Unavailable` with `Retry-After: 1`. */
  | 'unavailable'
  /** `207` whose body is an HTML login page. */
  | 'html-207'
  /** `307` (`308` for safe methods) to the same path on the other origin. */
  | 'redirect-other-origin'
  /** `401` with Basic and Digest challenges, whatever the credentials. */
  | 'auth-loop'
  /** `500` whose HTML body echoes the request line and headers, as debug error pages do. */
  | 'echo-request';

/** Where a fault applies and how often. */
export interface ArmOptions {
  /** Only requests with this method (default: any). */
  readonly method?: string;
  /** How many requests it catches (default 1; `Infinity` until disarmed). */
  readonly times?: number;
}

interface Armed {
  readonly fault: Fault;
  readonly method: string | undefined;
  remaining: number;
}

/** The other origin: what it received. */
export interface OtherOrigin {
  readonly origin: string;
  /** `METHOD path` of each request. */
  readonly requests: string[];
  /** The `Authorization` header of each request (`null` when absent). */
  readonly authorizations: (string | null)[];
}

/** A running fault server. */
export interface FaultServer {
  readonly origin: string;
  /** The WebDAV root clients use: `<origin>/root/`. */
  readonly baseUrl: string;
  /** The well-behaved store behind every unfaulted request. */
  readonly store: MemoryDav;
  /** `METHOD path` of every request, with ` [fault]` when a fault answered it. */
  readonly log: string[];
  readonly other: OtherOrigin;
  /** Arms a fault for a path under `/root/` (as the server sees it, e.g. `/root/data/doc.txt`). */
  arm(path: string, fault: Fault, options?: ArmOptions): void;
  disarm(path: string): void;
  /** How many requests a fault answered on this path. */
  caught(path: string): number;
  close(): Promise<void>;
}

/** A multistatus of a few KB, so that "half of it" leaves an unfinished body. */
function bigMultistatus(path: string): string {
  const responses = Array.from(
    { length: 40 },
    (_, i) =>
      `<D:response><D:href>${path}${i}</D:href><D:propstat><D:prop><D:getetag>"etag-${i}"</D:getetag>` +
      '</D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response>',
  ).join('\n');
  return `<?xml version="1.0" encoding="utf-8"?>\n<D:multistatus xmlns:D="DAV:">\n${responses}\n</D:multistatus>\n`;
}

const XML_HEADERS = { 'content-type': 'application/xml; charset=utf-8' };

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    request.on('data', (part: Buffer) => parts.push(part));
    request.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
    request.on('error', reject);
  });
}

async function reply(response: ServerResponse, answer: Response): Promise<void> {
  const body = Buffer.from(await answer.arrayBuffer());
  response.writeHead(answer.status, Object.fromEntries(answer.headers));
  response.end(body);
}

/** Answers a request with a fault. */
function misbehave(fault: Fault, request: IncomingMessage, response: ServerResponse, other: string): void {
  const path = new URL(request.url ?? '/', 'http://x').pathname;
  const body = bigMultistatus(path);
  const half = body.slice(0, Math.floor(body.length / 2));
  const socket = request.socket;
  switch (fault) {
    case 'reset-before-answer':
      socket.resetAndDestroy();
      return;
    case 'reset-mid-body':
      response.writeHead(207, { ...XML_HEADERS, 'content-length': String(body.length) });
      // Give the client the head and half the body, then reset: the failure comes while it reads.
      response.write(half, () => setTimeout(() => socket.resetAndDestroy(), 50));
      return;
    case 'no-answer':
      return;
    case 'stall-body':
      response.writeHead(207, { ...XML_HEADERS, 'content-length': String(body.length) });
      response.write(half);
      return;
    case 'truncated-length':
      response.writeHead(207, { ...XML_HEADERS, 'content-length': String(body.length) });
      response.write(half, () => socket.end());
      return;
    case 'truncated-xml':
      response.writeHead(207, XML_HEADERS).end(half);
      return;
    case 'unavailable':
      response
        .writeHead(503, { 'retry-after': '1', 'content-type': 'text/plain' })
        .end('busy, come back in 1 s');
      return;
    case 'html-207':
      response
        .writeHead(207, { 'content-type': 'text/html; charset=utf-8' })
        .end(
          '<!DOCTYPE html><html><body><h1>Please sign in</h1><form><input name="password"></form></body></html>',
        );
      return;
    case 'redirect-other-origin': {
      const safe = request.method === 'GET' || request.method === 'PROPFIND';
      response.writeHead(safe ? 308 : 307, { location: `${other}${request.url ?? '/'}` }).end();
      return;
    }
    case 'auth-loop':
      response
        .writeHead(401, {
          'www-authenticate': [
            'Basic realm="faults"',
            `Digest realm="faults", nonce="${Math.random().toString(36).slice(2)}", qop="auth", algorithm=MD5`,
          ],
          'content-type': 'text/plain',
        })
        .end('who are you?');
      return;
    case 'echo-request': {
      const lines = Object.entries(request.headers).map(
        ([name, value]) => `<li>${name}: ${String(value)}</li>`,
      );
      response
        .writeHead(500, { 'content-type': 'text/html; charset=utf-8' })
        .end(
          `<html><body><h1>Error</h1><p>${request.method} ${request.url}</p><ul>${lines.join('')}</ul></body></html>`,
        );
      return;
    }
  }
}

function listen(server: Server): Promise<string> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
    ),
  );
}

/** Tracks sockets so that `close()` ends stalled and never-answered requests too. */
function trackSockets(server: Server): Set<Socket> {
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  return sockets;
}

function startOther(): { server: Server; other: Omit<OtherOrigin, 'origin'> } {
  const other = { requests: [] as string[], authorizations: [] as (string | null)[] };
  const server = createServer(async (request, response) => {
    await readBody(request);
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    other.requests.push(`${request.method} ${path}`);
    other.authorizations.push(request.headers.authorization ?? null);
    if (request.method === 'PROPFIND') {
      response.writeHead(207, XML_HEADERS).end(bigMultistatus(path));
    } else {
      response
        .writeHead(request.method === 'PUT' ? 201 : 200, { 'content-type': 'text/plain' })
        .end('elsewhere');
    }
  });
  return { server, other };
}

/**
 * Starts the fault server and its other origin on free ports.
 *
 * @example
 * ```ts
 * const server = await startFaultServer();
 * server.arm('/root/data/doc.txt', 'reset-mid-body');
 * const dav = createClient({ baseUrl: server.baseUrl, retry: 0, timeout: 300 });
 * ```
 */
export async function startFaultServer(): Promise<FaultServer> {
  const store = new MemoryDav();
  const armed = new Map<string, Armed>();
  const caught = new Map<string, number>();
  const log: string[] = [];
  const second = startOther();
  const otherOrigin = await listen(second.server);
  const server = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://x');
    const path = decodeURIComponent(url.pathname);
    const candidate = armed.get(path);
    const fault =
      candidate !== undefined &&
      candidate.remaining > 0 &&
      (candidate.method ?? request.method) === request.method
        ? candidate
        : undefined;
    log.push(`${request.method} ${path}${fault === undefined ? '' : ` [${fault.fault}]`}`);
    const body = await readBody(request);
    if (fault !== undefined) {
      fault.remaining--;
      caught.set(path, (caught.get(path) ?? 0) + 1);
      misbehave(fault.fault, request, response, otherOrigin);
      return;
    }
    const observed: ObservedRequest = {
      method: request.method ?? 'GET',
      url: `${origin}${request.url ?? '/'}`,
      headers: Object.fromEntries(
        Object.entries(request.headers).map(([name, value]) => [name, String(value)]),
      ),
      body,
    };
    await reply(response, await store.handle(observed));
  });
  const sockets = [trackSockets(server), trackSockets(second.server)];
  const origin = await listen(server);
  return {
    origin,
    baseUrl: `${origin}/root/`,
    store,
    log,
    other: { origin: otherOrigin, ...second.other },
    arm: (path, fault, options = {}) => {
      armed.set(path, { fault, method: options.method, remaining: options.times ?? 1 });
    },
    disarm: (path) => {
      armed.delete(path);
    },
    caught: (path) => caught.get(path) ?? 0,
    close: async () => {
      for (const socket of sockets.flatMap((set) => [...set])) {
        socket.destroy();
      }
      await Promise.all(
        [server, second.server].map((each) => new Promise<void>((resolve) => each.close(() => resolve()))),
      );
    },
  };
}
