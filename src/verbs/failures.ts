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
 */
export function readFailureBody(raw: RawResponse): FailureBody {
  const base = raw.request.baseUrl;
  const contentType = raw.headers['content-type'];
  try {
    if (isMultiStatusBody(contentType, raw.text)) {
      const multistatus = decodeMultiStatus(raw.text, base === undefined ? {} : { baseUrl: base });
      return { multistatus, conditions: [] };
    }
    if (XML_BODY.test(raw.text) && (contentType === undefined || /xml/i.test(contentType))) {
      const root = parseXmlTree(raw.text);
      if (root.name === davName('error')) {
        return { conditions: decodeConditions(root, base) };
      }
    }
  } catch {
    // Not decodable: the status and snippet still tell the story.
  }
  return { conditions: [] };
}

/** The error for a non-2xx response, with everything its body tells. */
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

/** Throws {@link DavHttpError} unless the status is 2xx. */
export function expectSuccess(raw: RawResponse): void {
  if (raw.status < 200 || raw.status >= 300) {
    throw httpError(raw, redirectHint(raw));
  }
}

function redirectHint(raw: RawResponse): string | undefined {
  if (raw.status >= 300 && raw.status < 400) {
    const location = raw.headers.location;
    return `redirect${location ? ` to ${location}` : ''} not followed`;
  }
  return undefined;
}

/** Decodes a multistatus answer with the request's base URL. */
export function decodeAnswer(raw: RawResponse, mode: 'values' | 'propname' = 'values'): MultiStatus {
  const base = raw.request.baseUrl;
  return decodeMultiStatus(raw.text, { mode, ...(base === undefined ? {} : { baseUrl: base }) });
}

/**
 * For writes: a 207 with any failed status inside is a failure, never a silent success.
 *
 * @throws {MultiStatusError}
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
 */
export function expectWriteSuccess(raw: RawResponse): MultiStatus | undefined {
  expectSuccess(raw);
  if (raw.status === 207 || (raw.text !== '' && isMultiStatusBody(raw.headers['content-type'], raw.text))) {
    return expectNoFailures(raw, decodeAnswer(raw));
  }
  return undefined;
}
