import type { RootCause } from './root-cause.ts';

/**
 * Options of `retryAfterFix()`.
 *
 * @group Batches and root causes
 */
export interface RetryAfterFixOptions {
  /** Resubmissions at most (default 3). */
  readonly maxAttempts?: number;
  /** Longest total wait for locks to go or `Retry-After` delays, in ms (default 60 000). */
  readonly maxWaitMs?: number;
  readonly signal?: AbortSignal;
  /**
   * For a batch. `'failed'` (default): only the steps that did not succeed (failed, blocked,
   * cancelled) run again; every success keeps its outcome, so a one-folder failure in a 1,000-file
   * upload does not upload 999 files again. `'all'`: the whole batch runs again, except steps that
   * succeeded and are not safe to repeat (MKCOL, LOCK, UNLOCK, COPY, MOVE, DELETE).
   */
  readonly replay?: 'all' | 'failed';
}

/**
 * The client a fix is handed, as every layer of davkit knows it. At run time it is the `DavClient`
 * that sent the request; a fix that calls its verbs uses your own client variable (it is this one).
 *
 * @group Batches and root causes
 */
export interface FixClient {
  /** The normalised base URL. */
  readonly baseUrl: string;
  /** The absolute URL of a client path. */
  url(path: string): string;
  /** A server path as a client path (see `DavClient.relativePath`). */
  relativePath(serverPath: string): string;
}

/**
 * What a fix function is given besides the causes.
 *
 * @group Batches and root causes
 */
export interface FixContext {
  /** The client that sent the request. */
  readonly client: FixClient;
  readonly signal?: AbortSignal | undefined;
}

/**
 * Your own fix: do whatever resolves the causes (release a lock, free space…), then return.
 *
 * @group Batches and root causes
 */
export type FixFunction = (causes: readonly RootCause[], context: FixContext) => unknown;

/**
 * Fixes the causes of a failure and sends the request (or the batch) again: what the sender hands
 * the error or result it produced, in a private field, so that `retryAfterFix()` works on it. A
 * copy never carries one.
 */
export type Replay<T> = (fix: FixFunction | undefined, options: RetryAfterFixOptions) => Promise<T>;
