import { rootCauses } from '../analysis/root-causes.ts';
import { DavBatchError } from '../errors/batch-error.ts';
import { attachReplay } from '../errors/dav-error.ts';
import { DavUsageError } from '../errors/transport-errors.ts';
import type { Compensation, PlannedStep, StepResult } from '../model/batch.ts';
import { type BatchResultData, batchResultData, type LiveBatchResult } from '../model/batch-result.ts';
import type { FixFunction, Replay, RetryAfterFixOptions } from '../model/recovery.ts';
import type { RootCause } from '../model/root-cause.ts';

/** Runs the batch's plan again as attempt `attempt`, keeping the `kept` outcomes. */
export type Rerun = (
  attempt: number,
  kept: ReadonlyMap<string, StepResult>,
  resubmission: { readonly lockTokens: boolean; readonly signal: AbortSignal | undefined },
) => Promise<BatchResult>;

/**
 * Hands a result the way to fix and resubmit its batch, and to run its plan again (what `runBatch`
 * does once). Internal.
 */
export let attachBatchReplay: (result: BatchResult, replay: Replay<BatchResult>, rerun: Rerun) => void;

/** The way to fix and resubmit a result's batch, if it is the original (a copy has none). */
export let batchReplayOf: (result: BatchResult) => Replay<BatchResult> | undefined;

/** The way to run a result's plan again, if it is the original (a copy has none). */
export let batchRerunOf: (result: BatchResult) => Rerun | undefined;

/**
 * The outcome of a batch run. Its fields are plain data (a `structuredClone` or JSON copy keeps them
 * all, and `rootCauses(copy)` still works); resubmitting needs the original.
 *
 * @example
 * ```ts
 * const result = await batch.run();
 * if (!result.ok) {
 *   console.log(explain(result));
 *   const next = await result.retryAfterFix();
 * }
 * ```
 *
 * @group Batches and root causes
 */
export class BatchResult implements LiveBatchResult {
  readonly kind = 'batch-result' as const;
  readonly runId: string;
  readonly attempt: number;
  readonly ok: boolean;
  readonly baseUrl: string;
  readonly steps: readonly StepResult[];
  readonly plan: readonly PlannedStep[];
  readonly compensation?: Compensation;
  // How to fix and resubmit this batch, handed over by the run that produced it. Private: it never
  // shows in JSON, `util.inspect` or a clone.
  #replay: Replay<BatchResult> | undefined;
  #rerun: Rerun | undefined;

  static {
    attachBatchReplay = (result, replay, rerun) => {
      result.#replay = replay;
      result.#rerun = rerun;
    };
    batchReplayOf = (result) => result.#replay;
    batchRerunOf = (result) => result.#rerun;
  }

  constructor(data: Omit<BatchResultData, 'kind' | 'ok'>) {
    this.runId = data.runId;
    this.attempt = data.attempt;
    this.baseUrl = data.baseUrl;
    this.steps = data.steps;
    this.plan = data.plan;
    this.ok = data.steps.every((step) => step.kind === 'success');
    if (data.compensation !== undefined) {
      this.compensation = data.compensation;
    }
  }

  /** The step outcome with this id. @example `result.step('mk')?.kind` */
  step(id: string): StepResult | undefined {
    return this.steps.find((step) => step.id === id);
  }

  /**
   * The real failures of this run, with the steps and resources they blocked: `rootCauses(result)`,
   * by construction, for this result and for any copy of it. Lock fixes use the locks the client
   * held when each failed step was sent.
   *
   * @example
   * ```ts
   * for (const cause of result.rootCauses()) console.log(cause.step, cause.status, cause.fix.kind);
   * ```
   */
  rootCauses(): RootCause[] {
    return rootCauses(this);
  }

  /**
   * This result if every step succeeded; otherwise throws a `DavBatchError` carrying it and its root
   * causes: for code that expects failures to reject (React Query mutations, RxJS). The error can
   * `retryAfterFix()` the batch as this result can.
   *
   * @example
   * ```ts
   * const result = (await batch.run()).throwIfFailed();
   * ```
   */
  throwIfFailed(): this {
    if (!this.ok) {
      const error = new DavBatchError({ result: this, causes: this.rootCauses() });
      const replay = this.#replay;
      if (replay !== undefined) {
        attachReplay(error, replay);
      }
      throw error;
    }
    return this;
  }

  /**
   * Fixes the root causes (your `fix`, or davkit's `fixers`), checks they are gone, and resubmits the
   * whole batch in dependency order. Steps that succeeded and must not run twice keep their outcome.
   * Resolves with the last result; rejects with `DavUnfixableError` when a cause cannot be fixed.
   *
   * @example
   * ```ts
   * const next = await result.retryAfterFix(undefined, { maxAttempts: 3, maxWaitMs: 60_000 });
   * next.ok; // true once the missing parent was created, or the lock was released
   * ```
   */
  retryAfterFix(fix?: FixFunction, options: RetryAfterFixOptions = {}): Promise<BatchResult> {
    const replay = this.#replay;
    if (replay === undefined) {
      return Promise.reject(
        new DavUsageError('retryAfterFix() needs the original BatchResult (a copied one cannot resubmit)'),
      );
    }
    return replay(fix, options);
  }

  /**
   * The result as plain data: what `JSON.stringify` writes.
   *
   * @example
   * ```ts
   * queryClient.setQueryData(['batch'], result.toJSON());
   * ```
   */
  toJSON(): BatchResultData {
    return batchResultData(this);
  }
}
