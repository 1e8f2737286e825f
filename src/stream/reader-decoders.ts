import type { MultiStatus } from '../model/multistatus.ts';
import type { DecodeMultiStatusOptions } from '../multistatus/decode.ts';
import { MultiStatusReader } from '../multistatus/incremental.ts';
import type { BodyDecoders } from '../operations/failure-reader.ts';
import { XmlReader } from '../xml/reader.ts';
import { finishDocument, recoveringTreeBuilder, type XmlDocument } from '../xml/xml-document.ts';

/**
 * The decoders `davkit/stream` reads small answers with (error bodies, a replayed PROPFIND): davkit's
 * incremental reader given the whole text at once, so the entry carries one XML parser, not
 * fast-xml-parser besides. Results are identical to the buffered decoders' (the parity tests and the
 * fuzz run hold both to that).
 */
export const READER_DECODERS: BodyDecoders = {
  multistatus(text: string, options: DecodeMultiStatusOptions): MultiStatus {
    const reader = new MultiStatusReader(options);
    reader.write(text);
    return reader.close();
  },
  tree(text: string): XmlDocument {
    const { builder, log } = recoveringTreeBuilder(false);
    const reader = new XmlReader(builder);
    reader.write(text);
    reader.close();
    return finishDocument(builder, log);
  },
};
