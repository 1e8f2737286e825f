import { checkCount } from '../checks/arguments.ts';
import { DavUsageError } from '../errors/transport-errors.ts';
import type { RequestBody } from '../transport/request-spec.ts';
import { checkBody, isRequestBody, type UploadBody } from './body-kind.ts';

export type { UploadBody };

function chunkBytes(chunk: unknown): Uint8Array {
  if (chunk instanceof Uint8Array) {
    return chunk; // a Node Buffer is one
  }
  if (typeof chunk === 'string') {
    return new TextEncoder().encode(chunk); // a Readable with setEncoding()
  }
  if (chunk instanceof ArrayBuffer) {
    return new Uint8Array(chunk);
  }
  throw new DavUsageError(
    `a stream body must give bytes (Uint8Array) or strings; it gave ${chunk === null ? 'null' : typeof chunk}`,
  );
}

/**
 * An async iterable as a web `ReadableStream`, read one chunk per pull (backpressure is kept: the
 * iterable is never read ahead of the upload). Cancelling the stream ends the iterable (`return()`),
 * which destroys a Node `Readable`.
 */
function iterableStream(iterable: AsyncIterable<unknown>): ReadableStream<Uint8Array> {
  const iterator = iterable[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { done, value } = await iterator.next();
        if (done) {
          controller.close();
        } else {
          controller.enqueue(chunkBytes(value));
        }
      } catch (error) {
        controller.error(error);
        await iterator.return?.();
      }
    },
    async cancel() {
      await iterator.return?.();
    },
  });
}

/**
 * The body as the transport sends it: async iterables become web streams; everything else is
 * checked and passed as it is.
 *
 * @example
 * ```ts
 * toRequestBody(createReadStream('video.mp4'), 'PUT'); // a ReadableStream over the file
 * ```
 */
export function toRequestBody(body: unknown, method: string): RequestBody {
  checkBody(body, method);
  return isRequestBody(body) ? body : iterableStream(body);
}

/**
 * The headers that declare a body's length: `content-length` for a stream whose length the caller
 * knows (fetch cannot know it). A body of known size must have that size.
 *
 * @example
 * ```ts
 * lengthHeaders(stream, 1_048_576); // { 'content-length': '1048576' }
 * ```
 */
export function lengthHeaders(body: RequestBody, contentLength: number | undefined): Record<string, string> {
  if (contentLength === undefined) {
    return {};
  }
  checkCount(contentLength, 'contentLength', 0);
  const size = knownSize(body);
  if (size === undefined) {
    return { 'content-length': String(contentLength) };
  }
  if (size !== contentLength) {
    throw new DavUsageError(`contentLength is ${contentLength}, but the body has ${size} bytes`);
  }
  return {};
}

/** The byte size of a body given whole; `undefined` for a stream. */
function knownSize(body: RequestBody): number | undefined {
  if (typeof body === 'string') {
    return new TextEncoder().encode(body).byteLength;
  }
  if (typeof Blob !== 'undefined' && body instanceof Blob) {
    return body.size;
  }
  if (body instanceof ArrayBuffer || ArrayBuffer.isView(body)) {
    return body.byteLength;
  }
  return undefined;
}
