import type { BatchInternals } from '../batch/internals.ts';
import type { BatchResult } from '../batch/result.ts';
import type { StepResult } from '../model/batch.ts';
import { factsOf } from '../model/methods.ts';
import {
  applyFixes,
  causeKey,
  checkRetryOptions,
  type FixFunction,
  nextStep,
  type RetryAfterFixOptions,
} from './apply-fixes.ts';

/** The outcomes a resubmission keeps instead of running the steps again. */
export function keptOutcomes(result: BatchResult, replay: 'all' | 'failed'): Map<string, StepResult> {
  const kept = new Map<string, StepResult>();
  for (const step of result.steps) {
    if (step.kind === 'success' && (replay === 'failed' || factsOf(step.method)?.repeatable === false)) {
      kept.set(step.id, step);
    }
  }
  return kept;
}

/**
 * Fixes a batch's root causes and resubmits the whole batch, in dependency order, until it succeeds,
 * `maxAttempts` resubmissions have run, or a root cause returns after its fix: never an endless
 * loop. Resolves with the last result.
 */
export async function retryBatchAfterFix(
  result: BatchResult,
  internals: BatchInternals,
  fix: FixFunction | undefined,
  options: RetryAfterFixOptions,
): Promise<BatchResult> {
  checkRetryOptions(options);
  const maxAttempts = options.maxAttempts ?? 3;
  const deadline = Date.now() + (options.maxWaitMs ?? 60_000);
  const context = { client: internals.client, signal: options.signal, deadline };
  let current = result;
  let fixed = new Set<string>();
  for (let attempt = 0; attempt < maxAttempts && !current.ok; ) {
    options.signal?.throwIfAborted();
    const causes = current.rootCauses();
    const step = await nextStep(causes, fixed, deadline, options.signal);
    if (step === 'stop') {
      break;
    }
    attempt += step === 'fix' ? 1 : 0;
    await applyFixes(causes, fix, context, current);
    fixed = new Set(causes.map(causeKey));
    const submitTokens = causes.some((cause) => cause.fix.kind === 'submit-lock-token');
    current = await internals.resubmit(current.attempt + 1, keptOutcomes(current, options.replay ?? 'all'), {
      signal: options.signal,
      ...(submitTokens ? { lockTokens: true } : {}),
    });
  }
  return current;
}
