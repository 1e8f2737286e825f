import type { PlannedStep, StepFailure } from '../model/batch.ts';
import type { BatchResultData } from '../model/batch-result.ts';
import type { Dependent, LockKnowledge, RootCause } from '../model/root-cause.ts';
import { causesFromFailedRequest } from './error-causes.ts';
import { knowledgeOf } from './lock-snapshot.ts';

/** Root causes of a step that failed without an HTTP answer (network, timeout, parse…). */
function transportCause(step: StepFailure): RootCause {
  const error = step.error;
  const transient = error.kind === 'network' || error.kind === 'timeout';
  return {
    status: 0,
    path: step.serverPath,
    serverPath: step.serverPath,
    description: 'message' in error ? error.message : error.kind,
    dependents: [],
    fix: transient ? { kind: 'retry-later' } : { kind: 'none' },
  };
}

/**
 * The causes of one failed step, read from what the step kept: its request as it was sent (paths,
 * condition headers, the locks its client held), its answer's multistatus and conditions, and
 * `retryAfterMs`. Nothing is resolved again.
 */
function stepCauses(step: StepFailure, planned: PlannedStep | undefined, locks?: LockKnowledge): RootCause[] {
  const known = locks ?? (step.locks === undefined ? undefined : knowledgeOf(step.locks));
  const causes =
    step.status === undefined || step.request === undefined
      ? [transportCause(step)]
      : causesFromFailedRequest(
          {
            status: step.status,
            request: step.request,
            multistatus: step.multistatus,
            conditions: step.conditions,
            retryAfterMs: step.retryAfterMs,
            discoveredLock: step.discoveredLock,
            unrequested: step.unrequested,
          },
          known,
        );
  return causes.map((cause) => ({ ...cause, step: step.id, method: planned?.method ?? step.method }));
}

/**
 * Root causes of a batch run (in server paths): each failed step's own causes (inner ones for a step
 * that failed inside its multistatus), with every step it short-circuited as a dependent. Lock fixes
 * use `locks` when given, else the locks each failed step records its client held when it was sent.
 */
export function causesFromBatch(result: BatchResultData, locks?: LockKnowledge): RootCause[] {
  const plan = new Map(result.plan.map((step) => [step.id, step]));
  const blocked = new Map<string, Dependent[]>();
  for (const step of result.steps) {
    if (step.kind === 'failed-dependency') {
      const serverPath = plan.get(step.id)?.serverPath ?? step.path;
      const list = blocked.get(step.failedPrerequisite.step) ?? [];
      list.push({ path: serverPath, step: step.id });
      blocked.set(step.failedPrerequisite.step, list);
    }
  }
  return result.steps
    .filter((step): step is StepFailure => step.kind === 'failure')
    .flatMap((step) =>
      stepCauses(step, plan.get(step.id), locks).map((cause) => ({
        ...cause,
        dependents: [...cause.dependents, ...(blocked.get(step.id) ?? [])],
      })),
    );
}
