import { DavHttpError } from '../errors/dav-http-error.ts';
import { countFailures, MultiStatusError } from '../errors/multi-status-error.ts';
import type { DecodeWarning } from '../model/decode-warning.ts';
import type { DavCondition, MultiStatus } from '../model/multistatus.ts';
import { davName } from '../model/names.ts';
import { decodeConditions } from '../multistatus/conditions.ts';
import type { DecodeMultiStatusOptions } from '../multistatus/decode.ts';
import { isMultiStatusBody } from '../multistatus/is-multistatus.ts';
import type { RawResponse } from '../transport/raw-response.ts';
import type { XmlDocument } from '../xml/xml-document.ts';

/**
 * The XML decoders an answer is read with: the client and `davkit/stream` pass `BUFFERED` (davkit's
 * reader given the whole text). This module imports no parser, so tests can pass others.
 */
export interface BodyDecoders {
  readonly multistatus: (text: string, options: DecodeMultiStatusOptions) => MultiStatus;
  /** A whole small body as one tree, with what was recovered while reading it. */
  readonly tree: (text: string) => XmlDocument;
}

/** What a failed response's body says, decoded when it is XML davkit understands. */
export interface FailureBody {
  readonly multistatus?: MultiStatus;
  readonly conditions: readonly DavCondition[];
  /** What was recovered while reading the body (prefixes used without a declaration), when anything was. */
  readonly warnings?: readonly DecodeWarning[];
}

const SNIPPET_LENGTH = 500;
const XML_BODY = /^\s*(?:<\?xml|<)/;

/**
 * Decoding options for the answer to a request davkit sent: its base URL and its request URL.
 *
 * @example
 * ```ts
 * decodeOptionsFor(raw); // { baseUrl: 'https://host/dav/', requestUrl: 'https://host/dav/a/' }
 * ```
 */
export function decodeOptionsFor(raw: RawResponse): { baseUrl?: string; requestUrl: string } {
  const base = raw.request.baseUrl;
  return { ...(base === undefined ? {} : { baseUrl: base }), requestUrl: raw.request.url };
}

/**
 * Reads a failed response's body: a multistatus (Apache's top-level 424) or a `DAV:error` with its
 * conditions (SabreDAV's `lock-token-submitted`). Anything else (HTML error pages, empty bodies) is
 * left to the snippet; a body that fails to parse never hides the HTTP error itself.
 *
 * @example
 * ```ts
 * const { multistatus, conditions } = readFailureBody(raw, BUFFERED);
 * ```
 */
export function readFailureBody(raw: RawResponse, decoders: BodyDecoders): FailureBody {
  const contentType = raw.headers['content-type'];
  try {
    if (isMultiStatusBody(contentType, raw.text)) {
      const multistatus = decoders.multistatus(raw.text, decodeOptionsFor(raw));
      return { multistatus, conditions: [], ...withWarnings(multistatus.warnings ?? []) };
    }
    if (XML_BODY.test(raw.text) && (contentType === undefined || /xml/i.test(contentType))) {
      const { root, warnings } = decoders.tree(raw.text);
      if (root.name === davName('error')) {
        // A condition may be about a MOVE/COPY destination (SabreDAV: a lock on it), not the source.
        const { path, destinationPath } = raw.request;
        const anchors = destinationPath === undefined ? [path] : [path, destinationPath];
        const conditions = decodeConditions(root, raw.request.baseUrl, anchors);
        return { conditions, ...withWarnings(warnings) };
      }
    }
  } catch {
    // Not decodable: the status and snippet still tell the story.
  }
  return { conditions: [] };
}

function withWarnings(warnings: readonly DecodeWarning[]): { warnings?: readonly DecodeWarning[] } {
  return warnings.length === 0 ? {} : { warnings };
}

function redirectHint(raw: RawResponse): string | undefined {
  if (raw.status >= 300 && raw.status < 400 && raw.status !== 304) {
    const location = raw.headers.location;
    const why = raw.redirectRefused === undefined ? '' : `: ${raw.redirectRefused}`;
    return `redirect${location ? ` to ${location}` : ''} not followed${why}`;
  }
  return undefined;
}

/**
 * The error for a non-2xx response, with everything its body tells.
 *
 * @example
 * ```ts
 * throw httpError(raw, BUFFERED, 'redirect to https://other/ not followed');
 * ```
 */
export function httpError(
  raw: RawResponse,
  decoders: BodyDecoders,
  hint: string | undefined = redirectHint(raw),
): DavHttpError {
  const body = readFailureBody(raw, decoders);
  return new DavHttpError({
    request: raw.request,
    status: raw.status,
    statusText: raw.statusText,
    bodySnippet: raw.text.slice(0, SNIPPET_LENGTH),
    ...(raw.bodyTruncated ? { bodyTruncated: true } : {}),
    ...(raw.discoveredLock === undefined ? {} : { discoveredLock: raw.discoveredLock }),
    conditions: body.conditions,
    ...(body.multistatus === undefined ? {} : { multistatus: body.multistatus }),
    ...(body.warnings === undefined ? {} : { warnings: body.warnings }),
    headers: raw.headers,
    ...(hint === undefined ? {} : { hint }),
  });
}

/**
 * Throws the {@link DavHttpError} of a non-2xx response.
 *
 * @example
 * ```ts
 * expectSuccess(raw, BUFFERED); // throws DavHttpError for a 404
 * ```
 */
export function expectSuccess(raw: RawResponse, decoders: BodyDecoders): void {
  if (raw.status < 200 || raw.status >= 300) {
    throw httpError(raw, decoders);
  }
}

/**
 * Decodes a multistatus answer with the request's base URL.
 *
 * @example
 * ```ts
 * const ms = decodeAnswer(raw, BUFFERED, 'propname');
 * ```
 */
export function decodeAnswer(
  raw: RawResponse,
  decoders: BodyDecoders,
  mode: 'values' | 'propname' = 'values',
  strict = false,
): MultiStatus {
  return decoders.multistatus(raw.text, { ...decodeOptionsFor(raw), mode, ...(strict ? { strict } : {}) });
}

/**
 * For writes: a 207 with any failed status inside is a failure, never a silent success.
 *
 * @throws {MultiStatusError}
 * @example
 * ```ts
 * return expectNoFailures(raw, decodeAnswer(raw, BUFFERED)); // throws for a 424 inside
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
 * expectWriteSuccess(raw, BUFFERED); // 204: undefined; 207 with a 423 inside: throws MultiStatusError
 * ```
 */
export function expectWriteSuccess(raw: RawResponse, decoders: BodyDecoders): MultiStatus | undefined {
  expectSuccess(raw, decoders);
  if (raw.status === 207 || (raw.text !== '' && isMultiStatusBody(raw.headers['content-type'], raw.text))) {
    return expectNoFailures(raw, decodeAnswer(raw, decoders));
  }
  return undefined;
}
