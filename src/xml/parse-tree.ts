import { DavParseError } from '../errors/dav-parse-error.ts';
import { parseXmlToEvents } from './fxp-source.ts';
import type { DEFAULT_XML_LIMITS } from './limits.ts';
import { TreeBuilder } from './tree-builder.ts';
import type { XmlElement } from './xml-element.ts';

/**
 * Parses a small XML body (a LOCK answer, a `DAV:error` body) into one namespace-resolved element
 * tree. Multistatus bodies go through `decodeMultiStatus` instead, which never holds the whole tree.
 *
 * @example
 * ```ts
 * parseXmlTree('<d:error xmlns:d="DAV:"><d:lock-token-submitted/></d:error>').name; // '{DAV:}error'
 * ```
 */
export function parseXmlTree(text: string, limits?: typeof DEFAULT_XML_LIMITS): XmlElement {
  const builder = new TreeBuilder();
  parseXmlToEvents(text, builder, limits);
  const root = builder.take();
  if (root === undefined) {
    throw new DavParseError('Malformed XML: no root element');
  }
  return root;
}
