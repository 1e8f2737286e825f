import { checkPath } from '../checks/arguments.ts';
import type { RawResponse } from '../transport/raw-response.ts';
import type { RequestSpec } from '../transport/request-spec.ts';
import { BUFFERED } from './buffered.ts';
import { expectWriteSuccess } from './failure-reader.ts';

/**
 * Options of a MKCOL.
 *
 * @group Client
 */
export interface MkcolOptions {
  /**
   * A collection already there is success (the server's 405 is checked to be one: a file there is
   * still a failure), so re-running a sync does not block its dependents. Default `false`.
   */
  readonly existOk?: boolean;
  /**
   * After an ambiguous failure (a timeout, a reset connection, a 502/504), find out whether the write
   * landed instead of failing: see `Verification`. Default: the client's `verify` option (`false`).
   */
  readonly verify?: boolean;
}

/**
 * Builds a MKCOL request.
 *
 * @example
 * ```ts
 * buildMkcol('/reports/2026/');
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc5689 (extended MKCOL is not sent: plain MKCOL has no body)
 * @see https://www.rfc-editor.org/rfc/rfc4918#section-9.3
 */
export function buildMkcol(path: string): RequestSpec {
  checkPath(path);
  return { method: 'MKCOL', path: path.endsWith('/') ? path : `${path}/`, headers: {}, response: 'text' };
}

/**
 * Reads a MKCOL answer. Apache answers a MKCOL inside a locked collection with a 207 (new member 424,
 * collection 423), which throws.
 *
 * @throws {DavHttpError} (405: it exists; 409: the parent is missing), {MultiStatusError}
 * @example
 * ```ts
 * readMkcol(raw);
 * ```
 */
export function readMkcol(raw: RawResponse): void {
  expectWriteSuccess(raw, BUFFERED);
}
