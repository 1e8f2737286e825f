import type { PlannedStep, StepFailure } from '../model/batch.ts';
import type { BatchResultData } from '../model/batch-result.ts';
import type { Dependent, LockKnowledge, RootCause } from '../model/root-cause.ts';
import { resolveUrl } from '../transport/url.ts';
import { urlPath } from '../utils/href.ts';
import { causesFromFailedRequest } from './error-causes.ts';
import { knowledgeOf } from './lock-snapshot.ts';

function serverPath(base: URL, path: string): string {
  return urlPath(resolveUrl(base, path));
}

/** Root causes of a step that failed without an HTTP answer (network, timeout, parse…). */
function transportCause(step: StepFailure, path: string): RootCause {
  const error = step.error;
  const transient = error.kind === 'network' || error.kind === 'timeout';
  return {
    status: 0,
    path,
    step: step.id,
    method: step.method,
    description: 'message' in error ? error.message : error.kind,
    dependents: [],
    fix: transient ? { kind: 'retry-later' } : { kind: 'none' },
  };
}

function stepCauses(
  step: StepFailure,
  planned: PlannedStep | undefined,
  base: URL,
  locks?: LockKnowledge,
): RootCause[] {
  const path = serverPath(base, step.path);
  const known = locks ?? (step.locks === undefined ? undefined : knowledgeOf(step.locks));
  if (step.status === undefined) {
    return [transportCause(step, path)];
  }
  const destination = step.destination === undefined ? undefined : serverPath(base, step.destination);
  const request = {
    method: step.method,
    url: resolveUrl(base, step.path).href,
    path,
    ...(destination === undefined ? {} : { destinationPath: destination }),
  };
  const headers = {
    ...(planned?.headers ?? {}),
    ...(step.retryAfterMs === undefined
      ? {}
      : { 'retry-after': String(Math.ceil(step.retryAfterMs / 1000)) }),
  };
  return causesFromFailedRequest(
    {
      status: step.status,
      request,
      multistatus: step.multistatus,
      conditions: step.conditions,
      headers,
      discoveredLock: step.discoveredLock,
      unrequested: step.unrequested,
    },
    known,
    planned?.headers,
  ).map((cause) => ({ ...cause, step: step.id, method: step.method }));
}

/**
 * Root causes of a batch run: each failed step's own causes (inner ones for a step that failed inside
 * its multistatus), with every step it short-circuited as a dependent. Lock fixes use `locks` when
 * given, else the locks each failed step records its client held when it was sent.
 */
export function causesFromBatch(result: BatchResultData, locks?: LockKnowledge): RootCause[] {
  const base = new URL(result.baseUrl);
  const plan = new Map(result.plan.map((step) => [step.id, step]));
  const blocked = new Map<string, Dependent[]>();
  for (const step of result.steps) {
    if (step.kind === 'failed-dependency') {
      const list = blocked.get(step.failedPrerequisite.step) ?? [];
      list.push({ path: serverPath(base, step.path), step: step.id });
      blocked.set(step.failedPrerequisite.step, list);
    }
  }
  return result.steps
    .filter((step): step is StepFailure => step.kind === 'failure')
    .flatMap((step) =>
      stepCauses(step, plan.get(step.id), base, locks).map((cause) => ({
        ...cause,
        dependents: [...cause.dependents, ...(blocked.get(step.id) ?? [])],
      })),
    );
}

/** Whether a value is batch result data (an original or a structuredClone'd copy). */
export function isBatchResultData(value: unknown): value is BatchResultData {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'batch-result';
}
