/**
 * Arrange test state straight on the served disk, bypassing the server under test. No vitest import,
 * so the smoke script can use it under plain `npx node`. Node only (uses node:fs).
 *
 * Files created on disk are visible to every server at once (rclone only with its dir cache disabled,
 * see servers/rclone.ts).
 */
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { chownTo, DAV_PATH } from './servers/system.ts';
import type { ServerInfo } from './servers/types.ts';

/** Where a resource lives: over HTTP and on disk. */
export interface DiskResource {
  /** absolute URL; collections end with '/' */
  url: string;
  /** absolute URL path, e.g. `/dav/props-1a2b3c4d/` */
  path: string;
  /** absolute path on disk */
  dir: string;
}

function segments(relPath: string): string[] {
  const parts = relPath.split('/').filter((p) => p !== '');
  if (parts.length === 0 || parts.some((p) => p === '.' || p === '..')) {
    throw new Error(`invalid path below the DAV root: ${JSON.stringify(relPath)}`);
  }
  return parts;
}

function urlPath(parts: readonly string[], collection: boolean): string {
  return `${DAV_PATH}${parts.map(encodeURIComponent).join('/')}${collection ? '/' : ''}`;
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

/** mkdir -p below the DAV root; each directory created is owned by the server user, mode 0777. */
async function mkdirs(info: ServerInfo, parts: readonly string[]): Promise<string> {
  let dir = info.dataDir;
  for (const part of parts) {
    dir = join(dir, part);
    if (!(await exists(dir))) {
      await mkdir(dir);
      await chownTo(dir, info.fileOwner);
      // chmod after mkdir: mkdir's mode is filtered by the umask.
      await chmod(dir, 0o777);
    }
  }
  return dir;
}

/**
 * Create a fresh, uniquely named collection `<dataDir>/<label>-<random>/` on disk so tests never
 * share state. It is owned by the server's user (mode 0777), so the server can write into it.
 */
export async function freshCollection(info: ServerInfo, label: string): Promise<DiskResource> {
  const name = `${label}-${randomBytes(4).toString('hex')}`;
  const parts = segments(name);
  if (parts.length !== 1) {
    throw new Error(`collection label must be a single path segment: ${JSON.stringify(label)}`);
  }
  const dir = await mkdirs(info, parts);
  const path = urlPath(parts, true);
  return { url: new URL(path, info.origin).href, path, dir };
}

/**
 * Write a file below the DAV root (parents created as by mkdir -p), owned by the server's user,
 * mode 0666. `relPath` is relative to the DAV root, e.g. `props-1a2b3c4d/a.txt`.
 * @returns the file's URL, URL path and disk path (`dir` is the file itself here)
 */
export async function seedFile(
  info: ServerInfo,
  relPath: string,
  content: string | Uint8Array,
): Promise<DiskResource> {
  const parts = segments(relPath);
  const parent = await mkdirs(info, parts.slice(0, -1));
  const file = join(parent, parts[parts.length - 1] ?? '');
  await writeFile(file, content);
  await chownTo(file, info.fileOwner);
  await chmod(file, 0o666);
  const path = urlPath(parts, false);
  return { url: new URL(path, info.origin).href, path, dir: file };
}
