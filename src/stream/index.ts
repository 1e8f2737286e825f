/**
 * `davkit/stream`: decode huge multistatus bodies as they arrive, in constant memory.
 *
 * A separate entry, so that a page that only streams listings loads davkit's incremental XML reader
 * without the main entry's fast-xml-parser (16 KB gzip instead of 53 KB).
 *
 * @packageDocumentation
 */

export type { StreamBody } from './body-source.ts';
export type { MultiStatusStream, StreamDecodeOptions } from './decode-stream.ts';
export { decodeMultiStatusStream } from './decode-stream.ts';
export type { StreamPropfindOptions } from './stream-propfind.ts';
export { streamPropfind } from './stream-propfind.ts';
