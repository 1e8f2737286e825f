import { DavHttpError } from '../errors/dav-http-error.ts';
import { countFailures, MultiStatusError } from '../errors/multi-status-error.ts';
import { decodeConditions } from '../multistatus/conditions.ts';
import { decodeMultiStatus } from '../multistatus/decode.ts';
import { isMultiStatusBody } from '../multistatus/is-multistatus.ts';
import type { DavCondition, MultiStatus } from '../multistatus/types.ts';
import type { RawResponse } from '../transport/raw-response.ts';
import { davName } from '../xml/names.ts';
import { parseXmlTree } from '../xml/parse-tree.ts';

const SNIPPET_LENGTH = 500;
const XML_BODY = /^\s*(?:<\?xml|<)/;

/** What a failed response's body says, decoded when it is XML davkit understands. */
export interface FailureBody {
  readonly multistatus?: MultiStatus;
  readonly conditions: readonly DavCondition[];
}

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
  const base = raw.request.baseUrl;
  const contentType = raw.headers['content-type'];
  try {
    if (isMultiStatusBody(contentType, raw.text)) {
      const multistatus = decodeMultiStatus(raw.text, decodeOptions(raw));
      return { multistatus, conditions: [] };
    }
    if (XML_BODY.test(raw.text) && (contentType === undefined || /xml/i.test(contentType))) {
      const root = parseXmlTree(raw.text);
      if (root.name === davName('error')) {
        return { conditions: decodeConditions(root, base, raw.request.path) };
      }
    }
  } catch {
    // Not decodable: the status and snippet still tell the story.
  }
  return { conditions: [] };
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
  const body = readFailureBody(raw);
  return new DavHttpError({
    request: raw.request,
    status: raw.status,
    statusText: raw.statusText,
    bodySnippet: raw.text.slice(0, SNIPPET_LENGTH),
    conditions: body.conditions,
    ...(body.multistatus === undefined ? {} : { multistatus: body.multistatus }),
    headers: raw.headers,
    ...(hint === undefined ? {} : { hint }),
  });
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
  if (raw.status < 200 || raw.status >= 300) {
    throw httpError(raw, redirectHint(raw));
  }
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
 * Decodes a multistatus answer with the request's base URL.
 *
 * @example
 * ```ts
 * const ms = decodeAnswer(raw, 'propname');
 * ```
 */
export function decodeAnswer(raw: RawResponse, mode: 'values' | 'propname' = 'values'): MultiStatus {
  return decodeMultiStatus(raw.text, { ...decodeOptions(raw), mode });
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

/** Decoding options for the answer to a request davkit sent: its base URL and its request URL. */
function decodeOptions(raw: RawResponse): { baseUrl?: string; requestUrl?: string } {
  const base = raw.request.baseUrl;
  return { ...(base === undefined ? {} : { baseUrl: base }), requestUrl: raw.request.url };
}
