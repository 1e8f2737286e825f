import { DavUsageError } from '../errors/transport-errors.ts';
import type { RequestBody } from '../transport/request-spec.ts';

// What a body may be, on its own: checked as a batch step is added, without loading the builders.

/**
 * What an upload accepts: a {@link RequestBody}, or any `AsyncIterable` of bytes (a Node `Readable`,
 * an async generator). Iterables and streams are sent as they are read, never held whole.
 *
 * @group Client
 */
export type UploadBody = RequestBody | AsyncIterable<Uint8Array>;

/** Whether `body` is an `AsyncIterable` (a Node `Readable`, an async generator). */
export function isAsyncIterable(body: unknown): body is AsyncIterable<unknown> {
  return (
    typeof body === 'object' &&
    body !== null &&
    typeof (body as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] === 'function'
  );
}

/** Whether `body` is sent as it is (not an iterable to stream). */
export function isRequestBody(body: unknown): body is RequestBody {
  return (
    typeof body === 'string' ||
    body instanceof ArrayBuffer ||
    ArrayBuffer.isView(body) ||
    (typeof Blob !== 'undefined' && body instanceof Blob) ||
    (typeof ReadableStream !== 'undefined' && body instanceof ReadableStream)
  );
}

/**
 * Refuses what is not a body: `undefined` or `null` would send an empty PUT (truncating the file to
 * 0 bytes), a plain object would upload `"[object Object]"`.
 *
 * @example
 * ```ts
 * checkBody(undefined, 'PUT'); // throws DavUsageError
 * ```
 */
export function checkBody(body: unknown, method: string): asserts body is UploadBody {
  if (!isRequestBody(body) && !isAsyncIterable(body)) {
    const got = body === null ? 'null' : typeof body === 'object' ? 'a plain object' : typeof body;
    throw new DavUsageError(
      `a ${method} body must be a string, bytes (Uint8Array, ArrayBuffer), a Blob, a ReadableStream or an ` +
        `AsyncIterable of bytes (a Node Readable); got ${got}.` +
        (method === 'PUT' ? ' To write an empty file, pass an empty string.' : ''),
    );
  }
}
