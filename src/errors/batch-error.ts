import { type BatchResultData, batchResultData, type LiveBatchResult } from '../model/batch-result.ts';
import type { DavBatchErrorData } from '../model/error-data.ts';
import type { FixFunction, RetryAfterFixOptions } from '../model/recovery.ts';
import type { RootCause } from '../model/root-cause.ts';
import { DavError, type DavErrorOptions, replayOf } from './dav-error.ts';
import { DavUsageError } from './transport-errors.ts';

/** Context of a {@link DavBatchError}. */
export interface DavBatchErrorOptions extends DavErrorOptions {
  readonly result: BatchResultData;
  readonly causes: readonly RootCause[];
}

/**
 * A batch that did not fully succeed, as an error: what `result.throwIfFailed()` throws, for code that
 * expects failures to reject (React Query mutations, RxJS pipelines). It carries the result and its
 * root causes, and can resubmit the batch.
 *
 * @example
 * ```ts
 * const mutation = useMutation({ mutationFn: async () => (await batch.run()).throwIfFailed() });
 * // in onError: if (isDavBatchError(error)) show(explain(error)), offer error.retryAfterFix()
 * ```
 *
 * @group Errors
 */
export class DavBatchError extends DavError {
  override name = 'DavBatchError' as const;
  /** The result that failed (the `BatchResult` itself when `throwIfFailed()` threw it). */
  readonly result: BatchResultData;
  readonly causes: readonly RootCause[];

  constructor(options: DavBatchErrorOptions) {
    const failed = options.result.steps.filter((step) => step.kind !== 'success').length;
    const first = options.causes[0];
    const lead = first === undefined ? '' : `: ${first.status || 'no answer'} at ${first.path}`;
    super(
      `batch ${options.result.runId}: ${failed} of ${options.result.steps.length} steps did not succeed${lead}`,
      options,
    );
    this.result = options.result;
    this.causes = options.causes;
  }

  /**
   * Fixes the causes and resubmits the batch (see `BatchResult.retryAfterFix`); resolves with the
   * next result, a live one (`throwIfFailed()`, `retryAfterFix()` again).
   *
   * @example
   * ```ts
   * const next = (await error.retryAfterFix()).throwIfFailed();
   * ```
   */
  retryAfterFix(fix?: FixFunction, options: RetryAfterFixOptions = {}): Promise<LiveBatchResult> {
    const replay = replayOf(this);
    if (replay === undefined) {
      return Promise.reject(
        new DavUsageError('retryAfterFix() needs the error throwIfFailed() threw (a copy cannot resubmit)'),
      );
    }
    // The capability a DavError holds is untyped (a request's resolves with its value); the one
    // `throwIfFailed()` hands this error is its result's, which resolves with a `BatchResult`.
    return replay(fix, options) as Promise<LiveBatchResult>;
  }

  override toJSON(): DavBatchErrorData {
    return {
      name: this.name,
      message: this.message,
      result: batchResultData(this.result),
      causes: this.causes,
    };
  }
}
