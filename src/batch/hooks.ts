import type { PlannedStep, StepResult } from '../model/batch.ts';

/** What every batch hook receives: one state object (ky's hook shape). */
export interface RunState {
  readonly runId: string;
  readonly attempt: number;
}

/**
 * Batch observability hooks, each given one state object (ky's hook shape) with the run's `runId` and
 * `attempt`. Arrays, so `client.extend()`-style layering can append.
 *
 * @group Batches and root causes
 */
export interface BatchHooks {
  /** The plan is known (every step and its prerequisites), before anything is sent. */
  readonly onPlanReady?: readonly ((state: {
    readonly runId: string;
    readonly attempt: number;
    readonly steps: readonly PlannedStep[];
  }) => void)[];
  /** A step is about to be sent. Returning `false` cancels it (its dependents get 424s). */
  readonly onStepStart?: readonly ((state: {
    readonly runId: string;
    readonly attempt: number;
    readonly step: PlannedStep;
  }) => unknown)[];
  /** A step has its outcome (including synthesised 424s and cancellations). */
  readonly onStepSettled?: readonly ((state: {
    readonly runId: string;
    readonly attempt: number;
    readonly step: PlannedStep;
    readonly result: StepResult;
  }) => void)[];
}
