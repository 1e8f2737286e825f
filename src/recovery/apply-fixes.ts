import type { RootCause } from '../analysis/types.ts';
import type { BatchResultData } from '../batch/result-data.ts';
import type { DavClient } from '../client/client.ts';
import { DavUnfixableError } from '../errors/unfixable-error.ts';
import { type FixContext, fixers } from './fixers.ts';

/** Your own fix: do whatever resolves the causes (release a lock, free space…), then return. */
export type FixFunction = (
  causes: readonly RootCause[],
  context: { readonly client: DavClient; readonly signal?: AbortSignal | undefined },
) => unknown;

/** Options of `retryAfterFix()`. */
export interface RetryAfterFixOptions {
  /** Resubmissions at most (default 3). */
  readonly maxAttempts?: number;
  /** Longest total wait for locks to go or `Retry-After` delays, in ms (default 60 000). */
  readonly maxWaitMs?: number;
  readonly signal?: AbortSignal;
  /**
   * `'all'` (default): the whole batch runs again, except steps that succeeded and are not safe to
   * repeat (MKCOL, LOCK, UNLOCK, COPY, MOVE, DELETE), which keep their outcome. `'failed'`: only
   * failed and short-circuited steps run again.
   */
  readonly replay?: 'all' | 'failed';
}

/**
 * Whether davkit's built-in fixers can handle every cause, i.e. whether `retryAfterFix()` without a
 * `fix` function would try rather than reject at once. Handy to show or hide a "retry after fix" button.
 *
 * @example
 * ```ts
 * const causes = result.rootCauses();
 * showRetryButton(fixableAutomatically(causes));
 * ```
 */
export function fixableAutomatically(causes: readonly RootCause[]): boolean {
  return causes.length > 0 && causes.every((cause) => fixers[cause.fix.kind] !== undefined);
}

/** A cause's identity across attempts: the same failure at the same place. */
export function causeKey(cause: RootCause): string {
  return `${cause.status} ${cause.path} ${cause.prop ?? ''} ${cause.fix.kind}`;
}

/**
 * Applies a fix for every cause: the caller's `fix` when given, else the built-in fixers. With no
 * caller fix, any cause without a fixer (or whose fixer fails) rejects at once with
 * {@link DavUnfixableError}, before anything is resubmitted.
 */
export async function applyFixes(
  causes: readonly RootCause[],
  fix: FixFunction | undefined,
  context: FixContext,
  result?: BatchResultData,
): Promise<void> {
  if (fix !== undefined) {
    await fix(causes, { client: context.client, signal: context.signal });
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
