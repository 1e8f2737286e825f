/**
 * Apache httpd + mod_dav/mod_dav_fs, the reference server (real-servers.md §2 "Apache", §11).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { corsHeaders, FULL_METHODS } from './cors.ts';
import { launch } from './process.ts';
import { chownTo, createWorkspace, freePort, isRoot, privilegeDropUser, requireTools } from './system.ts';
import type { RunningServer } from './types.ts';

/** Debian's module dir; the config below does not use Debian's envvars/apache2.conf at all. */
const MODULES = '/usr/lib/apache2/modules';

function config(o: {
  root: string;
  port: number;
  webRoot: string;
  dataDir: string;
  lockDir: string;
}): string {
  const cors = Object.entries(corsHeaders(FULL_METHODS))
    .map(([name, value]) => `  Header always set ${name} "${value}"`)
    .join('\n');
  const modules = ['mpm_event', 'authz_core', 'mime', 'headers', 'dav', 'dav_fs']
    .map((m) => `LoadModule ${m}_module ${MODULES}/mod_${m}.so`)
    .join('\n');
  return `ServerRoot "${o.root}"
DefaultRuntimeDir "${o.root}/run"
PidFile "${o.root}/run/httpd.pid"
Listen 127.0.0.1:${o.port}
ServerName 127.0.0.1
${isRoot() ? 'User www-data\nGroup www-data' : '# not root: serve as the current user'}
${modules}
# One small child process: enough for tests, quick to start and stop.
StartServers 1
ServerLimit 1
ThreadsPerChild 16
MinSpareThreads 1
MaxSpareThreads 32
MaxRequestWorkers 16
TypesConfig /etc/mime.types
ErrorLog "${o.root}/logs/error.log"
LogLevel warn
LogFormat "%h %t \\"%r\\" %>s %b" davkit
CustomLog "${o.root}/logs/access.log" davkit
# mod_dav_fs keeps its own lock database; the serving user must be able to write this dir.
DavLockDB "${o.lockDir}/DavLock"
DocumentRoot "${o.webRoot}"
<Directory />
  AllowOverride None
  Require all denied
</Directory>
<Directory "${o.dataDir}">
  Dav On
  Options None
  AllowOverride None
  Require all granted
  # "always" so errors (423, 424, 412) carry CORS too; mod_dav answers the preflight itself (§9).
${cors}
</Directory>
`;
}

/** Start Apache serving a fresh DAV root at `http://127.0.0.1:<port>/dav/`. */
export async function startApache(): Promise<RunningServer> {
  const [apache2] = requireTools('apache', [
    { need: 'apache2', pkg: 'apache2' },
    { need: `${MODULES}/mod_dav_fs.so`, pkg: 'apache2' },
  ]);
  const owner = privilegeDropUser();
  const ws = await createWorkspace('apache', owner);
  const lockDir = join(ws.root, 'lock');
  await mkdir(lockDir);
  await mkdir(join(ws.root, 'run'));
  await chownTo(lockDir, owner);
  const port = await freePort();
  const conf = join(ws.root, 'httpd.conf');
  await writeFile(conf, config({ root: ws.root, port, webRoot: ws.webRoot, dataDir: ws.dataDir, lockDir }));
  return launch({
    name: 'apache',
    ws,
    port,
    command: apache2 ?? 'apache2',
    args: ['-f', conf, '-DFOREGROUND'],
    logFiles: [join(ws.logDir, 'error.log')],
    fileOwner: owner,
    cors: true,
  });
}
