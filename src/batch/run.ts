import type { DavClient } from '../client/client.ts';
import type { StepResult } from '../model/batch.ts';
import type { RunBatchOptions } from './batch.ts';
import { type CompensateFunction, compensate } from './compensate.ts';
import { type ExecutableStep, executeSteps } from './execute.ts';
import type { BatchHooks } from './hooks.ts';
import { attachInternals } from './internals.ts';
import { BatchResult } from './result.ts';

/** A frozen batch: what every (re)submission runs. */
export interface BatchPlan {
  readonly client: DavClient;
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
 * Runs a batch plan once (attempt `attempt`), keeping the `kept` outcomes, and links the result to
 * this plan so that `retryAfterFix()` can resubmit it.
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
    client: plan.client,
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
    options.atomic && failed ? await compensate(plan.client, planned, steps, plan.compensations) : undefined;
  const result = new BatchResult({
    runId: state.runId,
    attempt,
    baseUrl: plan.client.baseUrl,
    steps,
    plan: planned,
    ...(compensation === undefined ? {} : { compensation }),
  });
  attachInternals(result, {
    client: plan.client,
    steps: plan.steps,
    resubmit: (next, keep, submit) => runBatch(plan, next, keep, { ...options, ...definedOnly(submit) }),
  });
  return result;
}

/** The options that were given (a resubmission's `signal: undefined` must not erase the run's). */
function definedOnly(value: object): RunBatchOptions {
  return Object.fromEntries(
    Object.entries(value).filter(([, each]) => each !== undefined),
  ) as RunBatchOptions;
}
