import { decodeMultiStatus } from '../multistatus/decode.ts';
import { parseXmlDocument } from '../xml/parse-tree.ts';
import type { BodyDecoders } from './failure-reader.ts';

/**
 * The decoders the client reads whole answers with: fast-xml-parser behind davkit's checks (the
 * `davkit/stream` entry has its own, `READER_DECODERS`, so that it carries no second XML parser).
 */
export const BUFFERED: BodyDecoders = {
  multistatus: decodeMultiStatus,
  tree: (text) => parseXmlDocument(text),
};
