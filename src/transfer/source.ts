import { DavUsageError } from '../errors/transport-errors.ts';
import type { RequestBody } from '../transport/request-spec.ts';
import { isBrowserLike } from '../transport/runtime.ts';
import { SequentialChunks } from './sequential-chunks.ts';
import { checkSourceKind, isReader } from './source-kind.ts';
import type { RandomAccessReader, UploadSource } from './types.ts';

/** An upload source, opened: its size, whether it can be read again, and its bytes on demand. */
export interface OpenedSource {
  /** `undefined`: a stream whose size was not given. */
  readonly size: number | undefined;
  /** Whether any chunk can be read again (Blob, bytes, reader): only those can resume. */
  readonly seekable: boolean;
  readonly version: string | undefined;
  /** Chunk `index`, bytes `start` (included) to `end` (excluded), as a request body. */
  chunk(index: number, start: number, end: number): Promise<RequestBody>;
  /** Chunk `index` was confirmed (a stream source drops its bytes). */
  release(index: number): void;
  /** The whole source as one body (a stream source gives it once). */
  whole(): RequestBody;
  /** Bytes the body from `whole()` has delivered so far. */
  readonly streamed: number;
}

/** What `openSource` needs to know besides the source. */
export interface SourceOptions {
  readonly size?: number | undefined;
  readonly sourceVersion?: string | undefined;
  readonly chunkSize: number;
}

// A reader sent whole is pulled in slices of this size, never held.
const SLICE = 1024 * 1024;

function fileVersion(source: Blob): string | undefined {
  return typeof File !== 'undefined' && source instanceof File
    ? `${source.name}@${source.lastModified}`
    : undefined;
}

/**
 * Opens an upload source. Refuses (with `DavUsageError`) what is not one, and a `size` that
 * contradicts the source's own.
 *
 * @example
 * ```ts
 * const opened = openSource(file, { chunkSize: 8 << 20 });
 * const body = await opened.chunk(0, 0, 8 << 20);
 * ```
 */
export function openSource(source: UploadSource, options: SourceOptions): OpenedSource {
  checkSourceKind(source);
  if (typeof Blob !== 'undefined' && source instanceof Blob) {
    return checked(
      seekableSource(source.size, (s, e) => source.slice(s, e), source, fileVersion(source)),
      options,
    );
  }
  if (source instanceof ArrayBuffer || ArrayBuffer.isView(source)) {
    const bytes =
      source instanceof ArrayBuffer
        ? new Uint8Array(source)
        : new Uint8Array(source.buffer, source.byteOffset, source.byteLength);
    return checked(
      seekableSource(bytes.byteLength, (s, e) => bytes.subarray(s, e), bytes, undefined),
      options,
    );
  }
  if (typeof ReadableStream !== 'undefined' && source instanceof ReadableStream) {
    return streamSource(source, options);
  }
  if (isReader(source)) {
    return checked(readerSource(source), options);
  }
  return streamSource(source as AsyncIterable<Uint8Array>, options);
}

function checked(opened: OpenedSource, options: SourceOptions): OpenedSource {
  if (options.size !== undefined && options.size !== opened.size) {
    throw new DavUsageError(`size is ${options.size}, but the source holds ${opened.size} bytes`);
  }
  const version = options.sourceVersion ?? opened.version;
  return version === opened.version ? opened : { ...opened, version };
}

function seekableSource(
  size: number,
  slice: (start: number, end: number) => RequestBody,
  whole: RequestBody,
  version: string | undefined,
): OpenedSource {
  return {
    size,
    seekable: true,
    version,
    chunk: async (_index, start, end) => slice(start, end),
    release: () => undefined,
    whole: () => whole,
    streamed: size,
  };
}

async function readExactly(reader: RandomAccessReader, start: number, end: number): Promise<Uint8Array> {
  const bytes = await reader.read(start, end);
  if (!(bytes instanceof Uint8Array) || bytes.byteLength !== end - start) {
    const got = bytes instanceof Uint8Array ? `${bytes.byteLength} bytes` : 'no bytes';
    throw new DavUsageError(
      `the reader gave ${got} for bytes ${start} to ${end}: the source is shorter than its size, or changed`,
    );
  }
  return bytes;
}

