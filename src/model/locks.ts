/**
 * A lock this client holds, as plain data.
 *
 * @group Client
 */
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

/**
 * A lock davkit found in `DAV:lockdiscovery` to explain a bare 423 (no `DAV:error` naming the lock):
 * plain data, kept on the error (`DavHttpError.discoveredLock`) and on a failed batch step.
 *
 * @group Errors
 */
export interface DiscoveredLock {
  /**
   * Absolute, percent-decoded path of the resource the lock is rooted at. When the server does not
   * report `DAV:lockdiscovery` (`reported: false`), the nearest existing resource on the way up: the
   * lock is there or above it.
   */
  readonly root: string;
  /** Whether the server reported the lock (`false`: rclone, whose `DAV:lockdiscovery` is always 404). */
  readonly reported: boolean;
  readonly depth?: 0 | 1 | 'infinity';
  /** Seconds the lock has left, when the server said. */
  readonly expiresIn?: number;
}

/**
 * What a successful request did to the locks its client holds, as data (server paths): a LOCK holds
 * one (new or refreshed), an UNLOCK releases one, a DELETE or MOVE destroys every lock at or below
 * its path (locks do not move). Operations describe it; the client's lock store applies it.
 */
export type LockChange =
  | {
      readonly kind: 'hold';
      readonly token: string;
      /** Absolute, percent-decoded path of the request URL: the root of a new lock. */
      readonly root: string;
      readonly rootUrl: string;
      readonly depth: 0 | 'infinity';
      readonly scope: string;
      /** Seconds, as granted; `undefined`, `'infinite'` or 0: kept until UNLOCK. */
      readonly timeout?: number | 'infinite';
    }
  | { readonly kind: 'release'; readonly token: string }
  | { readonly kind: 'forget-within'; readonly path: string };
