import { requestRootCauses } from '../analysis/request-causes.ts';
import type { DavHttpError } from '../errors/dav-http-error.ts';
import { isDavHttpError } from '../errors/guards.ts';
import type { Replay } from '../model/recovery.ts';
import type { RunOptions } from '../operations/call-options.ts';
import type { Operation } from '../operations/operation.ts';
import type { Session } from '../session/session.ts';
import type { Attempt } from './loop.ts';

/** A request that failed: its causes, and how to send it again. */
function failed<T>(error: DavHttpError, again: (lockTokens: boolean) => Promise<T>): Attempt<T> {
  return {
    ok: false,
    causes: () => requestRootCauses(error),
    resubmit: (lockTokens) =>
      again(lockTokens).then(
        (value) => succeeded(value),
        (next: unknown) => {
          // Another refusal is the next round's subject; anything else (a network error) ends the loop.
          if (isDavHttpError(next)) {
            return failed(next, again);
          }
          throw next;
        },
      ),
    settle: () => {
      throw error;
    },
  };
}

function succeeded<T>(value: T): Attempt<T> {
  return {
    ok: true,
    causes: () => [],
    resubmit: () => Promise.resolve(succeeded(value)),
    settle: () => value,
  };
}

/**
 * How to fix and resend one request that a session sent: what the session hands the error it threw
 * (see `attachReplay`). Resolves with the request's value; rejects with the last error.
 *
 * @example
 * ```ts
 * attachReplay(error, requestReplay(session, operation, options, error));
 * ```
 */
export function requestReplay<T>(
  session: Session,
  operation: Operation<T>,
  options: RunOptions,
  error: DavHttpError,
): Replay<T> {
  const again = (lockTokens: boolean) =>
    session.run(operation, lockTokens ? { ...options, lockTokens: true } : options);
  return async (fix, retryOptions) => {
    // The fixers load with the first `retryAfterFix()`: an app that never calls it does not carry them.
    const { fixAndResubmit } = await import('./loop.ts');
    return fixAndResubmit(session, failed(error, again), fix, retryOptions);
  };
}
