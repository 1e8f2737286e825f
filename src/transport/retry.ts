import { parseRetryAfter } from '../analysis/retry-after.ts';
import { DavNetworkError } from '../errors/transport-errors.ts';
import { isSafeMethod } from '../model/methods.ts';
import type { OriginLimiter, Slot } from './limiter.ts';
import { runtimeNetworkError } from './runtime.ts';

/** The part of the retry policy the retry decisions need (see `RetryPolicy`). */
export interface RetryRules {
  /** Retries of failures (5xx, 408, network errors) after the first attempt; safe methods only. */
  readonly limit: number;
  /** Throttling answers (429, 503 + `Retry-After`) a request waits out before it reports one. */
  readonly throttleLimit: number;
  /** Statuses worth another attempt. */
  readonly statusCodes: readonly number[];
  /** Longest `Retry-After` honoured, in ms; a longer one is clamped. */
  readonly maxRetryAfter: number;
  /** Upper bound of the exponential backoff between attempts, in ms. */
  readonly backoffLimit: number;
}

/** What to do after an answer (see {@link decideAfterAnswer}). */
export type AnswerDecision =
  /** Hand the answer over. `throttleMs`: the origin still pauses that long. */
  | { readonly kind: 'report'; readonly throttleMs?: number }
  /** The server throttled: pause the origin `throttleMs`, then send again (no retry budget needed). */
  | { readonly kind: 'wait-out'; readonly throttleMs: number }
  /** A failure worth one more attempt after `waitMs`, if the retry budget allows. */
  | { readonly kind: 'retry'; readonly waitMs: number };

/** Retries and throttles a request went through so far. */
export interface RetryCounts {
  readonly retries: number;
  readonly throttles: number;
}

/**
 * The exponential backoff before retry number `retry` (1 for the first): 300 ms, doubled each time,
 * up to `backoffLimit` (ky's curve, kept when davkit took retries over).
 *
 * @example
 * ```ts
 * backoffDelay(3, { backoffLimit: 10_000 }); // 1200
 * ```
 */
export function backoffDelay(retry: number, rules: Pick<RetryRules, 'backoffLimit'>): number {
  return Math.min(0.3 * 2 ** (retry - 1) * 1000, rules.backoffLimit);
}

/**
 * How long an answer throttles its origin: a 429 (its `Retry-After`, or the backoff without one), a
 * 503 with `Retry-After`; `undefined` for any other answer. Clamped to `maxRetryAfter`.
 *
 * @example
 * ```ts
 * throttleDelay(429, '2', rules, 1); // 2000
 * throttleDelay(503, null, rules, 1); // undefined: a 503 without Retry-After is a failure, not a throttle
 * ```
 */
export function throttleDelay(
  status: number,
  retryAfter: string | null,
  rules: Pick<RetryRules, 'maxRetryAfter' | 'backoffLimit'>,
  throttles: number,
): number | undefined {
  const after = parseRetryAfter(retryAfter ?? undefined);
  if (status === 429) {
    return Math.min(after ?? backoffDelay(throttles + 1, rules), rules.maxRetryAfter);
  }
  if (status === 503 && after !== undefined) {
    return Math.min(after, rules.maxRetryAfter);
  }
  return undefined;
}

/**
 * What davkit does after an answer. Safe methods wait out throttling and retry the listed failures
 * (a 413 only with `Retry-After`). Unsafe methods are never repeated blindly: only a 429 is waited
 * out and sent again (the server refused it unprocessed, RFC 6585); a 503 or any other failure is
 * reported (`verify: true` finds out whether an ambiguous write landed). A stream body cannot be
 * sent twice.
 *
 * @example
 * ```ts
 * decideAfterAnswer('PUT', 429, '1', true, { retries: 0, throttles: 0 }, rules); // { kind: 'wait-out', throttleMs: 1000 }
 * decideAfterAnswer('PUT', 503, '1', true, { retries: 0, throttles: 0 }, rules); // { kind: 'report', throttleMs: 1000 }
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc6585#section-4
 */
