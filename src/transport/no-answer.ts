import { isKyError, isNetworkError, isTimeoutError } from 'ky';
import {
  DavAbortError,
  DavNetworkError,
  DavTimeoutError,
  DavUsageError,
} from '../errors/transport-errors.ts';
import type { DavRequestInfo } from '../model/request-info.ts';
import type { Redactor } from './redactor.ts';
import type { CallOptions, RequestSpec } from './request-spec.ts';
import { CORS_HINT, isBrowserLike, pageOrigin, refusedMethodOf, runtimeNetworkError } from './runtime.ts';

/** An attempt that got no HTTP answer, as far as its error needs it. */
export interface FailedAttempt {
  readonly spec: RequestSpec;
  readonly url: URL;
  readonly call: CallOptions;
  readonly timeout: number | false;
  readonly request: DavRequestInfo;
  /** The client's redactor with the secrets sent so far: a message may quote them (a proxy's error). */
  readonly redactor: Redactor;
}

function describeCause(cause: unknown, redactor: Redactor): string {
  const inner = (cause as { cause?: unknown }).cause;
  const message = cause instanceof Error ? cause.message : String(cause);
  const detail = inner instanceof Error ? `${message} (${inner.message})` : message;
  // Only a detail that is a URL is read as one: parsing "ECONNRESET: The socket…" (Bun) as a URL
  // would lower-case its "scheme".
  const redacted = /^[a-z][a-z\d+.-]*:\/\//i.test(detail) ? redactor.url(detail) : redactor.text(detail);
  return redacted.replace(/\s+/g, ' ').slice(0, 200);
}

/**
 * The davkit error for a request that got no HTTP answer: aborted, timed out, or a network failure
 * (with the CORS hint in a browser, where a refused preflight looks exactly like one, and the runtime's
 * hint for the errors in `RUNTIME_NETWORK_ERRORS`, e.g. Deno's missing `--allow-net`). Its `cause` is a
 * redacted copy: ky's errors hold the `Request`, `Authorization` header included. An error thrown by
 * the caller's own code (a hook, an injected fetch) is returned as it is.
 *
 * @example
 * ```ts
 * throw noAnswerError(cause, { spec, url, call, timeout, request, redactor });
 * ```
 */
export function noAnswerError(cause: unknown, attempt: FailedAttempt): Error {
  const { spec, url, call, timeout, request, redactor } = attempt;
  const context = { method: spec.method, url: request.url, cause: redactor.cause(cause) };
  if (call.signal?.aborted) {
    return new DavAbortError(context);
  }
  if (isTimeoutError(cause)) {
    return new DavTimeoutError({ ...context, timeout: timeout === false ? 0 : timeout });
  }
  const runtime = refusedMethodOf(cause);
  if (runtime !== undefined) {
    return new DavUsageError(
      `${runtime}'s fetch does not send the method ${spec.method} (it sends only the methods on its own list); nothing was sent`,
      { cause: redactor.cause(cause) },
    );
  }
  const known = runtimeNetworkError(cause);
  if (known !== undefined) {
    const hint = known.hint?.replaceAll('{host}', url.host);
    return new DavNetworkError({
      ...context,
      detail: describeCause(cause, redactor),
      ...(hint === undefined ? {} : { hint }),
    });
  }
  if (isNetworkError(cause) || cause instanceof TypeError) {
    const crossOrigin = isBrowserLike && pageOrigin() !== undefined && pageOrigin() !== url.origin;
    return new DavNetworkError({
      ...context,
      detail: describeCause(cause, redactor),
      ...(crossOrigin ? { hint: CORS_HINT } : {}),
    });
  }
  if (isKyError(cause) || !(cause instanceof Error)) {
    return new DavNetworkError({ ...context, detail: describeCause(cause, redactor) });
  }
  return cause;
}
