/**
 * Child-process entry point for npm `webdav-server` 2.6.3, started by webdav-server.ts with
 * `process.execPath` (Node 24 strips the types). Runs out of process because an untagged `If` header
 * crashes the whole server (real-servers.md §2): a crash must not take the test runner down with it.
 *
 * argv: <port> <dataDir> <headers as JSON>
 */
import { createRequire } from 'node:module';

// The package is CommonJS; require() avoids relying on Node's named-export detection for it.
const require = createRequire(import.meta.url);
const { v2 } = require('webdav-server') as typeof import('webdav-server');

const [portArg, dataDir, headersJson] = process.argv.slice(2);
if (portArg === undefined || dataDir === undefined || headersJson === undefined) {
  console.error('usage: webdav-server-runner.ts <port> <dataDir> <headersJson>');
  process.exit(2);
}
const headers = JSON.parse(headersJson) as Record<string, string>;

// Anonymous: every request is the same DefaultUser, so locks never conflict between requests (§2).
// `headers` is applied after the built-in ACAO * / Allow-Credentials / Expose-Headers, so it overrides them.
const server = new v2.WebDAVServer({ hostname: '127.0.0.1', port: Number(portArg), headers });

server.setFileSystem('/dav', new v2.PhysicalFileSystem(dataDir), (ok) => {
  if (ok !== true) {
    console.error('webdav-server: could not mount /dav');
    process.exit(1);
  }
  server.start(() => console.log(`webdav-server listening on 127.0.0.1:${portArg}`));
});

process.once('SIGTERM', () => {
  server.stop(() => process.exit(0));
});
