import { DavAbortError, DavNetworkError, DavTimeoutError } from '../errors/transport-errors.ts';
import { safeCause } from '../utils/redact.ts';

/** How far reading a body may run ahead of the sink that writes it. */
export const READ_AHEAD_BYTES: number = 8 * 1024 * 1024;

// Bodies arrive in pieces of 16 to 64 KiB; a sink (a file) is written in pieces up to this size.
const WRITE_SIZE = 1024 * 1024;

/** How a body is read: the longest wait for a piece, the caller's signal, and what errors name. */
export interface PumpOptions {
  /** Longest wait for the next piece, in ms (`false`: none). */
  readonly idleTimeout: number | false;
  readonly signal?: AbortSignal | undefined;
  readonly method: string;
  readonly url: string;
}

/** The queued pieces, joined up to `most` bytes (one piece as it is), or `undefined` when none. */
function takeUpTo(queue: Uint8Array[], most: number): Uint8Array | undefined {
  const first = queue.shift();
  let count = 0;
  let length = first?.byteLength ?? 0;
  while (count < queue.length && length + (queue[count] as Uint8Array).byteLength <= most) {
    length += (queue[count] as Uint8Array).byteLength;
    count++;
  }
  if (first === undefined || count === 0) {
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

/** Stops a body reader when no piece came for `idle` ms; `stop()` ends the watch. */
function watchIdle(idle: number | false, lastPiece: () => number, onIdle: () => void): () => void {
  if (idle === false) {
    return () => undefined;
  }
  const timer = setInterval(
    () => {
      if (Date.now() - lastPiece() > idle) {
        onIdle();
      }
    },
    Math.max(Math.min(idle / 4, 1000), 10),
  );
  return () => clearInterval(timer);
}

/**
 * Reads a body piece by piece, calling `push` for each; one watchdog for the idle timeout and one
 * listener for the signal for the whole body (not a timer per piece: a 1 GiB download has ~16,000).
 * Failures are davkit's errors: `DavNetworkError`, `DavTimeoutError`, `DavAbortError`.
 */
async function readPieces(
  response: Response,
  options: PumpOptions,
  push: (piece: Uint8Array) => Promise<void>,
): Promise<void> {
  const context = { method: options.method, url: options.url };
  const reader = response.body?.getReader();
  if (reader === undefined) {
    return;
  }
  let stopped: 'timeout' | 'aborted' | undefined;
  let last = Date.now();
  const stopWith = (why: 'timeout' | 'aborted') => () => {
    stopped ??= why;
    void reader.cancel().catch(() => undefined);
  };
  const unwatch = watchIdle(options.idleTimeout, () => last, stopWith('timeout'));
  const onAbort = stopWith('aborted');
  options.signal?.addEventListener('abort', onAbort, { once: true });
  const stopError = () =>
    stopped === 'timeout'
      ? new DavTimeoutError({ ...context, timeout: options.idleTimeout as number })
      : new DavAbortError(context);
  try {
    if (options.signal?.aborted) {
      throw new DavAbortError(context);
    }
    for (let done = false; !done; ) {
      const result = await reader.read().catch((error: unknown) => {
        throw stopped === undefined
          ? new DavNetworkError({
              ...context,
              cause: safeCause(error),
              detail: 'the connection broke while the body was read',
            })
          : stopError();
      });
      if (stopped !== undefined || options.signal?.aborted) {
        throw stopError();
      }
      last = Date.now();
      done = result.done;
      if (!result.done) {
        await push(result.value);
      }
    }
  } finally {
    unwatch();
    options.signal?.removeEventListener('abort', onAbort);
    await reader.cancel().catch(() => undefined);
  }
}

/**
 * Reads a response body and hands it to `write` in pieces of up to 1 MiB, reading on while the sink
 * writes (up to `limit` bytes ahead). Network and disk work overlap; and the body is drained as it
 * arrives, so Node's HTTP client is not left paused by backpressure: in the undici of Node 22 and 24,
 * a connection that breaks while it is paused throws an uncatchable assertion from a socket handler
 * (nodejs/undici#5360) instead of failing the read. A sink more than `limit` behind still pauses it.
 *
 * A failure of either side stops both and rejects with it (the body's after what arrived before it
 * was written).
 *
 * @example
 * ```ts
 * await pumpBody(response, { idleTimeout: 30_000, method: 'GET', url }, async (chunk) => sink.write(chunk));
 * ```
 */
export async function pumpBody(
  response: Response,
  options: PumpOptions,
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
  const reading = readPieces(response, { ...options, signal }, async (piece) => {
    queue.push(piece);
    queued += piece.byteLength;
    wakeWriter?.();
    while (queued > limit && !stop.signal.aborted) {
      await new Promise<void>((resolve) => {
        wakeReader = resolve;
      });
    }
  })
    .catch((error: unknown) => {
      failure ??= error;
    })
    .finally(() => {
      ended = true;
      wakeWriter?.();
    });
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
    throw failure;
  }
}
