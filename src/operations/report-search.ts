import { checkDepth } from '../checks/arguments.ts';
import { DavUsageError } from '../errors/transport-errors.ts';
import type { MultiStatus } from '../model/multistatus.ts';
import type { XmlElement } from '../model/xml-element.ts';
import type { RawResponse } from '../transport/raw-response.ts';
import type { RequestSpec } from '../transport/request-spec.ts';
import { type BasicSearch, basicSearchBody } from '../xml/bodies/search.ts';
import { serializeXml } from '../xml/serialize.ts';
import { invalidXmlChar } from '../xml/xml-chars.ts';
import { BUFFERED, readXmlDocument } from './buffered.ts';
import { type Depth, xmlHeaders } from './common.ts';
import { decodeAnswer, expectSuccess } from './failure-reader.ts';

/**
 * A request body given as XML text or as an element tree.
 *
 * @group Client
 */
export type XmlBody = string | XmlElement;

/**
 * The body as XML text. Text given by the caller is checked like a tree would be: well-formed, every
 * character one XML 1.0 allows; otherwise `DavUsageError` and nothing is sent.
 */
function xmlText(body: XmlBody): string {
  if (typeof body !== 'string') {
    return serializeXml(body);
  }
  const invalid = invalidXmlChar(body);
  if (invalid !== undefined) {
    throw new DavUsageError(`the XML body contains ${invalid}, which XML 1.0 cannot carry`);
  }
  try {
    readXmlDocument(body);
  } catch (error) {
    throw new DavUsageError(`the XML body is not well-formed: ${(error as Error).message}`);
  }
  return body;
}

/**
 * Builds a REPORT request.
 *
 * @example
 * ```ts
 * buildReport('/cal/', syncCollectionBody({ syncToken: '' }), { depth: 0 });
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc3253#section-3.6
 */
export function buildReport(
  path: string,
  body: XmlBody,
  options: { readonly depth?: Depth } = {},
): RequestSpec {
  checkDepth(options.depth, [0, 1, 'infinity']);
  return {
    method: 'REPORT',
    path,
    headers: xmlHeaders({ depth: String(options.depth ?? 0) }),
    body: xmlText(body),
    response: 'text',
  };
}

/**
 * Builds a SEARCH request from a `DAV:basicsearch` query, a whole body, or XML text.
 *
 * @example
 * ```ts
 * buildSearch('/', { select: ['{DAV:}displayname'], from: { href: '/dav/' } });
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc5323#section-2
 */
export function buildSearch(path: string, query: XmlBody | BasicSearch): RequestSpec {
  const body =
    typeof query === 'object' && 'select' in query ? basicSearchBody(query) : xmlText(query as XmlBody);
  return { method: 'SEARCH', path, headers: xmlHeaders(), body, response: 'text' };
}

/**
 * Reads a REPORT or SEARCH answer: a multistatus, as data.
 *
 * @example
 * ```ts
 * const ms = readReport(raw); ms.syncToken;
 * ```
 */
export function readReport(raw: RawResponse): MultiStatus {
  expectSuccess(raw, BUFFERED);
  return decodeAnswer(raw, BUFFERED);
}
