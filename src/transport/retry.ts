import { isSafeMethod } from '../model/methods.ts';
import { runtimeNetworkError } from './runtime.ts';

/** The part of the retry policy the status gate needs. */
export interface StatusRetryPolicy {
  /** Retries after the first attempt. */
  readonly limit: number;
  /** Statuses worth another attempt. */
  readonly statusCodes: readonly number[];
}

/**
 * ky's `throwHttpErrors` predicate for one request, so that ky retries a failed status exactly when
 * davkit's policy wants it and hands every other response back unread.
 *
 * Why a predicate: ky only retries a status it throws an `HTTPError` for, and an `HTTPError` has
 * already consumed the body (davkit needs it for `DavHttpError`: snippets, `DAV:error` conditions,
 * Apache's multistatus). With `throwHttpErrors: false` ky never retried a 503 at all. The predicate
 * says "throw" (so ky waits, honouring `Retry-After`, and retries) only while retries remain, and
 * "don't throw" for the last answer, which then reaches davkit intact. Unsafe methods never throw
 * here, so they are never retried.
 *
 * @example
 * ```ts
 * const gate = statusRetryGate('PROPFIND', { limit: 1, statusCodes: [503] });
 * gate(503); // true: ky retries
 * gate(503); // false: the second 503 is returned as the answer
 * statusRetryGate('PUT', { limit: 2, statusCodes: [503] })(503); // false: never retried
 * ```
 */
export function statusRetryGate(method: string, policy: StatusRetryPolicy): (status: number) => boolean {
  if (!isSafeMethod(method)) {
    return () => false;
  }
  let retries = 0;
  return (status) => {
    if (retries >= policy.limit || !policy.statusCodes.includes(status)) {
      return false;
    }
    retries++;
    return true;
  };
}

/** What davkit needs from a ky `HTTPError`. */
export interface ThrownAnswer {
  readonly response: Response;
  /** The body ky already read: text, parsed JSON, or `undefined` when empty or unreadable. */
  readonly data?: unknown;
}

const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

/**
 * The answer inside an `HTTPError` that ky threw although the gate expected a retry (ky declines some,
 * e.g. a 413 without `Retry-After`). Its body was consumed into `data`, so the response is rebuilt
 * from it: the caller then gets a `DavHttpError` like for any other failed status, never ky's error.
 *
 * @example
 * ```ts
 * const response = answerOfHttpError(kyError); // same status and headers, body from kyError.data
 * ```
 */
export function answerOfHttpError(error: ThrownAnswer): Response {
  const { response, data } = error;
  let body: string | null = null;
  if (typeof data === 'string') {
    body = data;
  } else if (data !== undefined) {
    body = JSON.stringify(data);
  }
  return new Response(NULL_BODY_STATUSES.has(response.status) ? null : body, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
}

/**
 * ky's `shouldRetry` for errors without an answer: a runtime network error ky does not know (Bun's
 * `ECONNRESET: …`, workerd's `Network connection lost.`) is retried like the ones it knows, one that
 * asking again cannot fix (Deno's `NotCapable`) is not; anything else is left to ky's own rules
 * (`undefined`). ky asks only for the methods it may retry, the safe ones.
 *
 * @example
 * ```ts
 * ky.create({ retry: { limit: 2, shouldRetry: retryRuntimeNetworkError } });
 * ```
 */
export function retryRuntimeNetworkError({ error }: { readonly error: unknown }): boolean | undefined {
  return runtimeNetworkError(error)?.retry;
}
