import type { Compensation, PlannedStep, StepResult } from './batch.ts';

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
