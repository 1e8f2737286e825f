import { DavUsageError } from '../errors/transport-errors.ts';

/**
 * Cuts a stream that can be read only once into chunks of `chunkSize` bytes, in order. A chunk is
 * kept from when it is read until `release()`, so that a chunk whose request failed can be sent again
 * in this process; chunks asked for out of order are read (and kept) on the way. Anything that would
 * give wrong bytes (a chunk already released, a stream shorter or longer than `size`) throws.
 */
export class SequentialChunks {
  readonly #iterator: AsyncIterator<Uint8Array>;
  readonly #size: number;
  readonly #chunkSize: number;
  readonly #kept = new Map<number, Uint8Array>();
  #next = 0;
  #leftover: Uint8Array | undefined;
  #reading: Promise<unknown> = Promise.resolve();

  constructor(iterator: AsyncIterator<Uint8Array>, size: number, chunkSize: number) {
    this.#iterator = iterator;
    this.#size = size;
    this.#chunkSize = chunkSize;
  }

  /** The bytes of chunk `index`, read now if not yet. */
  take(index: number): Promise<Uint8Array> {
    const reading = this.#reading.then(() => this.#readUpTo(index));
    this.#reading = reading.catch(() => undefined);
    return reading;
  }

  /** The chunk was confirmed: its bytes are not needed any more. */
  release(index: number): void {
    this.#kept.delete(index);
  }

  async #readUpTo(index: number): Promise<Uint8Array> {
    while (this.#next <= index) {
      const start = this.#next * this.#chunkSize;
      const length = Math.min(this.#chunkSize, this.#size - start);
      this.#kept.set(this.#next, await this.#read(length));
      this.#next++;
      if (start + length >= this.#size) {
        await this.#expectEnd();
      }
    }
    const kept = this.#kept.get(index);
    if (kept === undefined) {
      throw new DavUsageError(
        `chunk ${index} of the stream was already sent and released: a stream cannot be read twice (resuming needs a Blob, bytes or a reader)`,
      );
    }
    return kept;
  }

  async #read(length: number): Promise<Uint8Array> {
    const out = new Uint8Array(length);
    let filled = 0;
    while (filled < length) {
      const piece = this.#leftover ?? (await this.#piece());
      this.#leftover = undefined;
      const take = Math.min(piece.byteLength, length - filled);
      out.set(piece.subarray(0, take), filled);
      filled += take;
      if (take < piece.byteLength) {
        this.#leftover = piece.subarray(take);
      }
    }
    return out;
  }

  async #piece(): Promise<Uint8Array> {
    const { done, value } = await this.#iterator.next();
    if (done) {
      throw new DavUsageError(`the source ended before the ${this.#size} bytes its size promised`);
    }
    if (!(value instanceof Uint8Array)) {
      throw new DavUsageError('a stream source must yield bytes (Uint8Array), not text or objects');
    }
    return value;
  }

  /** Refuses a stream longer than its size: the file would silently lose its end. */
  async #expectEnd(): Promise<void> {
    if (this.#leftover !== undefined && this.#leftover.byteLength > 0) {
      throw new DavUsageError(`the source is longer than its size (${this.#size} bytes)`);
    }
    for (;;) {
      const { done, value } = await this.#iterator.next();
      if (done) {
        return;
      }
      if (value.byteLength > 0) {
        throw new DavUsageError(`the source is longer than its size (${this.#size} bytes)`);
      }
    }
  }
}
