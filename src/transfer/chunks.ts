import { checkCount } from '../checks/arguments.ts';
import { DavUsageError } from '../errors/transport-errors.ts';
import type { ChosenStrategy } from './types.ts';

/** One chunk of a file: bytes `start` (included) to `end` (excluded). */
export interface Chunk {
  readonly index: number;
  readonly start: number;
  readonly end: number;
}

/** Default chunk size: 8 MiB, above Nextcloud's 5 MiB floor and small enough to re-send cheaply. */
export const DEFAULT_CHUNK_SIZE: number = 8 * 1024 * 1024;

const MAX_CHUNK_SIZE = 2 ** 32;
// Nextcloud's chunking v2: chunks of 5 MiB to 5 GiB (the last may be smaller), numbered 1 to 10000.
const NEXTCLOUD_MIN = 5 * 1024 * 1024;
const NEXTCLOUD_MAX = 5 * 1024 ** 3;
const NEXTCLOUD_CHUNKS = 10_000;

/**
 * Checks a chunk size: a whole number of bytes from 1 to 4 GiB.
 *
 * @example
 * ```ts
 * checkChunkSize(8 * 1024 * 1024); // fine; 0, 1.5 or '8M' throw DavUsageError
 * ```
 */
export function checkChunkSize(chunkSize: unknown): void {
  checkCount(chunkSize, 'chunkSize', 1);
  if ((chunkSize as number) > MAX_CHUNK_SIZE) {
    throw new DavUsageError(`chunkSize must be at most ${MAX_CHUNK_SIZE} bytes (4 GiB)`);
  }
}

/** Checks what Nextcloud's chunking v2 allows for a file of `size` bytes. */
export function checkNextcloudChunks(size: number, chunkSize: number): void {
  if (size > chunkSize && (chunkSize < NEXTCLOUD_MIN || chunkSize > NEXTCLOUD_MAX)) {
    throw new DavUsageError('Nextcloud chunking needs a chunkSize from 5 MiB to 5 GiB');
  }
  if (Math.ceil(size / chunkSize) > NEXTCLOUD_CHUNKS) {
    throw new DavUsageError(`Nextcloud chunking allows ${NEXTCLOUD_CHUNKS} chunks at most: raise chunkSize`);
  }
}

/**
 * The chunks of a file of `size` bytes (one empty chunk for an empty file).
 *
 * @example
 * ```ts
 * chunksOf(10, 4); // [{ index: 0, start: 0, end: 4 }, { index: 1, start: 4, end: 8 }, { index: 2, start: 8, end: 10 }]
 * ```
 */
export function chunksOf(size: number, chunkSize: number): Chunk[] {
  const chunks: Chunk[] = [];
  for (let start = 0, index = 0; start < size || index === 0; start += chunkSize, index++) {
    chunks.push({ index, start, end: Math.min(start + chunkSize, size) });
  }
  return chunks;
}

/** The chunks one strategy writes: `'single'` writes the whole file as one. */
export function chunksFor(strategy: ChosenStrategy, size: number, chunkSize: number): Chunk[] {
  return strategy === 'single' ? [{ index: 0, start: 0, end: size }] : chunksOf(size, chunkSize);
}
