/** The decoders the benchmark compares, each as "decode this body, resolve when done". */
import { XMLParser } from 'fast-xml-parser';
import { parseXML } from 'webdav';
import { decodeMultiStatus } from '../src/index.ts';
import { MultiStatusReader } from '../src/multistatus/incremental.ts';
import { decodeMultiStatusStream } from '../src/stream/index.ts';
import { fastXmlParserOptions } from '../src/xml/fxp-source.ts';
import { type BodyStyle, bodyChunks } from './bodies.ts';

/**
 * - `davkit`: `decodeMultiStatus(text)`, the buffered decoder (fast-xml-parser);
 * - `davkit-incremental`: what `list()`/`propfind()` run on a large answer, davkit's XML reader fed
 *   the body in pieces (`MultiStatusReader`), every response kept for the result;
 * - `davkit-stream`: `decodeMultiStatusStream`, the same reader, each response yielded and dropped;
 * - `webdav`: npm webdav's `parseXML`; `fast-xml-parser`: its own parse with davkit's options.
 */
export type DecoderName = 'davkit' | 'davkit-incremental' | 'davkit-stream' | 'webdav' | 'fast-xml-parser';

export const DECODERS: readonly DecoderName[] = [
  'davkit',
  'davkit-incremental',
  'davkit-stream',
  'webdav',
  'fast-xml-parser',
];

const fxp = new XMLParser(fastXmlParserOptions());

/** A body as 64 KiB pieces, as from the network (timings feed pieces cut beforehand). */
export function pieces(text: string, size = 64 * 1024): string[] {
  const out: string[] = [];
  for (let at = 0; at < text.length; at += size) {
    out.push(text.slice(at, at + size));
  }
  return out;
}

/**
 * Runs one decoder on a body: the whole text, or for the incremental decoders its pieces (`chunks`,
 * or generated lazily from the style when none are given, so that the body is never held).
 */
export async function decode(
  name: DecoderName,
  body: string,
  style: BodyStyle,
  n: number,
  chunks?: readonly string[],
): Promise<number> {
  const source = (): Iterable<string> => chunks ?? bodyChunks(style, n);
  switch (name) {
    case 'davkit':
      return decodeMultiStatus(body).responses.length;
    case 'davkit-incremental': {
      const reader = new MultiStatusReader({});
      for (const piece of source()) {
        reader.write(piece);
      }
      return reader.close().responses.length;
    }
    case 'davkit-stream': {
      let count = 0;
      for await (const _response of decodeMultiStatusStream(source())) {
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