export function decideAfterAnswer(
  method: string,
  status: number,
  retryAfter: string | null,
  replayable: boolean,
  counts: RetryCounts,
  rules: RetryRules,
): AnswerDecision {
  const throttleMs = throttleDelay(status, retryAfter, rules, counts.throttles);
  const listed = rules.statusCodes.includes(status);
  const safe = isSafeMethod(method);
  if (throttleMs !== undefined) {
    const waits = listed && replayable && (safe || status === 429) && counts.throttles < rules.throttleLimit;
    return waits ? { kind: 'wait-out', throttleMs } : { kind: 'report', throttleMs };
  }
  if (!listed || !safe || !replayable || counts.retries >= rules.limit) {
    return { kind: 'report' };
  }
  const after = parseRetryAfter(retryAfter ?? undefined);
  if (status === 413 && after === undefined) {
    return { kind: 'report' };
  }
  return {
    kind: 'retry',
    waitMs: Math.min(after ?? backoffDelay(counts.retries + 1, rules), rules.maxRetryAfter),
  };
}

/**
 * Waits `ms` before a retry; an abort ends the wait at once (the next attempt then sees the aborted
 * signal and reports it).
 *
 * @example
 * ```ts
 * await sleep(backoffDelay(1, rules), call.signal);
 * ```
 */
export function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) {
      resolve();
      return;
    }
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** What one send gave: an answer, or the davkit error for none (and what the runtime threw). */
export type Outcome =
  | { readonly kind: 'answer'; readonly response: Response }
  | { readonly kind: 'no-answer'; readonly error: Error; readonly cause: unknown };

/** What the transport does next (see {@link nextMove}). */
export type Move =
  | { readonly kind: 'return'; readonly response: Response }
  | { readonly kind: 'throw'; readonly error: Error }
  | { readonly kind: 'again'; readonly waitMs: number; readonly reason: Error; readonly counts: RetryCounts };

/** A request as the retry rules see it. */
export interface RetryContext {
  readonly method: string;
  readonly replayable: boolean;
  readonly counts: RetryCounts;
  readonly rules: RetryRules;
}

/**
 * Releases the slot with what the outcome says (a throttle pauses the origin) and decides: hand the
 * answer over, throw, or send again, after `waitMs` (a throttle's wait is the origin's pause, spent
 * waiting for the next slot). A retry of a failure takes one from the origin's retry budget.
 *
 * @example
 * ```ts
 * const next = nextMove({ kind: 'answer', response }, { method: 'GET', replayable: true, counts, rules }, limiter, slot);
 * ```
 */
export function nextMove(outcome: Outcome, context: RetryContext, limiter: OriginLimiter, slot: Slot): Move {
  const { method, replayable, counts, rules } = context;
  if (outcome.kind === 'no-answer') {
    slot.release({ kind: 'failed' });
    // A network error is retried, unless the runtime says asking again cannot help (Deno's NotCapable).
    const retry =
      outcome.error instanceof DavNetworkError &&
      runtimeNetworkError(outcome.cause)?.retry !== false &&
      isSafeMethod(method) &&
      replayable &&
      counts.retries < rules.limit &&
      limiter.takeRetry();
    if (!retry) {
      return { kind: 'throw', error: outcome.error };
    }
    const next = { ...counts, retries: counts.retries + 1 };
    return { kind: 'again', waitMs: backoffDelay(next.retries, rules), reason: outcome.error, counts: next };
  }
  const { response } = outcome;
  const decision = decideAfterAnswer(
    method,
    response.status,
    response.headers.get('retry-after'),
    replayable,
    counts,
    rules,
  );
  const throttleMs = decision.kind === 'retry' ? undefined : decision.throttleMs;
  slot.release(
    throttleMs !== undefined
      ? { kind: 'throttled', waitMs: throttleMs }
      : { kind: response.status >= 500 ? 'failed' : 'answered' },
  );
  if (decision.kind === 'report' || (decision.kind === 'retry' && !limiter.takeRetry())) {
    return { kind: 'return', response };
  }
  const reason = new Error(`HTTP ${response.status}`);
  return decision.kind === 'wait-out'
    ? { kind: 'again', waitMs: 0, reason, counts: { ...counts, throttles: counts.throttles + 1 } }
    : { kind: 'again', waitMs: decision.waitMs, reason, counts: { ...counts, retries: counts.retries + 1 } };
}
