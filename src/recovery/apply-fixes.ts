import { checkCount } from '../checks/arguments.ts';
import { DavUsageError } from '../errors/transport-errors.ts';
import { DavUnfixableError } from '../errors/unfixable-error.ts';
import type { BatchResultData } from '../model/batch-result.ts';
import type { FixFunction, RetryAfterFixOptions } from '../model/recovery.ts';
import type { RootCause } from '../model/root-cause.ts';
import { type FixerContext, fixers, sleep } from './fixers.ts';

/**
 * Whether davkit's built-in fixers can handle every cause, i.e. whether `retryAfterFix()` without a
 * `fix` function would try rather than reject at once. Handy to show or hide a "retry after fix" button.
 *
 * @example
 * ```ts
 * const causes = result.rootCauses();
 * showRetryButton(fixableAutomatically(causes));
 * ```
 *
 * @group Batches and root causes
 */
export function fixableAutomatically(causes: readonly RootCause[]): boolean {
  return causes.length > 0 && causes.every((cause) => fixers[cause.fix.kind] !== undefined);
}

/** A cause's identity across attempts: the same failure at the same place. */
export function causeKey(cause: RootCause): string {
  return `${cause.status} ${cause.serverPath} ${cause.prop ?? ''} ${cause.fix.kind}`;
}

// Least pause before sending again when a lock came back (or was never seen to go).
const LOCK_REPEAT_PAUSE_MS = 250;

/**
 * What a fix-and-resubmit loop does with the causes of its last answer: `'fix'` them (new causes: one
 * more attempt), or `'stop'` (a cause came back after its fix: the fix did not work). Two exceptions:
 * a transient failure (`retry-later`: no answer, a timeout, a throttle, a 5xx) that comes back is
 * fixed again, as one more attempt (coming back is what transient failures do; `maxAttempts` bounds
 * it); and a lock still held is waited for (`'wait'`, not an attempt) until `deadline`, after which
 * `DavUnfixableError` says so.
 */
export async function nextStep(
  causes: readonly RootCause[],
  fixed: ReadonlySet<string>,
  deadline: number,
  signal: AbortSignal | undefined,
): Promise<'fix' | 'wait' | 'stop'> {
  const recurring = causes.filter((cause) => fixed.has(causeKey(cause)));
  if (recurring.every((cause) => cause.fix.kind === 'retry-later')) {
    return 'fix';
  }
  if (causes.length === 0 || !causes.every((cause) => cause.fix.kind === 'wait-for-unlock')) {
    return 'stop';
  }
  if (Date.now() >= deadline) {
    throw new DavUnfixableError({ causes, reason: 'the lock was still held after maxWaitMs' });
  }
  await sleep(Math.min(LOCK_REPEAT_PAUSE_MS, deadline - Date.now()), signal);
  return 'wait';
}

/**
 * Checks `retryAfterFix()` options: `maxAttempts` a whole number of at least 1, `maxWaitMs` a whole
 * number of ms of at least 0.
 */
export function checkRetryOptions(options: RetryAfterFixOptions): void {
  checkCount(options.maxAttempts, 'maxAttempts', 1);
  checkCount(options.maxWaitMs, 'maxWaitMs', 0);
  if (options.replay !== undefined && options.replay !== 'all' && options.replay !== 'failed') {
    throw new DavUsageError("replay must be 'all' or 'failed'");
  }
}

/**
 * Applies a fix for every cause: the caller's `fix` when given, else the built-in fixers. With no
 * caller fix, any cause without a fixer (or whose fixer fails) rejects at once with
 * {@link DavUnfixableError}, before anything is resubmitted.
 */
export async function applyFixes(
  causes: readonly RootCause[],
  fix: FixFunction | undefined,
  context: FixerContext,
  result?: BatchResultData,
): Promise<void> {
  if (fix !== undefined) {
    await fix(causes, { client: context.session, signal: context.signal });
    return;
  }
  const unfixable = causes.filter((cause) => fixers[cause.fix.kind] === undefined);
  if (unfixable.length > 0) {
    throw new DavUnfixableError({ causes: unfixable, ...(result === undefined ? {} : { result }) });
  }
  for (const cause of causes) {
    try {
      await fixers[cause.fix.kind]?.(cause.fix, context);
    } catch (error) {
      if (context.signal?.aborted) {
        throw error;
      }
      const reason = error instanceof Error ? error.message : String(error);
      throw new DavUnfixableError({
        causes: [cause],
        reason,
        cause: error,
        ...(result === undefined ? {} : { result }),
      });
    }
  }
}
