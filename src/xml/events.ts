import type { ClarkName } from '../model/names.ts';
import type { UnboundPrefixUse } from './unbound-prefixes.ts';

/**
 * The boundary between XML parsing and WebDAV decoding: namespace-resolved element events.
 *
 * Two sources feed it: the buffered source walks fast-xml-parser's output (`xml/fxp-source.ts`:
 * `decodeMultiStatus(text)`, `parseXmlTree(text)`), davkit's reader (`xml/reader.ts`: every answer the
 * client and `davkit/stream` read, as it arrives or whole) reads text in pieces. The decoders behind this interface cannot tell them apart, which is what keeps both
 * paths identical (see ARCHITECTURE.md, "Decoders").
 */
export interface XmlEventSink {
  /** An element opens. Its attributes are keyed by Clark name; `xmlns` declarations are not included. */
  startElement(name: ClarkName, attributes: Record<ClarkName, string>): void;
  /** Character data (text or CDATA) of the innermost open element, references already decoded. */
  text(text: string): void;
  /** The innermost open element closes. */
  endElement(): void;
  /**
   * Told of each name whose prefix is not declared, once the source has read it in its recovered
   * namespace (see `namespaceOfUnbound`), before the element's `startElement`. When a sink has none,
   * such a name is refused with `DavParseError` (`strict: true`).
   */
  readonly unboundPrefix?: ((use: UnboundPrefixUse) => void) | undefined;
}
