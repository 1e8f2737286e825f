import type { MultiStatus } from '../model/multistatus.ts';
import type { DecodeMultiStatusOptions } from '../multistatus/decode.ts';
import { MultiStatusReader } from '../multistatus/incremental.ts';
import { DEFAULT_XML_LIMITS, type XmlLimits } from '../xml/limits.ts';
import { XmlReader } from '../xml/reader.ts';
import { finishDocument, recoveringTreeBuilder, type XmlDocument } from '../xml/xml-document.ts';
import type { BodyDecoders } from './failure-reader.ts';

/**
 * The reader's limits for a body already held whole: nesting depth only, as `decodeMultiStatus` has.
 * The size limits bound what an incremental read holds at once; here the body is already bounded by
 * `maxBodySize`, and a long value in it (a 20 MB calendar in a REPORT) is as acceptable as it was.
 */
const WHOLE_TEXT_LIMITS: XmlLimits = {
  maxDepth: DEFAULT_XML_LIMITS.maxDepth,
  maxResponseSize: Number.POSITIVE_INFINITY,
  maxTextSize: Number.POSITIVE_INFINITY,
};

/**
 * Reads a whole small XML body into one tree with davkit's reader, saying what was recovered (the
 * LOCK answer, `DAV:error` bodies, a REPORT body given as text).
 *
 * @example
 * ```ts
 * const { root, warnings } = readXmlDocument('<d:error xmlns:d="DAV:"><d:lock-token-submitted/></d:error>');
 * ```
 */
export function readXmlDocument(text: string, strict = false): XmlDocument {
  const { builder, log } = recoveringTreeBuilder(strict);
  const reader = new XmlReader(builder, { limits: WHOLE_TEXT_LIMITS });
  reader.write(text);
  reader.close();
  return finishDocument(builder, log);
}

/**
 * The decoders answers read whole are decoded with (PROPPATCH, LOCK, REPORT, SEARCH, a small
 * PROPFIND, failure bodies): davkit's incremental reader given the whole text at once, as a large
 * PROPFIND and `davkit/stream` read theirs. So the client reaches one XML parser; fast-xml-parser is
 * left to `decodeMultiStatus(text)` and `parseXmlTree(text)`, for strings a user hands in. Results are
 * identical either way (the parity tests, the decode corpus and the fuzz run hold both to that).
 */
export const BUFFERED: BodyDecoders = {
  multistatus(text: string, options: DecodeMultiStatusOptions): MultiStatus {
    const reader = new MultiStatusReader({ limits: WHOLE_TEXT_LIMITS, ...options });
    reader.write(text);
    return reader.close();
  },
  tree: (text) => readXmlDocument(text),
};
