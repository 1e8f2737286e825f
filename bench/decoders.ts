/** The decoders the benchmark compares, each as "decode this body, resolve when done". */
import { XMLParser } from 'fast-xml-parser';
import { parseXML } from 'webdav';
import { decodeMultiStatus } from '../src/index.ts';
import { decodeMultiStatusStream } from '../src/stream/index.ts';
import { fastXmlParserOptions } from '../src/xml/fxp-source.ts';
import { type BodyStyle, bodyChunks } from './bodies.ts';

export type DecoderName = 'davkit' | 'davkit-stream' | 'webdav' | 'fast-xml-parser';

export const DECODERS: readonly DecoderName[] = ['davkit', 'davkit-stream', 'webdav', 'fast-xml-parser'];

const fxp = new XMLParser(fastXmlParserOptions());

/** Runs one decoder on a whole body (or, for the stream decoder, on the body's chunks). */
export async function decode(name: DecoderName, body: string, style: BodyStyle, n: number): Promise<number> {
  switch (name) {
    case 'davkit':
      return decodeMultiStatus(body).responses.length;
    case 'davkit-stream': {
      let count = 0;
      for await (const _response of decodeMultiStatusStream(bodyChunks(style, n))) {
        count++;
      }
      return count;
    }
    case 'webdav':
      return ((await parseXML(body)) as { multistatus: { response: unknown[] } }).multistatus.response.length;
    case 'fast-xml-parser':
      return (fxp.parse(body) as unknown[]).length;
  }
}
