import type { Progress } from '../model/progress.ts';
import type { CallOptions } from '../transport/request-spec.ts';
import type { LockTimeout } from './lock.ts';
import type { RefreshLockOptions } from './unlock.ts';

/** Per-call lock handling for writes. */
export interface LockCallOptions {
  /**
   * A lock token to submit for this request's resource (tagged `If` with the request URL), besides the
   * ones the client holds. For a lock rooted elsewhere (a collection locked by another client), add
   * it to `client.locks` with its root instead: Apache only accepts a token tagged with its lock root.
   */
  readonly lockToken?: string;
  /** `false`: do not submit held lock tokens automatically on this call. */
  readonly lockTokens?: boolean;
}

/** Transfer progress, where the platform can report it (see the README: uploads need streaming support). */
export interface ProgressOptions {
  readonly onUploadProgress?: (progress: Progress) => void;
  readonly onDownloadProgress?: (progress: Progress) => void;
}

/** Everything `client.run()` accepts: transport options, lock handling and progress callbacks. */
export type RunOptions = CallOptions & LockCallOptions & ProgressOptions;

/** Everything a write call accepts besides its own options. */
export type WriteCallOptions = CallOptions & LockCallOptions;

/**
 * Splits the transport-level part out of a verb's options object.
 *
 * @example
 * ```ts
 * callPart({ signal, timeout: 5_000, lockToken: 't' }); // { signal, timeout: 5000 }
 * ```
 */
export function callPart(
  options: CallOptions & LockCallOptions & ProgressOptions,
): CallOptions & ProgressOptions {
  const { signal, headers, timeout, onUploadProgress, onDownloadProgress } = options;
  return {
    ...(signal === undefined ? {} : { signal }),
    ...(headers === undefined ? {} : { headers }),
    ...(timeout === undefined ? {} : { timeout }),
    ...(onUploadProgress === undefined ? {} : { onUploadProgress }),
    ...(onDownloadProgress === undefined ? {} : { onDownloadProgress }),
  };
}

/**
 * The lock part and the rest of `refreshLock()`'s arguments (client and batch), in its two forms:
 * `(…, options)`, whose `timeout` is the lock's as in `lock()`, and the older
 * `(…, timeout, callOptions)`, whose `callOptions.timeout` is the request's. They cannot be confused:
 * an options object is never a number or `'infinite'`.
 *
 * @example
 * ```ts
 * splitRefreshArguments({ timeout: 600, signal }, {}); // { lock: { timeout: 600 }, rest: { signal } }
 * splitRefreshArguments(600, { timeout: 5_000 });      // { lock: { timeout: 600 }, rest: { timeout: 5000 } }
 * ```
 */
export function splitRefreshArguments<O extends object>(
  third: (RefreshLockOptions & O) | LockTimeout | undefined,
  fourth: O & { readonly timeout?: number | false },
): { lock: RefreshLockOptions; rest: O & { readonly timeout?: number | false } } {
  if (third !== null && typeof third === 'object') {
    const { timeout, untagged, ...rest } = third;
    const lock = {
      ...(timeout === undefined ? {} : { timeout }),
      ...(untagged === undefined ? {} : { untagged }),
    };
    return { lock, rest: rest as unknown as O };
  }
  return { lock: third === undefined ? {} : { timeout: third }, rest: fourth };
}
