/**
 * The demo's default server: a small WebDAV server davkit owns (`demo/server/`), in memory, started
 * in this process on a free port of 127.0.0.1. No system packages needed, and namespace-true: it
 * answers for `{urn:acme}reviewed` as `{urn:acme}reviewed` (npm `webdav-server`, the previous
 * default, answered `{urn:}acmereviewed`). Locks are enforced by token, protected properties refused
 * with 403 and the rest of the PROPPATCH with 424, as real servers do. CORS is open, so the browser
 * examples can use it too.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { percentDecode } from '../src/utils/href.ts';
import { ALLOWED, handle } from './server/methods.ts';
import type { Answer } from './server/request.ts';
import { Store } from './server/store.ts';

/** A running embedded server. */
export interface EmbeddedServer {
  /** The WebDAV root, e.g. `http://127.0.0.1:41234/dav/`. */
  readonly url: string;
  stop(): Promise<void>;
}

const CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': ALLOWED.join(', '),
  'access-control-allow-headers':
    'Authorization, Content-Type, Depth, Destination, If, If-Match, If-None-Match, Lock-Token, Overwrite, Timeout',
  'access-control-expose-headers':
    'DAV, ETag, Lock-Token, Location, Content-Type, Content-Length, Retry-After',
  'access-control-max-age': '600',
};

function readBody(request: IncomingMessage): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    request.on('data', (part: Buffer) => parts.push(part));
    request.on('end', () => resolve(new Uint8Array(Buffer.concat(parts))));
    request.on('error', reject);
  });
}

function answerOf(store: Store, request: IncomingMessage, body: Uint8Array, origin: string): Answer {
  const path = percentDecode(new URL(request.url ?? '/', origin).pathname);
  if (request.method === 'OPTIONS' && request.headers['access-control-request-method'] !== undefined) {
    return { status: 204 }; // a CORS preflight, answered without authentication
  }
  if (!path.startsWith(store.root)) {
    return { status: 404 };
  }
  const headers = Object.fromEntries(
    Object.entries(request.headers).map(([name, value]) => [name, String(value)]),
  );
  return handle(store, { method: request.method ?? 'GET', path, headers, body, origin });
}

function send(response: ServerResponse, answer: Answer): void {
  response.writeHead(answer.status, { ...CORS, ...answer.headers });
  response.end(answer.body === undefined ? undefined : answer.body);
}

/**
 * Starts the embedded server on `port` (0: a free one).
 *
 * @example
 * ```ts
 * const server = await startEmbeddedServer();
 * const dav = createClient({ baseUrl: server.url });
 * await server.stop();
 * ```
 */
export async function startEmbeddedServer(port = 0): Promise<EmbeddedServer> {
  const store = new Store('/dav');
  const sockets = new Set<Socket>();
  let origin = '';
  const server = createServer((request, response) => {
    readBody(request)
      .then((body) => send(response, answerOf(store, request, body, origin)))
      .catch((error: unknown) => send(response, { status: 500, body: String(error) }));
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: `${origin}/dav/`,
    stop: async () => {
      for (const socket of sockets) {
        socket.destroy();
      }
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
