import type { PutResult } from '../model/results.ts';
import type { WriteOptions } from '../operations/call-options.ts';
import type { DownloadOptions } from '../operations/get.ts';
import { getOperation } from '../operations/get.ts';
import type { PutOptions } from '../operations/put.ts';
import type { Session } from '../session/session.ts';
import { readBodyChunks } from '../transport/read-body.ts';
import type { CallOptions } from '../transport/request-spec.ts';
import { plainCopy } from '../utils/plain-copy.ts';
import { downloadReadOptions } from './downloads.ts';

/**
 * A `WritableStream` that uploads what is written to it, and the outcome of that upload.
 *
 * @group Large files
 */
export interface DavWriteStream extends WritableStream<Uint8Array | string> {
  /** The PUT's outcome: resolves once the server stored the whole body, rejects with its error. */
  readonly result: Promise<PutResult>;
}

/**
 * The bytes `start..end` (inclusive) of a whole body: for a server that answered a range request
 * with 200 and the whole file, so the stream still holds exactly the range asked for.
 */
async function* rangeOf(
  chunks: AsyncIterable<Uint8Array>,
  start: number,
  end: number | undefined,
): AsyncGenerator<Uint8Array> {
  const stop = end === undefined ? Number.POSITIVE_INFINITY : end + 1;
  let at = 0;
  for await (const chunk of chunks) {
    const from = Math.max(start - at, 0);
    const to = Math.min(stop - at, chunk.byteLength);
    at += chunk.byteLength;
    if (from < to) {
      yield chunk.subarray(from, to);
    }
    if (at >= stop) {
      return;
    }
  }
}

async function downloadChunks(
  session: Session,
  path: string,
  options: DownloadOptions & CallOptions,
): Promise<AsyncIterator<Uint8Array>> {
  const read = downloadReadOptions(options, session.timeout, session.url(path));
  const response = await session.run(getOperation(path, options), options);
  const chunks = readBodyChunks(response, read);
  const { range } = options;
  const whole = range !== undefined && response.status === 200;
  return (whole ? rangeOf(chunks, range.start, range.end) : chunks)[Symbol.asyncIterator]();
}

/**
 * A download as a web `ReadableStream`, returned at once (the GET starts as the stream is first
 * pulled): a failed GET errors the stream with its `DavHttpError`. With `range`, the stream holds
 * exactly those bytes, also from a server that ignores ranges and answers 200 with the whole file.
 *
 * @example
 * ```ts
 * await pipeline(openReadStream(dav, '/video.mp4', { range: { start: 0, end: 1023 } }), fs.createWriteStream('head.bin'));
 * ```
 */
export function openReadStream(
  session: Session,
  path: string,
  options: DownloadOptions & CallOptions = {},
): ReadableStream<Uint8Array> {
  let chunks: Promise<AsyncIterator<Uint8Array>> | undefined;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        chunks ??= downloadChunks(session, path, options);
        const { done, value } = await (await chunks).next();
        if (done) {
          controller.close();
        } else {
          controller.enqueue(value);
        }
      } catch (error) {
        controller.error(error);
      }
    },
    async cancel() {
      await (await chunks?.catch(() => undefined))?.return?.();
    },
  });
}

/**
 * An upload as a web `WritableStream`: what is written goes out as the body of one PUT, as it is
 * written (strings as UTF-8). `close()` (and so `pipeTo`, or Node's `pipeline` through `Writable.fromWeb`) resolves only once the
 * server answered 2xx, and rejects with the PUT's error otherwise; `abort()` cancels the upload.
 *
 * @example
 * ```ts
 * await pipeline(fs.createReadStream('video.mp4'), Writable.fromWeb(openWriteStream(dav, '/video.mp4', { contentLength: size })));
 * ```
 */
export function openWriteStream(
  session: Session,
  path: string,
  options: PutOptions & WriteOptions = {},
): DavWriteStream {
  const pipe = new TransformStream<Uint8Array, Uint8Array>();
  const writer = pipe.writable.getWriter();
  // The builders load with the first write stream (an app that only reads does not carry them); a
  // refused argument rejects `result`, and so the first write or close.
  const optionsNow = plainCopy(options);
  const result = import('../operations/operations.ts').then(({ operations }) =>
    session.run(operations.put(path, pipe.readable, optionsNow), optionsNow),
  );
  result.catch(() => undefined); // surfaced by write(), close() and `result`, never unhandled
  const encoder = new TextEncoder();
  const stream = new WritableStream<Uint8Array | string>({
    async write(chunk) {
      // A failed upload cancels the pipe's readable side: a write then rejects with the PUT's error.
      await Promise.race([
        writer.write(typeof chunk === 'string' ? encoder.encode(chunk) : chunk),
        failureOf(result),
      ]);
    },
    async close() {
      await writer.close().catch(() => undefined);
      await result;
    },
    async abort(reason) {
      await writer.abort(reason);
      await result.catch(() => undefined);
    },
  });
  return Object.assign(stream, { result });
}

/** A promise that rejects when `promise` does, and otherwise never settles. */
function failureOf(promise: Promise<unknown>): Promise<never> {
  return promise.then(
    () => new Promise<never>(() => undefined),
    (error: unknown) => Promise.reject(error),
  );
}
