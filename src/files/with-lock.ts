import { DavParseError } from '../errors/dav-parse-error.ts';
import type { ActiveLock } from '../model/multistatus.ts';
import { DEFAULT_LOCK_SECONDS, type LockOptions } from '../operations/lock.ts';
import { type GrantedLock, operations } from '../operations/operations.ts';
import type { Session } from '../session/session.ts';
import type { CallOptions } from '../transport/request-spec.ts';
import { lockLookup } from './lock-lookup.ts';

/**
 * Options of `dav.withLock()`: the lock's (as for `lock()`), the calls', and when to refresh.
 *
 * @group Client
 */
export interface WithLockOptions extends LockOptions, CallOptions {
  /**
   * Refresh this many seconds before the granted lock expires (default: at half its life, at least
   * 1 s before). A lock granted `'infinite'` is not refreshed.
   */
  readonly refreshMargin?: number;
}

/**
 * What the function run under a lock is given.
 *
 * @group Client
 */
export interface LockContext {
  readonly lock: GrantedLock;
  /** Aborts when your `signal` does, or when a refresh fails (the lock may be lost): stop writing then. */
  readonly signal: AbortSignal;
}

/** When to refresh a lock granted for `seconds`, in ms from now; `undefined`: never. */
function refreshDelay(
  seconds: number | 'infinite' | undefined,
  margin: number | undefined,
): number | undefined {
  if (seconds === 'infinite' || seconds === undefined) {
    return undefined;
  }
  const before = margin ?? seconds / 2;
  return Math.max(500, (seconds - Math.min(before, seconds - 1)) * 1000);
}

/**
 * Runs `fn` while holding a write lock on `path`: takes it (10 minutes unless `lockTimeout` says
 * otherwise), refreshes it before it expires while `fn` runs, and releases it however `fn` ends
 * (returns, throws, or your `signal` aborts: `fn` gets a signal and is waited for, then the lock is
 * released). Writes inside `fn` submit the token (the client holds it; see `lockTokens`). A failed
 * refresh aborts `fn`'s signal and the call rejects with it; a failed release rejects too (the lock
 * would stay: see `locksOn`).
 *
 * @example
 * ```ts
 * await withLock(dav, '/doc.txt', async ({ signal }) => {
 *   const text = await dav.getText('/doc.txt', { signal });
 *   await dav.put('/doc.txt', edit(text), { signal });
 * });
 * ```
 */
export async function withLock<T>(
  session: Session,
  path: string,
  fn: (context: LockContext) => T | Promise<T>,
  options: WithLockOptions = {},
): Promise<T> {
  const { signal, refreshMargin, ...rest } = options;
  const call = { ...(rest.headers === undefined ? {} : { headers: rest.headers }), ...timeoutOf(rest) };
  const lockTimeout = options.lockTimeout ?? DEFAULT_LOCK_SECONDS;
  signal?.throwIfAborted();
  // The LOCK itself is not aborted: cut mid-flight, it may be granted with a token never seen, an
  // orphan. An abort while it is on its way releases the lock once it is granted.
  const lock = await session.run(operations.lock(path, { ...rest, lockTimeout }), call);
  if (signal?.aborted) {
    await session.run(operations.unlock(path, lock.token), call);
    throw signal.reason;
  }
  const controller = new AbortController();
  const onAbort = () => controller.abort(signal?.reason);
  signal?.addEventListener('abort', onAbort, { once: true });
  let timer: ReturnType<typeof setTimeout> | undefined;
  let lost: unknown;
  const schedule = (granted: number | 'infinite' | undefined) => {
    const delay = refreshDelay(granted, refreshMargin);
    if (delay !== undefined && !controller.signal.aborted) {
      timer = setTimeout(refresh, delay);
    }
  };
  const refresh = () => {
    const operation = operations.refreshLock(path, session.url(path), lock.token, { lockTimeout });
    session.run(operation, { ...call, lockTokens: false }).then(
      (again) => schedule(again.timeout),
      (error: unknown) => {
        lost = error;
        controller.abort(error);
      },
    );
  };
  schedule(lock.timeout);
  try {
    const value = await fn({ lock, signal: controller.signal });
    if (lost !== undefined) {
      throw lost;
    }
    return value;
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
    // Released whatever happened, without the caller's (maybe aborted) signal.
    await session.run(operations.unlock(path, lock.token), call);
  }
}

function timeoutOf(options: CallOptions): { timeout?: number | false } {
  return options.timeout === undefined ? {} : { timeout: options.timeout };
}

/**
 * The active locks on a resource (`DAV:lockdiscovery`, a PROPFIND Depth 0), tokens included where
 * the server shows them: find your own stale locks and release them with `unlock(path, token)`.
 * A server that does not report lock discovery (rclone) is a `DavParseError`, never an empty list.
 *
 * @example
 * ```ts
 * for (const lock of await locksOn(dav, '/doc.txt')) {
 *   if (lock.owner === 'mailto:me@example.com' && lock.token) await dav.unlock('/doc.txt', lock.token);
 * }
 * ```
 */
export async function locksOn(
  session: Session,
  path: string,
  options: CallOptions = {},
): Promise<ActiveLock[]> {
  const serverPath = new URL(session.url(path)).pathname;
  const found = await lockLookup(session, options)(serverPath);
  if (!found.exists) {
    return [];
  }
  if (!('locks' in found) || found.locks === undefined) {
    throw new DavParseError(`The server does not report DAV:lockdiscovery for ${path}`);
  }
  return [...found.locks];
}
