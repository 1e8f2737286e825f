import type { BatchResultData } from '../model/batch-result.ts';
import type { DavBatchErrorData, DavHttpErrorData, DavUnfixableErrorData } from '../model/error-data.ts';
import type { MultiStatus } from '../model/multistatus.ts';
import type { RootCause, RootCauseOptions } from '../model/root-cause.ts';
import { causesFromBatch } from './batch-causes.ts';
import { inClientPaths } from './client-paths.ts';
import { causesFromMultiStatus } from './multistatus-causes.ts';
import { requestRootCauses } from './request-causes.ts';

/**
 * Anything davkit can explain: a `DavHttpError` or `MultiStatusError`, a batch result, a
 * `DavBatchError` or `DavUnfixableError`, the plain data of any of them (`toJSON()`, a
 * `structuredClone` of it, a React Query cache entry…), or a bare `MultiStatus`. They are told apart
 * by their data (`kind`, `name`), so an original and its copy give the same answer.
 *
 * @group Batches and root causes
 */
export type Explainable =
  | MultiStatus
  | DavHttpErrorData
  | BatchResultData
  | DavBatchErrorData
  | DavUnfixableErrorData;

/**
 * Finds the real failures behind an answer or a batch: every 423, 403, 409, 412… with what it blocked
 * (the 424s that name it, the ancestors RFC 4918 only implies, the batch steps it short-circuited)
 * and a hint of how to fix it. A 424 nothing explains is reported as `unexplained`, never dropped.
 * Paths are client paths (as `Entry.path`), the server's form beside them (`serverPath`).
 *
 * @example
 * ```ts
 * try {
 *   await dav.delete('/projects/');
 * } catch (error) {
 *   if (isDavHttpError(error)) {
 *     for (const cause of rootCauses(error)) console.log(cause.status, cause.path, cause.fix.kind);
 *   }
 * }
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc4918#section-11.4
 *
 * @group Batches and root causes
 */
export function rootCauses(subject: Explainable, options: RootCauseOptions = {}): RootCause[] {
  if ('kind' in subject) {
    return subject.kind === 'batch-result'
      ? inClientPaths(causesFromBatch(subject, options.locks), subject.baseUrl)
      : inClientPaths(causesFromMultiStatus(subject, options.request, options.locks), options.baseUrl);
  }
  switch (subject.name) {
    case 'DavBatchError':
      return rootCauses(subject.result, options);
    case 'DavUnfixableError':
      return [...subject.causes];
    case 'DavHttpError':
    case 'MultiStatusError':
      return requestRootCauses(subject, options);
    default:
      // A caller outside TypeScript's reach: say what was given, not "cannot read properties".
      throw new TypeError(
        `rootCauses() explains davkit errors, batch results and multistatus data, not ${String((subject as { name?: unknown }).name)}`,
      );
  }
}
