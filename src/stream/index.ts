/**
 * `davkit/stream`: decode huge multistatus bodies as they arrive, in constant memory.
 *
 * A separate entry so that the main `davkit` entry (and its browser bundle) does not carry the
 * streaming parser (saxes).
 *
 * @packageDocumentation
 */

export type { StreamBody } from './body-source.ts';
export type { MultiStatusStream, StreamDecodeOptions } from './decode-stream.ts';
export { decodeMultiStatusStream } from './decode-stream.ts';
export type { StreamPropfindOptions } from './stream-propfind.ts';
export { streamPropfind } from './stream-propfind.ts';
