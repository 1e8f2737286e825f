import type { Progress } from '../model/progress.ts';
import type { CallOptions } from '../transport/request-spec.ts';

/**
 * What a write accepts besides every call's options: which lock tokens it submits.
 *
 * @group Client
 */
export interface WriteOptions extends CallOptions {
  /**
   * A lock token to submit for this request's resource (tagged `If` with the request URL), besides the
   * ones the client holds. For a lock rooted elsewhere (a collection locked by another client), add
   * it to `client.locks` with its root instead: Apache only accepts a token tagged with its lock root.
   */
  readonly lockToken?: string;
  /** `false`: do not submit held lock tokens automatically on this call. */
  readonly lockTokens?: boolean;
}

/**
 * Everything `run()` and `perform()` accept: every call's options, a write's, and the progress
 * callbacks `put` (upload) and `get` (download) take.
 *
 * @group Low level
 */
export interface RunOptions extends WriteOptions {
  /** Upload progress, where the platform can report it (see the README: uploads need streaming support). */
  readonly onUploadProgress?: (progress: Progress) => void;
  /** Download progress. */
  readonly onDownloadProgress?: (progress: Progress) => void;
}

/**
 * Splits the transport-level part out of a verb's options object.
 *
 * @example
 * ```ts
 * callPart({ signal, timeout: 5_000, lockToken: 't' }); // { signal, timeout: 5000 }
 * ```
 */
export function callPart(options: RunOptions): Omit<RunOptions, 'lockToken' | 'lockTokens'> {
  const { signal, headers, timeout, onUploadProgress, onDownloadProgress } = options;
  return {
    ...(signal === undefined ? {} : { signal }),
    ...(headers === undefined ? {} : { headers }),
    ...(timeout === undefined ? {} : { timeout }),
    ...(onUploadProgress === undefined ? {} : { onUploadProgress }),
    ...(onDownloadProgress === undefined ? {} : { onDownloadProgress }),
  };
}
