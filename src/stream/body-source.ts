/**
 * Bodies the streaming decoder accepts.
 *
 * @group Multi-Status decoding
 */
export type StreamBody =
  | ReadableStream<Uint8Array>
  | AsyncIterable<Uint8Array | string>
  | Iterable<string>
  | string;

/** Chunks of a body, and a way to stop its producer early. */
export interface ChunkSource {
  readonly chunks: AsyncIterator<Uint8Array | string>;
  /** Releases the producer (cancels an HTTP body) when the consumer stops early. */
  cancel(): Promise<void>;
}

function isReadableStream(body: unknown): body is ReadableStream<Uint8Array> {
  return typeof (body as ReadableStream | null)?.getReader === 'function';
}

/** A uniform view of any accepted body. */
export function chunkSource(body: StreamBody): ChunkSource {
  if (typeof body === 'string') {
    return fromIterator([body][Symbol.iterator]());
  }
  if (isReadableStream(body)) {
    const reader = body.getReader();
    return {
      chunks: {
        next: async () => {
          const { done, value } = await reader.read();
          return done ? { done: true, value: undefined } : { done: false, value };
        },
      },
      cancel: async () => {
        await reader.cancel().catch(() => undefined);
      },
    };
  }
  if (Symbol.asyncIterator in body) {
    const iterator = (body as AsyncIterable<Uint8Array | string>)[Symbol.asyncIterator]();
    return {
      chunks: iterator,
      cancel: async () => {
        await iterator.return?.();
      },
    };
  }
  return fromIterator((body as Iterable<string>)[Symbol.iterator]());
}

function fromIterator(iterator: Iterator<string>): ChunkSource {
  return {
    chunks: { next: async () => iterator.next() },
    cancel: async () => {
      iterator.return?.();
    },
  };
}
