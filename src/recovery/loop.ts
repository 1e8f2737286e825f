import type { BatchResultData } from '../model/batch-result.ts';
import type { FixFunction, RetryAfterFixOptions } from '../model/recovery.ts';
import type { RootCause } from '../model/root-cause.ts';
import type { Session } from '../session/session.ts';
import { applyFixes, causeKey, checkRetryOptions, nextStep } from './apply-fixes.ts';

/**
 * One answer in a fix-and-resubmit loop, whatever was sent: a request (its error, or its value) or a
 * whole batch (its result). The loop knows nothing else of it.
 */
export interface Attempt<R> {
  /** Nothing failed: the loop is done. */
  readonly ok: boolean;
  /** The root causes of the failure (none when `ok`). */
  causes(): readonly RootCause[];
  /** Sends the same again (`lockTokens`: submit every held token, a lock fix asked for it). */
  resubmit(lockTokens: boolean): Promise<Attempt<R>>;
  /** What the loop ends with: the value, or the last failure thrown. */
  settle(): R;
  /** The batch result, when a batch was sent (a `DavUnfixableError` carries it). */
  readonly result?: BatchResultData;
}

/**
 * The one fix-and-resubmit loop, for a request and for a batch: fix the causes of the last answer
 * (your `fix`, or davkit's fixers, which check that each cause is gone), send again, until nothing
 * fails, `maxAttempts` resubmissions have run, or a cause returns after its fix: never an endless
 * loop. A lock still held is waited for (within `maxWaitMs`), not counted as an attempt. Every wait
 * can be aborted.
 *
 * @example
 * ```ts
 * const value = await fixAndResubmit(session, failedAttempt, undefined, { maxAttempts: 3 });
 * ```
 */
export async function fixAndResubmit<R>(
  session: Session,
  first: Attempt<R>,
  fix: FixFunction | undefined,
  options: RetryAfterFixOptions,
): Promise<R> {
  checkRetryOptions(options);
  const maxAttempts = options.maxAttempts ?? 3;
  const deadline = Date.now() + (options.maxWaitMs ?? 60_000);
  const context = { session, signal: options.signal, deadline };
  let current = first;
  let fixed = new Set<string>();
  for (let attempt = 0; attempt < maxAttempts && !current.ok; ) {
    options.signal?.throwIfAborted();
    const causes = current.causes();
    const step = await nextStep(causes, fixed, deadline, options.signal);
    if (step === 'stop') {
      break;
    }
    attempt += step === 'fix' ? 1 : 0;
    await applyFixes(causes, fix, context, current.result);
    fixed = new Set(causes.map(causeKey));
    current = await current.resubmit(causes.some((cause) => cause.fix.kind === 'submit-lock-token'));
  }
  return current.settle();
}
