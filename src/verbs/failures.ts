import type { DavHttpError } from '../errors/dav-http-error.ts';
import { countFailures, MultiStatusError } from '../errors/multi-status-error.ts';
import type { MultiStatus } from '../model/multistatus.ts';
import { decodeMultiStatus } from '../multistatus/decode.ts';
import { isMultiStatusBody } from '../multistatus/is-multistatus.ts';
import type { RawResponse } from '../transport/raw-response.ts';
import { parseXmlDocument } from '../xml/parse-tree.ts';
import {
  type BodyDecoders,
  decodeOptionsFor,
  expectSuccessWith,
  type FailureBody,
  httpErrorWith,
  readFailureBodyWith,
} from './failure-reading.ts';

/** The client's decoders: the buffered ones, over fast-xml-parser. */
const BUFFERED: BodyDecoders = { multistatus: decodeMultiStatus, tree: (text) => parseXmlDocument(text) };

export type { FailureBody } from './failure-reading.ts';

/**
 * Reads a failed response's body: a multistatus (Apache's top-level 424) or a `DAV:error` with its
 * conditions (SabreDAV's `lock-token-submitted`). Anything else (HTML error pages, empty bodies) is
 * left to the snippet; a body that fails to parse never hides the HTTP error itself.
 *
 * @example
 * ```ts
 * const { multistatus, conditions } = readFailureBody(raw); // Apache's 424 body, SabreDAV's DAV:error
 * ```
 */
export function readFailureBody(raw: RawResponse): FailureBody {
  return readFailureBodyWith(raw, BUFFERED);
}

/**
 * The error for a non-2xx response, with everything its body tells.
 *
 * @example
 * ```ts
 * throw httpError(raw, 'redirect to https://other/ not followed');
 * ```
 */
export function httpError(raw: RawResponse, hint?: string): DavHttpError {
  return httpErrorWith(raw, BUFFERED, hint);
}

/**
 * Throws {@link DavHttpError} unless the status is 2xx.
 *
 * @example
 * ```ts
 * expectSuccess(raw); // throws DavHttpError for a 404
 * ```
 */
export function expectSuccess(raw: RawResponse): void {
  expectSuccessWith(raw, BUFFERED);
}

/**
 * Decodes a multistatus answer with the request's base URL.
 *
 * @example
 * ```ts
 * const ms = decodeAnswer(raw, 'propname');
 * ```
 */
export function decodeAnswer(
  raw: RawResponse,
  mode: 'values' | 'propname' = 'values',
  strict = false,
): MultiStatus {
  return decodeMultiStatus(raw.text, { ...decodeOptionsFor(raw), mode, ...(strict ? { strict } : {}) });
}

/**
 * For writes: a 207 with any failed status inside is a failure, never a silent success.
 *
 * @throws {MultiStatusError}
 * @example
 * ```ts
 * return expectNoFailures(raw, decodeAnswer(raw)); // throws for a 424 inside
 * ```
 */
export function expectNoFailures(raw: RawResponse, multistatus: MultiStatus): MultiStatus {
  if (countFailures(multistatus) > 0) {
    throw new MultiStatusError({ request: raw.request, multistatus, status: raw.status });
  }
  return multistatus;
}

/**
 * The reading of a write's answer: 2xx without a multistatus is success; a 207 (or any 2xx whose
 * body is a multistatus) is checked for failures; anything else throws {@link DavHttpError}.
 *
 * @example
 * ```ts
 * expectWriteSuccess(raw); // 204: undefined; 207 with a 423 inside: throws MultiStatusError
 * ```
 */
export function expectWriteSuccess(raw: RawResponse): MultiStatus | undefined {
  expectSuccess(raw);
  if (raw.status === 207 || (raw.text !== '' && isMultiStatusBody(raw.headers['content-type'], raw.text))) {
    return expectNoFailures(raw, decodeAnswer(raw));
  }
  return undefined;
}
