import type { DavHttpError } from '../errors/dav-http-error.ts';
import { isDavHttpError, isMultiStatusError } from '../errors/guards.ts';
import type { MultiStatusError } from '../errors/multi-status-error.ts';
import type { BatchResultData } from '../model/batch-result.ts';
import type { MultiStatus } from '../model/multistatus.ts';
import type { RootCause, RootCauseOptions } from '../model/root-cause.ts';
import { causesFromBatch, isBatchResultData } from './batch-causes.ts';
import { causesFromFailedRequest } from './error-causes.ts';
import { causesFromMultiStatus } from './multistatus-causes.ts';

/** Anything davkit can explain. */
export type Explainable = MultiStatus | DavHttpError | MultiStatusError | BatchResultData;

/**
 * Finds the real failures behind an answer or a batch: every 423, 403, 409, 412… with what it blocked
 * (the 424s that name it, the ancestors RFC 4918 only implies, the batch steps it short-circuited)
 * and a hint of how to fix it. A 424 nothing explains is reported as `unexplained`, never dropped.
 *
 * @example
 * ```ts
 * try {
 *   await dav.delete('/projects/');
 * } catch (error) {
 *   for (const cause of rootCauses(error as DavHttpError)) {
 *     console.log(cause.status, cause.path, cause.fix.kind, cause.dependents.map((d) => d.path));
 *   }
 * }
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc4918#section-11.4
 */
export function rootCauses(subject: Explainable, options: RootCauseOptions = {}): RootCause[] {
  if (isBatchResultData(subject)) {
    return causesFromBatch(subject, options.locks);
  }
  if (isMultiStatusError(subject) || isDavHttpError(subject)) {
    return causesFromFailedRequest(subject, options.locks);
  }
  return causesFromMultiStatus(subject as MultiStatus, options.request, options.locks);
}
