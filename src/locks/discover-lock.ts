import type { DiscoveredLock } from '../model/locks.ts';
import type { ActiveLock } from '../model/multistatus.ts';
import { isSameOrAncestor, parentPath, samePath } from '../utils/href.ts';

/**
 * What a server says of the locks on one resource: `exists: false` when it is missing (404, 409);
 * `locks` undefined when it exists but the server does not report `DAV:lockdiscovery`.
 */
export type LockReport =
  | { readonly exists: false }
  | { readonly exists: true; readonly locks?: readonly ActiveLock[] };

/** The locks on a resource, by its server path (a PROPFIND of `DAV:lockdiscovery`). */
export type LockLookup = (path: string) => Promise<LockReport>;

function locksOf(report: LockReport): readonly ActiveLock[] | undefined {
  return report.exists ? report.locks : undefined;
}

/** Whether a lock found on `at` keeps a request on `target` out. */
function covers(lock: ActiveLock, at: string, target: string): boolean {
  if (samePath(at, target) || lock.depth === 'infinity') {
    return true;
  }
  // A depth-0 lock on the parent guards its membership (a new member, a member removed).
  return lock.depth === 0 && samePath(parentPath(target) ?? '', at);
}

/** The highest ancestor of `at` (within `boundary`) that shows the same lock: its root. */
async function climb(lookup: LockLookup, lock: ActiveLock, at: string, boundary: string): Promise<string> {
  let root = at;
  for (let up = parentPath(root); lock.token !== undefined && up !== undefined; up = parentPath(up)) {
    if (!isSameOrAncestor(boundary, up)) {
      break;
    }
    const locks = locksOf(await lookup(up));
    if (!locks?.some((each) => each.token === lock.token)) {
      break;
    }
    root = up;
  }
  return root;
}

/**
 * Finds the lock that keeps a request on `target` out: the target's own `DAV:lockdiscovery`, else its
 * ancestors' (up to `boundary`, the client's base path), a missing resource never read as unlocked.
 * nginx and rclone answer a PUT into a depth-infinity-locked collection with a plain 423: the lock is
 * the collection's, and the target may not exist yet. The root is the highest ancestor that shows the
 * same lock token (servers' own `DAV:lockroot` is not trusted: rclone reports it without its base).
 * A server that reports no `DAV:lockdiscovery` at all (rclone) gets `reported: false` and, as root,
 * the nearest resource that exists on the way up.
 *
 * @see https://www.rfc-editor.org/rfc/rfc4918#section-15.8
 * @example
 * ```ts
 * await discoverLock(lookup, '/dav/locked/new.txt', '/dav/'); // { root: '/dav/locked/', depth: 'infinity', … }
 * ```
 */
export async function discoverLock(
  lookup: LockLookup,
  target: string,
  boundary: string,
): Promise<DiscoveredLock | undefined> {
  let nearest: string | undefined;
  for (
    let at = target as string | undefined;
    at !== undefined && isSameOrAncestor(boundary, at);
    at = parentPath(at)
  ) {
    const report = await lookup(at);
    if (report.exists && report.locks === undefined) {
      nearest ??= at;
    }
    const lock = locksOf(report)?.find((each) => covers(each, at as string, target));
    if (lock !== undefined) {
      return {
        root: await climb(lookup, lock, at, boundary),
        reported: true,
        depth: lock.depth,
        ...(typeof lock.timeout === 'number' ? { expiresIn: lock.timeout } : {}),
      };
    }
  }
  return nearest === undefined ? undefined : { root: nearest, reported: false };
}
