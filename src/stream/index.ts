/**
 * `davkit/stream`: decode huge multistatus bodies as they arrive, in constant memory.
 *
 * A separate entry, so that a page that only streams listings loads davkit's incremental XML reader
 * without the main entry's fast-xml-parser (16 KB gzip instead of 53 KB).
 *
 * @groupDescription Client
 * {@link streamPropfind}: a PROPFIND through your client, each response yielded as it arrives.
 *
 * @groupDescription Multi-Status decoding
 * {@link decodeMultiStatusStream}: any body (a `ReadableStream`, an async iterable, a string) decoded
 * one response at a time.
 *
 * @module davkit/stream
 */

export type { StreamBody } from './body-source.ts';
export type { MultiStatusStream, StreamDecodeOptions } from './decode-stream.ts';
export { decodeMultiStatusStream } from './decode-stream.ts';
export type { StreamPropfindOptions } from './stream-propfind.ts';
export { streamPropfind } from './stream-propfind.ts';
