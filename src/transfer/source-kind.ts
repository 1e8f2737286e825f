import { DavUsageError } from '../errors/transport-errors.ts';
import type { RandomAccessReader, UploadSource } from './types.ts';

// What a source may be, on its own: checked as `batch.upload()` is called, without loading the
// upload machinery (the source is opened when the batch runs).

/** Whether a source is a random-access reader `{ size, read }` (not an iterable). */
export function isReader(source: object): source is RandomAccessReader {
  const candidate = source as Partial<RandomAccessReader>;
  return (
    typeof candidate.size === 'number' &&
    typeof candidate.read === 'function' &&
    !(Symbol.asyncIterator in source)
  );
}

/** Whether a source is an `AsyncIterable`. */
export function isAsyncIterable(source: object): source is AsyncIterable<Uint8Array> {
  return Symbol.asyncIterator in source;
}

/**
 * Refuses what cannot be an upload source (before it is opened, which `batch.upload()` leaves to the
 * batch's run): a Blob, bytes, a `ReadableStream`, an `AsyncIterable` or a reader `{ size, read }`.
 *
 * @example
 * ```ts
 * checkSourceKind('text'); // throws DavUsageError
 * ```
 */
export function checkSourceKind(source: unknown): asserts source is UploadSource {
  const known =
    typeof source === 'object' &&
    source !== null &&
    ((typeof Blob !== 'undefined' && source instanceof Blob) ||
      source instanceof ArrayBuffer ||
      ArrayBuffer.isView(source) ||
      (typeof ReadableStream !== 'undefined' && source instanceof ReadableStream) ||
      isReader(source) ||
      isAsyncIterable(source));
  if (!known) {
    throw new DavUsageError(
      'an upload source must be a Blob, bytes, a ReadableStream, an AsyncIterable or a reader { size, read }',
    );
  }
}
