import type { HeldLock } from '../model/locks.ts';
import { isAncestor, isSameOrAncestor, samePath, trimTrailingSlash } from './href.ts';

/**
 * How a held lock relates to a request path:
 * - `'self'`: the lock root is the path;
 * - `'ancestor'`: a depth-infinity lock on a collection above it, which covers it;
 * - `'parent'`: a depth-0 lock on its parent, which covers only the parent's membership;
 * - `'descendant'`: a lock below it, which a DELETE or MOVE of the path would destroy.
 */
export type LockRelation = 'self' | 'ancestor' | 'parent' | 'descendant';

/**
 * How `lock` relates to a request on `path` (absolute, decoded), or `undefined` when it does not.
 *
 * @example
 * ```ts
 * lockRelation({ root: '/dav/docs/', depth: 'infinity', … }, '/dav/docs/a.txt'); // 'ancestor'
 * lockRelation({ root: '/dav/docs/a.txt', depth: 0, … }, '/dav/docs/');          // 'descendant'
 * ```
 */
export function lockRelation(lock: HeldLock, path: string): LockRelation | undefined {
  if (samePath(lock.root, path)) {
    return 'self';
  }
  if (isAncestor(lock.root, path)) {
    if (lock.depth === 'infinity') {
      return 'ancestor';
    }
    return isParent(lock.root, path) ? 'parent' : undefined;
  }
  return isAncestor(path, lock.root) ? 'descendant' : undefined;
}

/** Whether a request must submit a lock in this relation (see `LockQuery`). */
export function applies(
  relation: LockRelation | undefined,
  recursive: boolean,
  membership: boolean,
): boolean {
  switch (relation) {
    case 'self':
    case 'ancestor':
      return true;
    case 'parent':
      return membership;
    case 'descendant':
      return recursive;
    default:
      return false;
  }
}

/**
 * The first of `locks` a request on `path` must submit when it changes only `path` itself (its own
 * lock, a depth-infinity ancestor's, a depth-0 lock on its parent): the lock that explains a 423 there.
 *
 * @example
 * ```ts
 * coveringLock(snapshot, '/dav/docs/a.txt')?.token; // the token of a lock on /dav/docs/ (depth infinity)
 * ```
 */
export function coveringLock(locks: readonly HeldLock[], path: string): HeldLock | undefined {
  return locks.find((lock) => applies(lockRelation(lock, path), false, true));
}

/**
 * The locks related to any of `paths` (rooted at it, above it, or below it): what explaining a failed
 * request on those paths may need, as plain data.
 *
 * @example
 * ```ts
 * locksAround(store.list(), ['/dav/docs/']); // locks on /dav/, /dav/docs/, /dav/docs/a.txt …
 * ```
 */
export function locksAround(locks: readonly HeldLock[], paths: readonly string[]): HeldLock[] {
  return locks.filter((lock) =>
    paths.some((path) => isSameOrAncestor(lock.root, path) || isAncestor(path, lock.root)),
  );
}

function isParent(parent: string, path: string): boolean {
  const trimmed = trimTrailingSlash(path);
  return samePath(trimmed.slice(0, trimmed.lastIndexOf('/') + 1), parent);
}
