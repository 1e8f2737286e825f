import { checkLockToken } from '../checks/arguments.ts';
import type { HeldLock, LockChange } from '../model/locks.ts';
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
 *
 * @group Client
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

  /** The locks a request must submit (see `LockQuery`: the path, the method and the paths it affects). */
  relevant(query: LockQuery): HeldLock[] {
    const targets = query.destination === undefined ? [query.path] : [query.path, query.destination];
    const membership = query.membership ?? true;
    return this.list().filter((lock) =>
      targets.some((target) => applies(lockRelation(lock, target), query.recursive, membership)),
    );
  }

  /**
   * Applies what a successful request did to the locks (see `LockChange`): a LOCK holds its lock (a
   * refresh keeps the root and depth the store knows, with the new expiry), an UNLOCK releases its
   * token, a DELETE or MOVE destroys the locks at and below its path.
   *
   * @example
   * ```ts
   * store.apply({ kind: 'release', token: 'opaquelocktoken:1' });
   * ```
   */
  apply(change: LockChange): void {
    switch (change.kind) {
      case 'release':
        this.delete(change.token);
        return;
      case 'forget-within':
        this.forgetWithin(change.path);
        return;
      case 'hold': {
        const held = this.list().find((each) => each.token === change.token);
        this.add({
          token: change.token,
          root: held?.root ?? change.root,
          rootUrl: held?.rootUrl ?? change.rootUrl,
          depth: held?.depth ?? change.depth,
          scope: change.scope,
          expiresAt: this.expiryOf(change.timeout),
        });
        return;
      }
    }
  }

  /**
   * When a lock granted now expires. A timeout of 0 seconds cannot be meant literally for a lock just
   * granted (rclone reports `Second-0` when no Timeout was asked for, and keeps the lock), so it counts
   * as unknown, like an infinite one: the token is kept until UNLOCK.
   */
  private expiryOf(timeout: number | 'infinite' | undefined): number | null {
    return typeof timeout === 'number' && timeout > 0 ? this.now() + timeout * 1000 : null;
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
