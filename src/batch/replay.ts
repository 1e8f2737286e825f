import type { StepResult } from '../model/batch.ts';
import { factsOf } from '../model/methods.ts';
import type { Replay } from '../model/recovery.ts';
import { type Attempt, fixAndResubmit } from '../recovery/loop.ts';
import type { Session } from '../session/session.ts';
import { type BatchResult, batchRerunOf, type Rerun } from './result.ts';

/**
 * The outcomes a resubmission keeps instead of running the steps again: with `'all'`, those of the
 * steps that succeeded and are not repeatable (`MethodFacts.repeatable`: MKCOL, LOCK, UNLOCK, COPY,
 * MOVE, DELETE); with `'failed'`, every success.
 */
export function keptOutcomes(result: BatchResult, replay: 'all' | 'failed'): Map<string, StepResult> {
  const kept = new Map<string, StepResult>();
  for (const step of result.steps) {
    if (step.kind === 'success' && (replay === 'failed' || factsOf(step.method)?.repeatable === false)) {
      kept.set(step.id, step);
    }
  }
  return kept;
}

function attemptOf(
  result: BatchResult,
  rerun: Rerun,
  replay: 'all' | 'failed',
  signal: AbortSignal | undefined,
): Attempt<BatchResult> {
  return {
    ok: result.ok,
    causes: () => result.rootCauses(),
    result,
    settle: () => result,
    resubmit: async (lockTokens) =>
      attemptOf(
        await rerun(result.attempt + 1, keptOutcomes(result, replay), { lockTokens, signal }),
        rerun,
        replay,
        signal,
      ),
  };
}

/**
 * A batch result as one answer of the fix-and-resubmit loop (`fixAndResubmit`), for a feature that
 * runs the loop over a batch itself (an upload, which stops on causes it cannot re-send and keeps its
 * last result): resubmitting runs the same plan again. `undefined` for a copy, which cannot send.
 *
 * @example
 * ```ts
 * const attempt = batchAttempt(result, 'failed', signal);
 * ```
 */
export function batchAttempt(
  result: BatchResult,
  replay: 'all' | 'failed',
  signal: AbortSignal | undefined,
): Attempt<BatchResult> | undefined {
  const rerun = batchRerunOf(result);
  return rerun === undefined ? undefined : attemptOf(result, rerun, replay, signal);
}

/**
 * How to fix a batch's root causes and resubmit it in dependency order, through the one recovery
 * loop: what a run hands the result it produced. Resolves with the last result.
 *
 * @example
 * ```ts
 * attachBatchReplay(result, batchReplay(session, result, rerun));
 * ```
 */
export function batchReplay(session: Session, result: BatchResult, rerun: Rerun): Replay<BatchResult> {
  return (fix, options) =>
    fixAndResubmit(
      session,
      attemptOf(result, rerun, options.replay ?? 'failed', options.signal),
      fix,
      options,
    );
}
