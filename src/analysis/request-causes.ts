import type { DavHttpErrorData } from '../model/error-data.ts';
import type { RootCause, RootCauseOptions } from '../model/root-cause.ts';
import { inClientPaths } from './client-paths.ts';
import { causesFromFailedRequest } from './error-causes.ts';
import { parseRetryAfter } from './retry-after.ts';

/**
 * The root causes of one failed request (a `DavHttpError` or `MultiStatusError`, or its data): what
 * `rootCauses()` answers for it, on its own so that an error's `rootCauses()` does not carry the
 * analysis of batches.
 *
 * @example
 * ```ts
 * requestRootCauses(error.toJSON()); // [{ status: 423, fix: { kind: 'submit-lock-token', … }, … }]
 * ```
 */
export function requestRootCauses(subject: DavHttpErrorData, options: RootCauseOptions = {}): RootCause[] {
  const failed = { ...subject, retryAfterMs: parseRetryAfter(subject.headers['retry-after']) };
  return inClientPaths(causesFromFailedRequest(failed, options.locks), subject.request.baseUrl);
}
