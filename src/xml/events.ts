import type { ClarkName } from './names.ts';

/**
 * The boundary between XML parsing and WebDAV decoding: namespace-resolved element events.
 *
 * Two sources feed it: the buffered source walks fast-xml-parser's output (`xml/fxp-source.ts`),
 * the incremental source (`xml/reader.ts`: `list()` on big answers, `davkit/stream`) reads the text
 * as it arrives. The decoders behind this interface cannot tell them apart, which is what keeps both
 * paths identical (see ARCHITECTURE.md, "Decoders").
 */
export interface XmlEventSink {
  /** An element opens. Its attributes are keyed by Clark name; `xmlns` declarations are not included. */
  startElement(name: ClarkName, attributes: Record<ClarkName, string>): void;
  /** Character data (text or CDATA) of the innermost open element, references already decoded. */
  text(text: string): void;
  /** The innermost open element closes. */
  endElement(): void;
}
