import type { RawResponse } from '../transport/raw-response.ts';
import type { RequestSpec } from '../transport/request-spec.ts';
import { BUFFERED } from './buffered.ts';
import { withHeaders } from './common.ts';
import { expectWriteSuccess } from './failure-reader.ts';

/**
 * Options of a DELETE.
 *
 * @group Client
 */
export interface DeleteOptions {
  /** Delete only if the ETag matches. */
  readonly ifMatch?: string;
  /**
   * After an ambiguous failure (a timeout, a reset connection, a 502/504), find out whether the write
   * landed instead of failing: see `Verification`. Default: the client's `verify` option (`false`).
   */
  readonly verify?: boolean;
}

/**
 * Builds a DELETE request. No Depth header: on a collection the server must act as if Depth were
 * infinity, and clients must not send anything else.
 *
 * @example
 * ```ts
 * buildDelete('/old/');
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc4918#section-9.6
 */
export function buildDelete(path: string, options: DeleteOptions = {}): RequestSpec {
  return withHeaders(
    { method: 'DELETE', path, headers: {}, response: 'text' },
    { 'if-match': options.ifMatch },
  );
}

/**
 * Reads a DELETE answer. A collection that could only be partly deleted comes back as a 207 (per the
 * RFC) or, from Apache, as a top-level 424 with a multistatus body: both throw.
 *
 * @throws {DavHttpError}, {MultiStatusError}
 * @example
 * ```ts
 * readDelete(raw);
 * ```
 */
export function readDelete(raw: RawResponse): void {
  expectWriteSuccess(raw, BUFFERED);
}
