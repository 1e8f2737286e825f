/**
 * A second Apache, started by the runtime tests themselves, whose DAV root needs HTTP Digest
 * authentication (mod_auth_digest: MD5, qop=auth). The harness's shared Apache has no authentication,
 * and Digest is what a runtime without MD5 in WebCrypto (Workers, browsers) could lack, so each runtime
 * is tried against a real one.
 */
import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { launch } from '../../harness/servers/process.ts';
import {
  chownTo,
  createWorkspace,
  freePort,
  isRoot,
  privilegeDropUser,
  requireTools,
} from '../../harness/servers/system.ts';
import type { RunningServer } from '../../harness/servers/types.ts';

/** The account the Digest Apache knows. */
export const DIGEST_ACCOUNT = {
  realm: 'davkit digest',
  username: 'alice',
  password: 'digest secret 1',
} as const;

const MODULES = '/usr/lib/apache2/modules';

function config(o: {
  root: string;
  port: number;
  webRoot: string;
  dataDir: string;
  lockDir: string;
}): string {
  const modules = ['mpm_event', 'authz_core', 'authn_core', 'authn_file', 'authz_user', 'auth_digest', 'mime']
    .concat(['dav', 'dav_fs'])
    .map((m) => `LoadModule ${m}_module ${MODULES}/mod_${m}.so`)
    .join('\n');
  return `ServerRoot "${o.root}"
DefaultRuntimeDir "${o.root}/run"
PidFile "${o.root}/run/httpd.pid"
Listen 127.0.0.1:${o.port}
ServerName 127.0.0.1
${isRoot() ? 'User www-data\nGroup www-data' : '# not root: serve as the current user'}
${modules}
StartServers 1
ServerLimit 1
ThreadsPerChild 8
MaxRequestWorkers 8
TypesConfig /etc/mime.types
ErrorLog "${o.root}/logs/error.log"
LogLevel warn
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
  AuthType Digest
  AuthName "${DIGEST_ACCOUNT.realm}"
  AuthDigestProvider file
  AuthUserFile "${o.root}/digest.passwd"
  Require valid-user
</Directory>
`;
}

/** The htdigest line for the account: `user:realm:MD5(user:realm:password)`. */
function htdigestLine(): string {
  const { username, realm, password } = DIGEST_ACCOUNT;
  const ha1 = createHash('md5').update(`${username}:${realm}:${password}`).digest('hex');
  return `${username}:${realm}:${ha1}\n`;
}

/** Starts the Digest Apache, serving an empty DAV root at `http://127.0.0.1:<port>/dav/`. */
export async function startDigestApache(): Promise<RunningServer> {
  const [apache2] = requireTools('apache', [
    { need: 'apache2', pkg: 'apache2' },
    { need: `${MODULES}/mod_auth_digest.so`, pkg: 'apache2' },
  ]);
  const owner = privilegeDropUser();
  const ws = await createWorkspace('apache', owner);
  const lockDir = join(ws.root, 'lock');
  await mkdir(lockDir);
  await mkdir(join(ws.root, 'run'));
  await chownTo(lockDir, owner);
  await writeFile(join(ws.root, 'digest.passwd'), htdigestLine());
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
    cors: false,
  });
}
