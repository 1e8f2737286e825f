import { isDavHttpError } from '../errors/guards.ts';
import { DavUnfixableError } from '../errors/unfixable-error.ts';
import type { FixFunction } from '../model/recovery.ts';
import type { RootCause } from '../model/root-cause.ts';
import { operations } from '../operations/operations.ts';
import { fixers, sleep } from '../recovery/fixers.ts';
import type { Session } from '../session/session.ts';
import type { TransferCause, UploadFixFunction } from './types.ts';

// Statuses a chunk can be re-sent after: a ranged write at a fixed offset is idempotent.
const TRANSIENT = new Set([408, 429, 500, 502, 503, 504]);

/**
 * A chunk refused with 401: a chunk read from a file goes as a stream, which the transport cannot send
 * again after an authentication challenge (a Digest nonce gone stale, a bearer token expired). A
 * request without a body answers the challenge; then the chunk is sent again with the new
 * credentials. Credentials that are simply wrong fail that request too, and the upload stops there.
 */
function challengedWrite(cause: RootCause): boolean {
  return cause.status === 401 && (cause.method === 'PUT' || cause.method === 'PATCH');
}

/** Any answer but a 401 to a request without a body means the credentials were renewed. */
async function answerChallenge(session: Session, signal: AbortSignal | undefined) {
  const propfind = operations.propfind('/', { depth: 0, props: ['{DAV:}resourcetype'] });
  try {
    await session.run(propfind, signal ? { signal } : {});
  } catch (error) {
    if (!isDavHttpError(error) || error.status === 401) {
      throw error;
    }
  }
}

/**
 * Whether an upload re-sends what a cause failed by itself: no answer (a reset, a timeout), a
 * throttle or a 5xx, a lock on the target that will go (waited for, as the lock fixer does), or an
 * authentication challenge a chunk could not answer.
 *
 * @example
 * ```ts
 * recoverable({ status: 503, fix: { kind: 'retry-later' }, … }); // true
 * ```
 */
export function recoverable(cause: RootCause): boolean {
  return (
    cause.fix.kind === 'retry-later' ||
    cause.fix.kind === 'wait-for-unlock' ||
    TRANSIENT.has(cause.status) ||
    challengedWrite(cause)
  );
}

/**
 * The fix an upload applies by itself before re-sending: waits out a lock (the built-in lock fixer),
 * answers an authentication challenge, waits a `Retry-After` or a pause that grows with each call
 * after a reset or a 5xx, all within `deadline`.
 *
 * @example
 * ```ts
 * await fixAndResubmit(session, attempt, waitToResend(session, Date.now() + 60_000), { maxAttempts: 3 });
 * ```
 */
export function waitToResend(session: Session, deadline: number): FixFunction {
  let round = 0;
  return async (causes, { signal }) => {
    for (const cause of causes) {
      if (cause.fix.kind === 'wait-for-unlock') {
        await fixers['wait-for-unlock']?.(cause.fix, { session, signal, deadline });
      }
    }
    if (causes.some(challengedWrite)) {
      await answerChallenge(session, signal);
    }
    const others = causes.filter((cause) => cause.fix.kind !== 'wait-for-unlock' && !challengedWrite(cause));
    if (others.length === 0) {
      return;
    }
    const asked = Math.max(
      0,
      ...others.map((cause) => (cause.fix.kind === 'retry-later' ? (cause.fix.afterMs ?? 0) : 0)),
    );
    const pause = Math.max(asked, Math.min(200 * 2 ** round++, 5000));
    if (Date.now() + pause > deadline) {
      throw new DavUnfixableError({ causes: others, reason: `a pause of ${pause} ms goes beyond maxWaitMs` });
    }
    await sleep(pause, signal);
  };
}

/**
 * The caller's fix, or davkit's built-in fixers, applied to an upload's causes told in its own terms
 * (`describe`): a cause no fixer handles rejects with `DavUnfixableError` before anything is re-sent.
 *
 * @example
 * ```ts
 * batchResult.retryAfterFix(fixInUploadTerms(session, fix, describe, deadline));
 * ```
 */
export function fixInUploadTerms(
  session: Session,
  fix: UploadFixFunction | undefined,
  describe: (cause: RootCause) => TransferCause,
  deadline: number,
): FixFunction {
  return async (causes, context) => {
    const told = causes.map(describe);
    if (fix !== undefined) {
      await fix(told, context);
      return;
    }
    const unfixable = told.filter((cause) => fixers[cause.fix.kind] === undefined);
    if (unfixable.length > 0) {
      throw new DavUnfixableError({ causes: unfixable });
    }
    for (const cause of told) {
      await fixers[cause.fix.kind]?.(cause.fix, { session, signal: context.signal, deadline });
    }
  };
}
