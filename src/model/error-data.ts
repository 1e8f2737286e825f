import type { BatchResultData } from './batch-result.ts';
import type { DecodeWarning } from './decode-warning.ts';
import type { DiscoveredLock } from './locks.ts';
import type { DavCondition, MultiStatus, UnrequestedProperty } from './multistatus.ts';
import type { DavRequestInfo } from './request-info.ts';
import type { RootCause } from './root-cause.ts';

/**
 * What every davkit error's `toJSON()` gives: plain data, named like the error (`name` is the
 * discriminant). An `Error` loses every field of its own in `structuredClone` (only `message`
 * survives); its data keeps them all, and `rootCauses(data)` gives what `rootCauses(error)` gives.
 *
 * @group Errors
 */
export interface DavErrorData {
  readonly name: string;
  readonly message: string;
}

/**
 * The plain data of a `DavHttpError` or `MultiStatusError` (see {@link DavErrorData}).
 *
 * @group Errors
 */
export interface DavHttpErrorData extends DavErrorData {
  readonly name: 'DavHttpError' | 'MultiStatusError';
  readonly status: number;
  readonly statusText: string;
  readonly request: DavRequestInfo;
  readonly bodySnippet: string;
  readonly bodyTruncated: boolean;
  readonly conditions: readonly DavCondition[];
  readonly multistatus?: MultiStatus | undefined;
  readonly warnings: readonly DecodeWarning[];
  readonly headers: Readonly<Record<string, string>>;
  readonly discoveredLock?: DiscoveredLock | undefined;
  /** `MultiStatusError` only: properties the server answered for that the request did not name. */
  readonly unrequested?: readonly UnrequestedProperty[];
}

/**
 * The plain data of a `DavBatchError`.
 *
 * @group Errors
 */
export interface DavBatchErrorData extends DavErrorData {
  readonly name: 'DavBatchError';
  readonly result: BatchResultData;
  readonly causes: readonly RootCause[];
}

/**
 * The plain data of a `DavUnfixableError`.
 *
 * @group Errors
 */
export interface DavUnfixableErrorData extends DavErrorData {
  readonly name: 'DavUnfixableError';
  readonly causes: readonly RootCause[];
  readonly result?: BatchResultData | undefined;
}
