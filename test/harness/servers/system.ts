/**
 * OS helpers shared by the server modules and the disk fixtures: users, binaries, ports, temp dirs.
 */
import { accessSync, constants, readFileSync } from 'node:fs';
import { chmod, chown, mkdir, mkdtemp } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { delimiter, join } from 'node:path';
import type { HarnessServerName } from './types.ts';

/** URL path every server serves its DAV root under. */
export const DAV_PATH = '/dav/';

/** True when the harness runs as root (CI containers): Apache and nginx must then drop privileges. */
export function isRoot(): boolean {
  return process.getuid?.() === 0;
}

/** Name of the user running the harness. */
export function currentUser(): string {
  return userInfo().username;
}

/**
 * User Apache and nginx serve as: httpd refuses to serve as root, so as root both drop to www-data
 * (real-servers.md §2); as non-root they keep the current user.
 */
export function privilegeDropUser(): string {
  return isRoot() ? 'www-data' : currentUser();
}

/** uid/gid of a user name, from /etc/passwd (no `id` subprocess, works in minimal containers). */
export function lookupUser(name: string): { uid: number; gid: number } {
  const me = userInfo();
  if (name === me.username) {
    return { uid: me.uid, gid: me.gid };
  }
  for (const line of readFileSync('/etc/passwd', 'utf8').split('\n')) {
    const [user, , uid, gid] = line.split(':');
    if (user === name && uid !== undefined && gid !== undefined) {
      return { uid: Number(uid), gid: Number(gid) };
    }
  }
  throw new Error(`user ${name} not found in /etc/passwd`);
}

/** chown a path to `owner`; a no-op unless root (a non-root harness only ever owns its own files). */
export async function chownTo(path: string, owner: string): Promise<void> {
  if (!isRoot()) {
    return;
  }
  const { uid, gid } = lookupUser(owner);
  await chown(path, uid, gid);
}

/** A binary or file a server needs, and the Debian package that provides it. */
export interface Requirement {
  /** command name looked up on PATH (plus the sbin dirs), or an absolute file path */
  need: string;
  pkg: string;
}

/** Absolute path of an executable, searching PATH and the sbin dirs (apache2/nginx live in /usr/sbin). */
export function findExecutable(cmd: string): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(delimiter), '/usr/local/sbin', '/usr/sbin', '/sbin'];
  for (const dir of dirs) {
    if (dir === '') {
      continue;
    }
    const candidate = join(dir, cmd);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this dir
    }
  }
  return undefined;
}

/**
 * Resolve every requirement or throw an Error naming the exact install command.
 * @returns absolute paths, in the order given
 */
export function requireTools(server: HarnessServerName, reqs: readonly Requirement[]): string[] {
  const found: string[] = [];
  const missing: Requirement[] = [];
  for (const req of reqs) {
    let path: string | undefined = req.need;
    if (req.need.startsWith('/')) {
      try {
        accessSync(req.need, constants.R_OK);
      } catch {
        path = undefined;
      }
    } else {
      path = findExecutable(req.need);
    }
    if (path === undefined) {
      missing.push(req);
    } else {
      found.push(path);
    }
  }
  if (missing.length > 0) {
    const pkgs = [...new Set(missing.map((r) => r.pkg))].join(' ');
    throw new Error(
      `The ${server} WebDAV test server needs ${missing.map((r) => r.need).join(', ')}. ` +
        `Install with: sudo apt-get install -y ${pkgs} (or run: npm run system-deps)`,
    );
  }
  return found;
}

/** Ports already handed out in this process: parallel starts must never get the same one. */
const handedOut = new Set<number>();

/**
 * A free TCP port on 127.0.0.1 (bind port 0, read it back, release it), never one this process
 * handed out before. Another process can still grab it before the server binds: index.ts retries
 * a start that fails with "address already in use".
 */
export async function freePort(): Promise<number> {
  for (;;) {
    const port = await probePort();
    if (!handedOut.has(port)) {
      handedOut.add(port);
      return port;
    }
  }
}

function probePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => {
        if (addr !== null && typeof addr === 'object') {
          resolve(addr.port);
        } else {
          reject(new Error('could not read the bound port'));
        }
      });
    });
  });
}

/** Per-server temp layout: `<root>/www/dav` is the DAV root so `/dav/` maps onto it with a plain `root`. */
export interface Workspace {
  root: string;
  /** document root whose `dav/` child is the DAV root */
  webRoot: string;
  dataDir: string;
  logDir: string;
}

/** Create a fresh temp workspace whose DAV root is owned by (and writable for) `owner`. */
export async function createWorkspace(name: HarnessServerName, owner: string): Promise<Workspace> {
  const root = await mkdtemp(join(tmpdir(), `davkit-${name}-`));
  // mkdtemp gives 0700; a server that dropped to www-data must traverse it.
  await chmod(root, 0o755);
  const webRoot = join(root, 'www');
  const dataDir = join(webRoot, 'dav');
  const logDir = join(root, 'logs');
  await mkdir(dataDir, { recursive: true });
  await mkdir(logDir);
  await chownTo(dataDir, owner);
  await chmod(dataDir, 0o777);
  return { root, webRoot, dataDir, logDir };
}
