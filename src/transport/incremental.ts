import type { XmlLimits } from '../xml/limits.ts';
import { ChunkText } from './chunk-text.ts';
import { Pacer, yieldToEventLoop } from './pacer.ts';
import type { Exchange, RawResponse } from './raw-response.ts';
import { type BodyReadOptions, readBodyChunks } from './read-body.ts';

/**
 * A pure reader of a body that arrives as text in pieces (no I/O): the transport feeds it, it builds
 * its value as it goes and hands it over at the end. `write` and `close` throw what the body is not.
 */
export interface IncrementalReader<T> {
  write(text: string): void;
  close(): T;
}

/** How an operation reads its answer: whole, and optionally as it arrives, or not at all (downloads). */
export interface AnswerReader<T> {
  /** Reads the answer with its whole body as text (every failed answer, and 2xx ones by default). */
  readonly read: (raw: RawResponse) => T;
  /**
   * Takes a 2xx answer whose request asked for no reading (`response: 'stream'`): the exchange is
   * handed over unread, for the caller to stream (a GET download, `davkit/stream`).
   */
  readonly takeUnread?: (exchange: Exchange) => T;
  /**
   * Reads a 2xx body as it arrives; the transport uses it when the body is large or of unknown
   * length (no Content-Length, or one above 256 KiB). `head` is the answer without its body.
   */
  readonly readIncrementally?: (head: RawResponse, limits: XmlLimits) => IncrementalReader<T>;
}

/**
 * Bodies longer than this are read incrementally when the operation can: decoding 256 KiB whole
 * holds a browser's main thread for about 25 ms, half the 50 ms at which it reports a long task.
 */
export const INCREMENTAL_FROM: number = 256 * 1024;

/** Whether a success body is read incrementally: its length is unknown or above {@link INCREMENTAL_FROM}. */
export function readsIncrementally(response: Response): boolean {
  const declared = response.headers.get('content-length');
  return declared === null || !(Number(declared) <= INCREMENTAL_FROM);
}

/**
 * Each write to a reader is a stretch of synchronous work; slices bound it, so that the pacer can
 * pause between them even when one chunk holds megabytes (a string body, a fast network).
 */
export const SLICE_LENGTH: number = 16 * 1024;
// Well under the 50 ms at which a browser reports a long task, and rare enough to cost nothing.
const WORK_BUDGET_MS = 10;

/**
 * Feeds text to a reader a slice at a time, handing control back to the event loop whenever the
 * pacer says the work budget is spent (see `Pacer`).
 *
 * @example
 * ```ts
 * await feedPaced(reader, text, new Pacer(10));
 * ```
 */
export async function feedPaced(
  reader: { write(text: string): void },
  text: string,
  pacer: Pacer,
): Promise<void> {
  for (let at = 0; at < text.length; at += SLICE_LENGTH) {
    reader.write(text.length <= SLICE_LENGTH ? text : text.slice(at, at + SLICE_LENGTH));
    const pause = pacer.pause();
    if (pause !== undefined) {
      await pause;
    }
  }
}

/** A pacer with davkit's work budget: at most ~10 ms of decoding before the event loop runs again. */
export function decodingPacer(): Pacer {
  return new Pacer(WORK_BUDGET_MS);
}

/**
 * Reads a body into an incremental reader as it arrives, within the limits of `options` (total size,
 * idle timeout, abort), decoding its charset as `readBodyText` does. The body is never held: what the
 * reader keeps is all that stays. A reader that throws stops the download.
 *
 * @example
 * ```ts
 * const ms = await readIncrementally(response, new MultiStatusReader({ baseUrl }), readOptions);
 * ```
 */
export async function readIncrementally<T>(
  response: Response,
  reader: IncrementalReader<T>,
  options: BodyReadOptions,
): Promise<T> {
  const text = new ChunkText(response.headers.get('content-type'));
  const pacer = decodingPacer();
  const started = performance.now();
  for await (const chunk of readBodyChunks(response, options)) {
    await feedPaced(reader, text.decode(chunk), pacer);
  }
  await feedPaced(reader, text.end(), pacer);
  const value = reader.close();
  if (performance.now() - started > WORK_BUDGET_MS) {
    // A long read: what the caller does with the value (list() makes its entries) starts afresh.
    await yieldToEventLoop();
  }
  return value;
}
