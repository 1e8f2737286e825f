import type { DavResponse, MultiStatus } from '../model/multistatus.ts';
import { parseXmlToEvents } from '../xml/fxp-source.ts';
import { DEFAULT_XML_LIMITS, type XmlLimits } from '../xml/limits.ts';
import type { DecodeOptions } from './decode-options.ts';
import { MultiStatusDecoder } from './decoder.ts';

/**
 * Options of {@link decodeMultiStatus}.
 *
 * @group Multi-Status decoding
 */
export interface DecodeMultiStatusOptions extends DecodeOptions {
  /** Parser limits (nesting depth). The defaults suit every real server. */
  readonly limits?: XmlLimits;
}

/**
 * Decodes a `DAV:multistatus` body into plain, serialisable data: every response in document order,
 * every propstat kept whatever its status, properties keyed by Clark name whatever prefixes the
 * server used, typed live properties, `DAV:error` conditions.
 *
 * It reads the body whatever the HTTP status was: Apache answers a DELETE blocked by a locked member
 * with a top-level `424` whose body is a multistatus.
 *
 * @throws {DavParseError} for malformed XML, another root element, or a malformed response.
 * @example
 * ```ts
 * const ms = decodeMultiStatus(xmlText, { baseUrl: 'https://host/dav/' });
 * for (const response of ms.responses) {
 *   if (response.kind === 'status') console.log(response.path, response.status);
 *   else for (const ps of response.propstats) console.log(response.path, ps.status, ps.props['{DAV:}getetag']);
 * }
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc4918#section-13
 *
 * @group Multi-Status decoding
 */
export function decodeMultiStatus(text: string, options: DecodeMultiStatusOptions = {}): MultiStatus {
  const responses: DavResponse[] = [];
  const decoder = new MultiStatusDecoder(options, (response) => responses.push(response));
  parseXmlToEvents(text, decoder, options.limits ?? DEFAULT_XML_LIMITS);
  return { kind: 'multistatus', responses, ...decoder.summary() };
}
