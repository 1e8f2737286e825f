import { BatchResult, batchReplayOf } from '../batch/result.ts';
import { DavBatchError } from '../errors/batch-error.ts';
import { DavError, replayOf } from '../errors/dav-error.ts';
import { DavHttpError } from '../errors/dav-http-error.ts';
import { MultiStatusError } from '../errors/multi-status-error.ts';
import { DavUsageError } from '../errors/transport-errors.ts';
import type { BatchResultData, LiveBatchResult } from '../model/batch-result.ts';
import type { DavBatchErrorData, DavHttpErrorData } from '../model/error-data.ts';
import type { FixFunction, RetryAfterFixOptions } from '../model/recovery.ts';
import { operationFromRequest } from '../operations/from-request.ts';
import { requestReplay } from '../recovery/retry-request.ts';
import type { Session } from '../session/session.ts';

/** What `retryAfterFix()` can resubmit: a refusal or a batch, or the plain data of one. */
export type Resubmittable = DavHttpErrorData | BatchResultData | DavBatchErrorData;

/**
 * Options of the free `retryAfterFix()`: those of the methods, and the client that sends a copy again.
 *
 * @group Batches and root causes
 */
export interface ResubmitOptions extends RetryAfterFixOptions {
  /**
   * The client that sends again what a copy describes (a `structuredClone`d or JSON error): the
   * request is rebuilt from the copy's `request` data. Not needed for an original.
   */
  readonly client?: Session;
}

/** A refusal rebuilt from its data, for the loop to end with (its causes are the data's). */
function errorFromData(data: DavHttpErrorData): DavHttpError {
  if (data.name === 'MultiStatusError' && data.multistatus !== undefined) {
    return new MultiStatusError({ ...data, multistatus: data.multistatus });
  }
  const { multistatus, discoveredLock, ...rest } = data;
  return new DavHttpError({
    ...rest,
    ...(multistatus === undefined ? {} : { multistatus }),
    ...(discoveredLock === undefined ? {} : { discoveredLock }),
  });
}

/**
 * Fixes the root causes of a failure (your `fix`, or davkit's `fixers`), checks they are gone, and
 * sends again what failed: one request (an error a client threw) or a whole batch (a result, or the
 * `DavBatchError` of `throwIfFailed()`). The same as the subject's own `retryAfterFix()` method. A
 * copy (a `structuredClone` of `error.toJSON()`, a React Query cache entry) cannot carry the client:
 * pass it as `{ client }`, and the request is rebuilt from the copy's data (a PUT's content is never
 * kept there: `DavUsageError` says so). A copied batch result cannot be resubmitted.
 *
 * @example
 * ```ts
 * const value = await retryAfterFix(error);                            // the error a client threw
 * await retryAfterFix(structuredClone(error.toJSON()), undefined, { client: dav }); // a copy
 * const next: LiveBatchResult = await retryAfterFix(result);          // a batch: its next result
 * ```
 *
 * @group Batches and root causes
 */
export function retryAfterFix(
  subject: BatchResultData | DavBatchErrorData,
  fix?: FixFunction,
  options?: ResubmitOptions,
): Promise<LiveBatchResult>;
export function retryAfterFix(
  subject: Resubmittable,
  fix?: FixFunction,
  options?: ResubmitOptions,
): Promise<unknown>;
export function retryAfterFix(
  subject: Resubmittable,
  fix?: FixFunction,
  options: ResubmitOptions = {},
): Promise<unknown> {
  const { client, ...retry } = options;
  const replay =
    subject instanceof DavError
      ? replayOf(subject)
      : subject instanceof BatchResult
        ? batchReplayOf(subject)
        : undefined;
  if (replay !== undefined) {
    return replay(fix, retry);
  }
  if (client !== undefined && isRefusalData(subject)) {
    try {
      const operation = operationFromRequest(subject.request);
      return requestReplay(client, operation, {}, errorFromData(subject))(fix, retry);
    } catch (error) {
      return Promise.reject(error);
    }
  }
  return Promise.reject(new DavUsageError(refusal(subject, client !== undefined)));
}

function isRefusalData(subject: Resubmittable): subject is DavHttpErrorData {
  return 'name' in subject && (subject.name === 'DavHttpError' || subject.name === 'MultiStatusError');
}

function refusal(subject: Resubmittable, withClient: boolean): string {
  if ('kind' in subject || subject instanceof DavBatchError || subject.name === 'DavBatchError') {
    return 'retryAfterFix() resubmits a batch from its original result (a copy keeps no step bodies): keep the BatchResult';
  }
  return withClient
    ? 'retryAfterFix() needs the error a davkit client threw, or its data'
    : 'retryAfterFix() on a copy of an error needs the client to send it with: retryAfterFix(copy, fix, { client })';
}
