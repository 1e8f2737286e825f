import { isAncestor, samePath, trimTrailingSlash } from '../utils/href.ts';

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
}

/**
 * The lock tokens a client obtained, remembered so it can submit them on later requests that touch
 * a locked resource, a member of a locked collection or, for DELETE and MOVE, anything locked below.
 * Tokens are forgotten on UNLOCK and when their timeout has passed.
 */
export class LockStore {
  private readonly locks = new Map<string, HeldLock>();
  private readonly now: () => number;

  constructor(now: () => number = Date.now) {
    this.now = now;
  }

  /** Remembers a lock (replacing one with the same token, e.g. after a refresh). */
  add(lock: HeldLock): void {
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
    return this.list().filter((lock) => targets.some((target) => covers(lock, target, query.recursive)));
  }
}

/** Whether a lock applies to a request on `path`. */
function covers(lock: HeldLock, path: string, recursive: boolean): boolean {
  if (samePath(lock.root, path)) {
    return true;
  }
  if (isAncestor(lock.root, path)) {
    // A depth-infinity lock covers every member; a depth-0 lock on the parent covers its membership.
    return lock.depth === 'infinity' || isParent(lock.root, path);
  }
  return recursive && isAncestor(path, lock.root);
}

function isParent(parent: string, path: string): boolean {
  const trimmed = trimTrailingSlash(path);
  return samePath(trimmed.slice(0, trimmed.lastIndexOf('/') + 1), parent);
}
