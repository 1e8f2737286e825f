import type { BatchResult } from '../batch/result.ts';
import type { RootCause } from '../model/root-cause.ts';
import type { FixFunction, RetryAfterFixOptions } from '../recovery/apply-fixes.ts';
import { DavError, type DavErrorOptions } from './dav-error.ts';

/** Context of a {@link DavBatchError}. */
export interface DavBatchErrorOptions extends DavErrorOptions {
  readonly result: BatchResult;
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
 * // in onError: if (isDavBatchError(error)) show(explain(error.causes))
 * ```
 */
export class DavBatchError extends DavError {
  override name = 'DavBatchError' as const;
  readonly result: BatchResult;
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
   * Fixes the causes and resubmits the batch (see `BatchResult.retryAfterFix`).
   *
   * @example
   * ```ts
   * const next = await error.retryAfterFix();
   * ```
   */
  retryAfterFix(fix?: FixFunction, options?: RetryAfterFixOptions): Promise<BatchResult> {
    return this.result.retryAfterFix(fix, options);
  }
}
