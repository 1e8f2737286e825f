import type { StepResult } from '../model/batch.ts';
import type { Session } from '../session/session.ts';
import { compensate } from './compensate.ts';
import { type ExecutableStep, executeSteps } from './execute.ts';
import type { BatchHooks } from './hooks.ts';
import type { CompensateFunction, RunBatchOptions } from './options.ts';
import { batchReplay } from './replay.ts';
import { attachBatchReplay, BatchResult } from './result.ts';

/** A frozen batch: what every (re)submission runs. */
export interface BatchPlan {
  readonly session: Session;
  readonly steps: readonly ExecutableStep[];
  readonly compensations: ReadonlyMap<string, CompensateFunction>;
  readonly concurrency: number;
  readonly failFast: boolean;
  readonly hooks: BatchHooks;
  readonly correlationHeader: string | undefined;
}

function newRunId(): string {
  const random = globalThis.crypto?.randomUUID?.();
  return random ?? `run-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

/**
 * Runs a batch plan once (attempt `attempt`), keeping the `kept` outcomes, and hands the result the
 * way to resubmit this plan, so that `retryAfterFix()` can.
 */
export async function runBatch(
  plan: BatchPlan,
  attempt: number,
  kept: ReadonlyMap<string, StepResult>,
  options: RunBatchOptions,
): Promise<BatchResult> {
  const state = { runId: newRunId(), attempt };
  const planned = plan.steps.map((step) => step.planned);
  for (const hook of plan.hooks.onPlanReady ?? []) {
    hook({ ...state, steps: planned });
  }
  const steps = await executeSteps(plan.steps, {
    session: plan.session,
    concurrency: plan.concurrency,
    failFast: options.failFast ?? plan.failFast,
    signal: options.signal,
    hooks: plan.hooks,
    state,
    kept,
    correlationHeader: plan.correlationHeader,
    forceLockTokens: options.lockTokens === true,
  });
  const failed = steps.some((step) => step.kind !== 'success');
  const compensation =
    options.atomic && failed ? await compensate(plan.session, planned, steps, plan.compensations) : undefined;
  const result = new BatchResult({
    runId: state.runId,
    attempt,
    baseUrl: plan.session.baseUrl,
    steps,
    plan: planned,
    ...(compensation === undefined ? {} : { compensation }),
  });
  const rerun = (
    next: number,
    keep: ReadonlyMap<string, StepResult>,
    again: { lockTokens: boolean; signal: AbortSignal | undefined },
  ) =>
    runBatch(plan, next, keep, {
      ...options,
      // A resubmission's own signal governs it; without one, the run's stays.
      ...(again.signal === undefined ? {} : { signal: again.signal }),
      ...(again.lockTokens ? { lockTokens: true as const } : {}),
    });
  attachBatchReplay(result, batchReplay(plan.session, result, rerun), rerun);
  return result;
}
