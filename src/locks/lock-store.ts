import { checkLockToken } from '../checks/arguments.ts';
import type { HeldLock } from '../model/locks.ts';
import { isSameOrAncestor, samePath } from '../utils/href.ts';
import { applies, lockRelation } from '../utils/lock-relation.ts';

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
