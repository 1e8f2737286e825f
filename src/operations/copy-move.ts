import { checkDepth, checkPath } from '../checks/arguments.ts';
import type { TransferResult } from '../model/results.ts';
import type { RawResponse } from '../transport/raw-response.ts';
import type { RequestSpec } from '../transport/request-spec.ts';
import { BUFFERED } from './buffered.ts';
import { withHeaders } from './common.ts';
import { expectWriteSuccess } from './failure-reader.ts';

/**
 * Options of a COPY.
 *
 * @group Client
 */
export interface CopyOptions {
  /** `false`: fail with 412 rather than replace an existing destination. Default `true`. */
  readonly overwrite?: boolean;
  /** `0` copies a collection without its members. Default `'infinity'`. */
  readonly depth?: 0 | 'infinity';
  /**
   * After an ambiguous failure (a timeout, a reset connection, a 502/504), find out whether the write
   * landed instead of failing: see `Verification`. Default: the client's `verify` option (`false`).
   */
  readonly verify?: boolean;
}

/**
 * Options of a MOVE.
 *
 * @group Client
 */
export interface MoveOptions {
  /** `false`: fail with 412 rather than replace an existing destination. Default `true`. */
  readonly overwrite?: boolean;
  /**
   * After an ambiguous failure (a timeout, a reset connection, a 502/504), find out whether the write
   * landed instead of failing: see `Verification`. Default: the client's `verify` option (`false`).
   */
  readonly verify?: boolean;
}

/**
 * Builds a COPY request. `to` is a client path; it is sent as an absolute `Destination` URL.
 *
 * @example
 * ```ts
 * buildCopy('/a.txt', '/backup/a.txt', { overwrite: false });
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc4918#section-9.8
 */
export function buildCopy(from: string, to: string, options: CopyOptions = {}): RequestSpec {
  checkPath(from, 'COPY source');
  checkPath(to, 'COPY destination');
  checkDepth(options.depth, [0, 'infinity']);
  return withHeaders(
    { method: 'COPY', path: from, destination: to, headers: {}, response: 'text' },
    {
      overwrite: options.overwrite === false ? 'F' : 'T',
      depth: options.depth === undefined ? undefined : String(options.depth),
    },
  );
}

/**
 * Builds a MOVE request.
 *
 * @example
 * ```ts
 * buildMove('/draft.txt', '/final.txt');
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc4918#section-9.9
 */
export function buildMove(from: string, to: string, options: MoveOptions = {}): RequestSpec {
  checkPath(from, 'MOVE source');
  checkPath(to, 'MOVE destination');
  return {
    method: 'MOVE',
    path: from,
    destination: to,
    headers: { overwrite: options.overwrite === false ? 'F' : 'T' },
    response: 'text',
  };
}

/**
 * Reads a COPY or MOVE answer.
 *
 * @throws {DavHttpError} (412: destination exists and overwrite is off; 409: destination parent missing;
 *   424 + multistatus from Apache: a locked member), {MultiStatusError}
 * @example
 * ```ts
 * const { created } = readTransfer(raw);
 * ```
 */
export function readTransfer(raw: RawResponse): TransferResult {
  expectWriteSuccess(raw, BUFFERED);
  return { status: raw.status, created: raw.status === 201 };
}