/**
 * Bytes `start` to `end` of a reader as a request body. Outside browsers, a stream of 1 MiB slices
 * read as the request is sent: `fetch` copies a byte-array body whole (Node's undici does), so a
 * 4 × 8 MiB upload held about three times its chunks; a stream holds a slice. The first slice is read
 * before the request starts, so a source that changed fails the step as itself, not as a network
 * error. Browsers send no request streams over HTTP/1.1: there the chunk is read whole.
 */
async function readerChunk(reader: RandomAccessReader, start: number, end: number): Promise<RequestBody> {
  if (isBrowserLike || end - start <= SLICE) {
    return readExactly(reader, start, end);
  }
  let next: Promise<Uint8Array> | undefined = readExactly(reader, start, start + SLICE);
  await next;
  let at = start + SLICE;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (next === undefined) {
        controller.close();
        return;
      }
      controller.enqueue(await next);
      const stop = Math.min(at + SLICE, end);
      next = at < end ? readExactly(reader, at, stop) : undefined;
      // Read ahead by one slice; a failure surfaces when it is pulled (not as an unhandled rejection
      // if the request stops first).
      next?.catch(() => undefined);
      at = stop;
    },
  });
}

function readerSource(reader: RandomAccessReader): OpenedSource {
  const { size } = reader;
  if (!Number.isSafeInteger(size) || size < 0) {
    throw new DavUsageError('a reader’s size must be a whole number of bytes');
  }
  return {
    size,
    seekable: true,
    version: reader.version,
    chunk: (_index, start, end) => readerChunk(reader, start, end),
    release: () => undefined,
    whole: () => {
      let at = 0;
      return new ReadableStream<Uint8Array>({
        async pull(controller) {
          if (at >= size) {
            controller.close();
            return;
          }
          const end = Math.min(at + SLICE, size);
          controller.enqueue(await readExactly(reader, at, end));
          at = end;
        },
      });
    },
    streamed: size,
  };
}

function iteratorOf(
  source: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>,
): AsyncIterator<Uint8Array> {
  if (Symbol.asyncIterator in source) {
    return (source as AsyncIterable<Uint8Array>)[Symbol.asyncIterator]();
  }
  const reader = (source as ReadableStream<Uint8Array>).getReader();
  return {
    next: async () => {
      const { done, value } = await reader.read();
      return done ? { done: true, value: undefined } : { done: false, value };
    },
    return: async () => {
      await reader.cancel();
      return { done: true, value: undefined };
    },
  };
}

function streamSource(
  source: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>,
  options: SourceOptions,
): OpenedSource {
  const { size, chunkSize } = options;
  if (size !== undefined && (!Number.isSafeInteger(size) || size < 0)) {
    throw new DavUsageError('size must be a whole number of bytes');
  }
  let used = false;
  let chunks: SequentialChunks | undefined;
  const opened = {
    size,
    seekable: false,
    version: options.sourceVersion,
    streamed: 0,
    chunk: (index: number) => {
      if (size === undefined) {
        throw new DavUsageError('sending a stream in chunks needs its size: pass `size`');
      }
      used = true;
      chunks ??= new SequentialChunks(iteratorOf(source), size, chunkSize);
      return chunks.take(index);
    },
    release: (index: number) => chunks?.release(index),
    whole: (): RequestBody => {
      if (used) {
        throw new DavUsageError(
          'a stream source can be sent only once: resending it needs a Blob, bytes or a reader',
        );
      }
      used = true;
      return countedStream(iteratorOf(source), (n) => {
        opened.streamed += n;
      });
    },
  };
  return opened;
}

/** The stream as a request body, counting the bytes it delivers. */
function countedStream(
  iterator: AsyncIterator<Uint8Array>,
  count: (n: number) => void,
): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { done, value } = await iterator.next();
      if (done) {
        controller.close();
        return;
      }
      if (!(value instanceof Uint8Array)) {
        controller.error(
          new DavUsageError('a stream source must yield bytes (Uint8Array), not text or objects'),
        );
        return;
      }
      count(value.byteLength);
      controller.enqueue(value);
    },
    async cancel() {
      await iterator.return?.();
    },
  });
}
