/**
 * nginx with built-in `dav_methods` + the dav-ext module: the "minimal DAV" case (real-servers.md §2 "nginx", §8).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { corsHeaders, NGINX_METHODS } from './cors.ts';
import { launch } from './process.ts';
import { createWorkspace, freePort, isRoot, privilegeDropUser, requireTools } from './system.ts';
import type { RunningServer } from './types.ts';

const DAV_EXT = '/usr/lib/nginx/modules/ngx_http_dav_ext_module.so';

function config(o: { root: string; port: number; webRoot: string }): string {
  const cors = Object.entries(corsHeaders(NGINX_METHODS))
    .map(([name, value]) => `      add_header ${name} "${value}" always;`)
    .join('\n');
  const temps = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']
    .map((t) => `  ${t}_temp_path ${o.root}/tmp/${t};`)
    .join('\n');
  return `load_module ${DAV_EXT};
daemon off;
master_process on;
worker_processes 1;
pid ${o.root}/run-nginx.pid;
error_log ${o.root}/logs/error.log warn;
${isRoot() ? 'user www-data www-data;' : '# not root: workers keep the current user'}
events { worker_connections 256; }
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log ${o.root}/logs/access.log;
  # Keep every temp path inside the workspace, away from /var/lib/nginx.
${temps}
  dav_ext_lock_zone zone=davkit:10m timeout=10m;
  server {
    listen 127.0.0.1:${o.port};
    server_name 127.0.0.1;
    # root (not alias): the DAV root is <webRoot>/dav, so Destination headers map without alias quirks.
    root ${o.webRoot};
    location /dav/ {
      dav_methods PUT DELETE MKCOL COPY MOVE;
      dav_ext_methods PROPFIND OPTIONS LOCK UNLOCK;
      dav_ext_lock zone=davkit;
      dav_access user:rw group:rw all:r;
      create_full_put_path off;
      client_max_body_size 0;
      autoindex on;
      # "always" so 4xx answers (423 etc.) carry CORS too; dav-ext answers the preflight (§9).
${cors}
    }
  }
}
`;
}

/** Start nginx serving a fresh DAV root at `http://127.0.0.1:<port>/dav/`. */
export async function startNginx(): Promise<RunningServer> {
  const [nginx] = requireTools('nginx', [
    { need: 'nginx', pkg: 'nginx' },
    { need: DAV_EXT, pkg: 'libnginx-mod-http-dav-ext' },
  ]);
  const owner = privilegeDropUser();
  const ws = await createWorkspace('nginx', owner);
  // nginx creates the *_temp_path leaves (owned by its worker user) but not their parent.
  await mkdir(join(ws.root, 'tmp'));
  const port = await freePort();
  const conf = join(ws.root, 'nginx.conf');
  await writeFile(conf, config({ root: ws.root, port, webRoot: ws.webRoot }));
  const errorLog = join(ws.logDir, 'error.log');
  return launch({
    name: 'nginx',
    ws,
    port,
    command: nginx ?? 'nginx',
    // -e keeps the start-up error log off /var/log/nginx (may not be writable, §2).
    args: ['-c', conf, '-p', `${ws.root}/`, '-e', errorLog],
    logFiles: [errorLog],
    fileOwner: owner,
    cors: true,
  });
}
