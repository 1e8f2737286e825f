import type { DecodeWarning } from '../model/decode-warning.ts';
import type { XmlElement } from '../model/xml-element.ts';
import { parseXmlToEvents } from './fxp-source.ts';
import { DEFAULT_XML_LIMITS } from './limits.ts';
import { finishDocument, recoveringTreeBuilder, type XmlDocument } from './xml-document.ts';

/** Options of {@link parseXmlTree}. */
export interface XmlTreeOptions {
  /** Deepest element nesting accepted (default 128). */
  readonly maxDepth?: number;
  /** Refuse names whose prefix is not declared (`DavParseError`) instead of recovering them. */
  readonly strict?: boolean;
  /** Called once, after parsing, with what was recovered (prefixes used without a declaration). */
  readonly onWarnings?: (warnings: readonly DecodeWarning[]) => void;
}

/**
 * Parses a small body into one tree and says what was recovered: what davkit reads LOCK answers and
 * `DAV:error` bodies with.
 */
export function parseXmlDocument(text: string, options: XmlTreeOptions = {}): XmlDocument {
  const { builder, log } = recoveringTreeBuilder(options.strict === true);
  parseXmlToEvents(
    text,
    builder,
    options.maxDepth === undefined ? DEFAULT_XML_LIMITS : { maxDepth: options.maxDepth },
  );
  return finishDocument(builder, log);
}

/**
 * Parses a small XML body (a LOCK answer, a `DAV:error` body) into one namespace-resolved element
 * tree. Multistatus bodies go through `decodeMultiStatus` instead, which never holds the whole tree.
 *
 * Names whose prefix is not declared are read as `decodeMultiStatus` reads them (`DAV` → `DAV:`,
 * unknown prefixes → `urn:davkit:unbound:<prefix>`); `onWarnings` hears of it, `strict` refuses them.
 *
 * @example
 * ```ts
 * parseXmlTree('<d:error xmlns:d="DAV:"><d:lock-token-submitted/></d:error>').name; // '{DAV:}error'
 * parseXmlTree('<D:error><DAV:propfind-finite-depth/></D:error>', { onWarnings: console.warn });
 * ```
 */
export function parseXmlTree(text: string, options: XmlTreeOptions = {}): XmlElement {
  const document = parseXmlDocument(text, options);
  if (document.warnings.length > 0) {
    options.onWarnings?.(document.warnings);
  }
  return document.root;
}
