import type { LockChange } from '../model/locks.ts';
import type { ActiveLock } from '../model/multistatus.ts';
import { urlPath } from '../utils/href.ts';

/**
 * What a granted LOCK (new or refreshed) does to the client's locks: it holds the lock. A new lock's
 * root is the request URL (RFC 4918 §9.10); a refresh keeps the root the store knows (the lockroot a
 * server reports is not trusted for it: rclone reports it without its --baseurl prefix).
 *
 * @example
 * ```ts
 * holdsLock('/a/', '0')(lock, resolve); // { kind: 'hold', root: '/dav/a/', depth: 0, … }
 * ```
 */
export function holdsLock(
  path: string,
  requestedDepth: string | undefined,
): (lock: ActiveLock, resolve: (path: string) => URL) => LockChange | undefined {
  return (lock, resolve) => {
    if (lock.token === undefined) {
      return undefined;
    }
    const target = resolve(path);
    return {
      kind: 'hold',
      token: lock.token,
      root: urlPath(target),
      rootUrl: target.href,
      depth: requestedDepth === '0' || lock.depth === 0 ? 0 : 'infinity',
      scope: lock.scope,
      ...(lock.timeout === undefined ? {} : { timeout: lock.timeout }),
    };
  };
}

/**
 * What a successful UNLOCK does: the token is released.
 *
 * @example
 * ```ts
 * releasesLock('opaquelocktoken:1')(); // { kind: 'release', token: 'opaquelocktoken:1' }
 * ```
 */
export function releasesLock(token: string): () => LockChange {
  return () => ({ kind: 'release', token });
}

/**
 * What a successful DELETE or MOVE does: the server destroyed the locks at and below the path (locks
 * do not move); submitting their tokens later, when the path is used again, would get a 412.
 *
 * @example
 * ```ts
 * destroysLocksWithin('/old/')(undefined, resolve); // { kind: 'forget-within', path: '/dav/old/' }
 * ```
 */
export function destroysLocksWithin(
  path: string,
): (value: unknown, resolve: (path: string) => URL) => LockChange {
  return (_value, resolve) => ({ kind: 'forget-within', path: urlPath(resolve(path)) });
}
