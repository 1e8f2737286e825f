import { checkLockToken } from '../utils/arguments.ts';
import { isAncestor, isSameOrAncestor, samePath, trimTrailingSlash } from '../utils/href.ts';

/** A lock this client holds, as plain data. */
export interface HeldLock {
  readonly token: string;
  /** Absolute, percent-decoded path of the lock root. */
  readonly root: string;
  /** The lock root as an absolute URL: the Resource-Tag of the `If` header. */
  readonly rootUrl: string;
  readonly depth: 0 | 'infinity';
  readonly scope: string;
  /** When the lock expires (ms since the epoch), or `null` for an infinite timeout. */
  readonly expiresAt: number | null;
}

/** Which locks a request has to submit. */
export interface LockQuery {
  /** The request path (absolute, decoded). */
  readonly path: string;
  /** The Destination path of a COPY/MOVE. */
  readonly destination?: string;
  /** Whether the request removes or replaces what lies below the path (DELETE, MOVE, a COPY/MOVE target). */
  readonly recursive: boolean;
  /**
   * Whether the request adds or removes a member of the path's parent (PUT, MKCOL, DELETE, MOVE, a
   * COPY/MOVE target), so that a depth-0 lock on the parent applies. Default `true`.
   */
  readonly membership?: boolean;
}

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

/** Whether a request must submit a lock in this relation (see {@link LockQuery}). */
function applies(relation: LockRelation | undefined, recursive: boolean, membership: boolean): boolean {
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

/**
 * The lock tokens a client obtained, remembered so it can submit them on later requests that touch
 * a locked resource, a member of a locked collection or, for DELETE and MOVE, anything locked below.
 * Tokens are forgotten on UNLOCK, when their timeout has passed, and when the locked resource is
 * deleted or moved away.
 *
 * @example
 * ```ts
 * const store = new LockStore();
 * store.add({ token: 'opaquelocktoken:1', root: '/dav/a.txt', rootUrl: 'https://host/dav/a.txt',
 *   depth: 0, scope: 'exclusive', expiresAt: Date.now() + 600_000 });
 * store.relevant({ path: '/dav/a.txt', recursive: false }); // [that lock]
 * ```
 */
export class LockStore {
  private readonly locks = new Map<string, HeldLock>();
  private readonly now: () => number;

  constructor(now: () => number = Date.now) {
    this.now = now;
  }

  /** Remembers a lock (replacing one with the same token, e.g. after a refresh). */
  add(lock: HeldLock): void {
    checkLockToken(lock.token);
    this.locks.set(lock.token, lock);
  }

  /** Forgets a lock. */
  delete(token: string): boolean {
    return this.locks.delete(token);
  }

  /** Every lock held and not expired. */
  list(): HeldLock[] {
    const now = this.now();
    for (const [token, lock] of this.locks) {
      if (lock.expiresAt !== null && lock.expiresAt <= now) {
        this.locks.delete(token);
      }
    }
    return [...this.locks.values()];
  }

  /** The token held for a lock root, if any. */
  tokenFor(root: string): string | undefined {
    return this.list().find((lock) => samePath(lock.root, root))?.token;
  }

  /** The locks a request must submit (see {@link LockQuery}). */
  relevant(query: LockQuery): HeldLock[] {
    const targets = query.destination === undefined ? [query.path] : [query.path, query.destination];
    const membership = query.membership ?? true;
    return this.list().filter((lock) =>
      targets.some((target) => applies(lockRelation(lock, target), query.recursive, membership)),
    );
  }

  /**
   * Forgets every lock rooted at `path` or below it, and returns them: a successful DELETE or MOVE
   * destroys those locks on the server, and submitting their tokens later (when the path is used
   * again) would make servers answer 412.
   */
  forgetWithin(path: string): HeldLock[] {
    const gone = this.list().filter((lock) => isSameOrAncestor(path, lock.root));
    for (const lock of gone) {
      this.locks.delete(lock.token);
    }
    return gone;
  }
}

function isParent(parent: string, path: string): boolean {
  const trimmed = trimTrailingSlash(path);
  return samePath(trimmed.slice(0, trimmed.lastIndexOf('/') + 1), parent);
}
