import type { DecodeMultiStatusOptions } from '../multistatus/decode.ts';
import { MultiStatusDecoder } from '../multistatus/decoder.ts';
import type { DavResponse, MultiStatus } from '../multistatus/types.ts';
import type { BodyDecoders } from '../verbs/failure-reading.ts';
import { DEFAULT_XML_LIMITS } from '../xml/well-formed.ts';
import { finishDocument, recoveringTreeBuilder, type XmlDocument } from '../xml/xml-document.ts';
import { SaxesEventSource } from './saxes-source.ts';

/** A whole string through the streaming source: one write, then the end of input. */
function parseWhole(text: string, source: SaxesEventSource): void {
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
    parseWhole(text, new SaxesEventSource(decoder, options.limits ?? DEFAULT_XML_LIMITS));
    return { kind: 'multistatus', responses, ...decoder.summary() };
  },
  tree(text: string): XmlDocument {
    const { builder, log } = recoveringTreeBuilder(false);
    parseWhole(text, new SaxesEventSource(builder));
    return finishDocument(builder, log);
  },
};
