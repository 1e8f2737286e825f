/**
 * An in-process HTTP server that fails on demand, by path `/<anything>/<failure>`: `reset` destroys the
 * connection, `503` answers 503, `hang` never answers, `garbage` answers a truncated 207. It counts the
 * requests per path, so a test sees how often a client tried.
 *
 * In-process, not a real WebDAV server: none resets connections, answers 503 or hangs on demand, and
 * these are the failures where retry behaviour shows.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** The failures the server produces. */
export type Failure = 'reset' | '503' | 'hang' | 'garbage';

/** A running failing server. */
export interface FailingServer {
  readonly origin: string;
  /** Requests seen for `path` since the last `clear()`. */
  attempts(path: string): number;
  clear(): void;
  close(): Promise<void>;
}

function answer(request: IncomingMessage, response: ServerResponse): void {
  const failure = (request.url ?? '/').split('/')[2] as Failure;
  request.resume();
  if (failure === 'reset') {
    request.socket.destroy();
  } else if (failure === '503') {
    response.writeHead(503, { 'content-type': 'text/plain' }).end('busy');
  } else if (failure === 'garbage') {
    response
      .writeHead(207, { 'content-type': 'application/xml' })
      .end('<d:multistatus xmlns:d="DAV:"><d:resp');
  }
  // 'hang': never answered; the client's timeout ends it, close() drops it.
}

/** Starts the server on 127.0.0.1 (a free port). */
export async function startFailingServer(): Promise<FailingServer> {
  const counts = new Map<string, number>();
  const sockets = new Set<Socket>();
  const server = createServer((request, response) => {
    const path = request.url ?? '/';
    counts.set(path, (counts.get(path) ?? 0) + 1);
    answer(request, response);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    attempts: (path) => counts.get(path) ?? 0,
    clear: () => counts.clear(),
    close: async () => {
      for (const socket of sockets) {
        socket.destroy();
      }
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
