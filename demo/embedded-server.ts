/**
 * The demo's default server: npm `webdav-server`, started in this process on a free port of
 * 127.0.0.1, serving a fresh temporary directory. No system packages needed.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const { v2 } = require('webdav-server') as typeof import('webdav-server');

/** A running embedded server. */
export interface EmbeddedServer {
  /** The WebDAV root, e.g. `http://127.0.0.1:41234/dav/`. */
  readonly url: string;
  stop(): Promise<void>;
}

/** Starts webdav-server on a free port with CORS open, so browser examples can use it too. */
export async function startEmbeddedServer(port = 0): Promise<EmbeddedServer> {
  const dir = await mkdtemp(join(tmpdir(), 'davkit-demo-'));
  const server = new v2.WebDAVServer({
    hostname: '127.0.0.1',
    port,
    headers: {
      'Access-Control-Allow-Origin': '*',
      'Access-Control-Allow-Methods':
        'GET, HEAD, PUT, DELETE, OPTIONS, PROPFIND, PROPPATCH, MKCOL, COPY, MOVE, LOCK, UNLOCK',
      'Access-Control-Allow-Headers':
        'Authorization, Content-Type, Depth, Destination, If, If-Match, If-None-Match, Lock-Token, Overwrite, Timeout',
      'Access-Control-Expose-Headers': 'DAV, ETag, Lock-Token, Location, Content-Type, Content-Length',
    },
  });
  await new Promise<void>((resolve, reject) =>
    server.setFileSystem('/dav', new v2.PhysicalFileSystem(dir), (ok) =>
      ok ? resolve() : reject(new Error('webdav-server could not mount /dav')),
    ),
  );
  const http = await new Promise<import('node:http').Server>((resolve) => {
    server.start((started) => resolve(started as import('node:http').Server));
  });
  const address = http.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}/dav/`,
    stop: async () => {
      await new Promise<void>((resolve) => server.stop(() => resolve()));
      await rm(dir, { recursive: true, force: true });
    },
  };
}
