import { DavParseError } from '../errors/dav-parse-error.ts';
import type { DecodeMultiStatusOptions } from '../multistatus/decode.ts';
import { MultiStatusDecoder } from '../multistatus/decoder.ts';
import type { DavResponse, MultiStatus } from '../multistatus/types.ts';
import type { BodyDecoders } from '../verbs/failure-reading.ts';
import { XmlReader } from '../xml/reader.ts';
import { TreeBuilder } from '../xml/tree-builder.ts';
import { DEFAULT_XML_LIMITS } from '../xml/well-formed.ts';
import type { XmlElement } from '../xml/xml-element.ts';

/** A whole string through the streaming source: one write, then the end of input. */
function parseWhole(text: string, source: XmlReader): void {
  source.write(text);
  source.close();
}

/**
 * The decoders `davkit/stream` reads small answers with (error bodies, a replayed PROPFIND): the same
 * event source as its streams, so the entry carries one XML parser, not two. Results are identical
 * to the buffered decoders' (the parity tests hold both to that).
 */
export const SAX_DECODERS: BodyDecoders = {
  multistatus(text: string, options: DecodeMultiStatusOptions): MultiStatus {
    const responses: DavResponse[] = [];
    const decoder = new MultiStatusDecoder(options, (response) => responses.push(response));
    parseWhole(text, new XmlReader(decoder, { limits: options.limits ?? DEFAULT_XML_LIMITS }));
    return { kind: 'multistatus', responses, ...decoder.summary() };
  },
  tree(text: string): XmlElement {
    const builder = new TreeBuilder();
    parseWhole(text, new XmlReader(builder));
    const root = builder.take();
    if (root === undefined) {
      throw new DavParseError('Malformed XML: no root element');
    }
    return root;
  },
};
