import { type BodyReadOptions, readBodyChunks } from '../transport/read-body.ts';

/** How far reading a body may run ahead of the sink that writes it. */
export const READ_AHEAD_BYTES: number = 8 * 1024 * 1024;

// Bodies arrive in pieces of 16 to 64 KiB; a sink (a file) is written in pieces up to this size.
const WRITE_SIZE = 1024 * 1024;

/** The queued pieces, joined up to `most` bytes (one piece as it is), or `undefined` when none. */
function takeUpTo(queue: Uint8Array[], most: number): Uint8Array | undefined {
  const first = queue.shift();
  if (first === undefined || queue.length === 0 || first.byteLength >= most) {
    return first;
  }
  let length = first.byteLength;
  let count = 0;
  while (count < queue.length && length + (queue[count] as Uint8Array).byteLength <= most) {
    length += (queue[count] as Uint8Array).byteLength;
    count++;
  }
  if (count === 0) {
    return first;
  }
  const joined = new Uint8Array(length);
  joined.set(first);
  let at = first.byteLength;
  for (const piece of queue.splice(0, count)) {
    joined.set(piece, at);
    at += piece.byteLength;
  }
  return joined;
}

/**
 * Reads a response body and hands each chunk to `write`, reading on while the sink writes (up to
 * `limit` bytes ahead). Network and disk work overlap; and the body is drained as it arrives, so
 * Node's HTTP client is not left paused by backpressure: in the undici of Node 22 and 24, a connection
 * that breaks while it is paused throws an uncatchable assertion from a socket handler
 * (nodejs/undici#5360) instead of failing the read. A sink more than `limit` behind still pauses it.
 *
 * A failure of either side stops both and rejects with it.
 *
 * @example
 * ```ts
 * await pumpBody(response, readOptions, async (chunk) => sink.write(chunk));
 * ```
 */
export async function pumpBody(
  response: Response,
  options: BodyReadOptions,
  write: (chunk: Uint8Array) => Promise<void>,
  limit: number = READ_AHEAD_BYTES,
): Promise<void> {
  const stop = new AbortController();
  const signal = options.signal === undefined ? stop.signal : AbortSignal.any([options.signal, stop.signal]);
  const queue: Uint8Array[] = [];
  let queued = 0;
  let ended = false;
  let failure: unknown;
  let wakeWriter: (() => void) | undefined;
  let wakeReader: (() => void) | undefined;
  const reading = (async () => {
    try {
      for await (const chunk of readBodyChunks(response, { ...options, signal })) {
        queue.push(chunk);
        queued += chunk.byteLength;
        wakeWriter?.();
        while (queued > limit && !stop.signal.aborted) {
          await new Promise<void>((resolve) => {
            wakeReader = resolve;
          });
        }
      }
    } catch (error) {
      failure ??= error;
    } finally {
      ended = true;
      wakeWriter?.();
    }
  })();
  try {
    for (;;) {
      const chunk = takeUpTo(queue, WRITE_SIZE);
      if (chunk !== undefined) {
        queued -= chunk.byteLength;
        wakeReader?.();
        await write(chunk);
        continue;
      }
      if (ended) {
        break;
      }
      await new Promise<void>((resolve) => {
        wakeWriter = resolve;
      });
    }
  } catch (error) {
    failure ??= error;
    stop.abort();
    wakeReader?.();
  }
  await reading;
  if (failure !== undefined) {
    // The first failure: a sink's own, or the body's (after what arrived before it was written).
    throw failure;
  }
}
