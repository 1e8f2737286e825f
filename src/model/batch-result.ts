import type { Compensation, PlannedStep, StepResult } from './batch.ts';
import type { FixFunction, RetryAfterFixOptions } from './recovery.ts';
import type { RootCause } from './root-cause.ts';

/**
 * The data of a batch run: plain, so it survives `structuredClone`, JSON and data-layer caches.
 * {@link BatchResult} adds methods on top; the free functions (`rootCauses`, `explain`) accept
 * either.
 *
 * @group Batches and root causes
 */
export interface BatchResultData {
  readonly kind: 'batch-result';
  readonly runId: string;
  /** 1 for the first run, then one more for each resubmission by `retryAfterFix()`. */
  readonly attempt: number;
  /** Every step succeeded. */
  readonly ok: boolean;
  /** The client's base URL (paths in steps are relative to it). */
  readonly baseUrl: string;
  /** Outcomes in the order the steps were added. */
  readonly steps: readonly StepResult[];
  readonly plan: readonly PlannedStep[];
  /** Present when the run was `atomic` and something failed. */
  readonly compensation?: Compensation;
}

/**
 * The plain data of a batch result (a live `BatchResult` or data already): its fields, without
 * methods, for `toJSON()` of the result and of the `DavBatchError` that carries one.
 *
 * @example
 * ```ts
 * structuredClone(batchResultData(result)); // works: no methods, no private fields
 * ```
 */
export function batchResultData(result: BatchResultData): BatchResultData {
  const { kind, runId, attempt, ok, baseUrl, steps, plan, compensation } = result;
  return {
    kind,
    runId,
    attempt,
    ok,
    baseUrl,
    steps,
    plan,
    ...(compensation === undefined ? {} : { compensation }),
  };
}

/**
 * A batch result with its methods: what `batch.run()` and every resubmission resolve with. The
 * class `BatchResult` implements it; it is named here, below the errors, so that
 * `DavBatchError.retryAfterFix()` can promise the live result it resolves with (an app chains
 * `.throwIfFailed()` on it) without the errors depending on the batch engine.
 *
 * @example
 * ```ts
 * const next: LiveBatchResult = await error.retryAfterFix(); // error: a DavBatchError
 * next.throwIfFailed();
 * ```
 *
 * @group Batches and root causes
 */
export interface LiveBatchResult extends BatchResultData {
  /** The step outcome with this id. */
  step(id: string): StepResult | undefined;
  /** The real failures of this run, with the steps and resources they blocked (`rootCauses(result)`). */
  rootCauses(): RootCause[];
  /** This result if every step succeeded; otherwise throws a `DavBatchError` that can resubmit it. */
  throwIfFailed(): this;
  /** Fixes the root causes and resubmits the batch; resolves with the next live result. */
  retryAfterFix(fix?: FixFunction, options?: RetryAfterFixOptions): Promise<LiveBatchResult>;
  /** The result as plain data: what `JSON.stringify` writes. */
  toJSON(): BatchResultData;
}
