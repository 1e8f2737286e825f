import { DavBodyTooLargeError } from '../errors/transport-errors.ts';
import type { DecodeWarning } from '../model/decode-warning.ts';
import type { DavResponse } from '../model/multistatus.ts';
import type { DecodeOptions } from '../multistatus/decode-options.ts';
import { MultiStatusDecoder, type MultiStatusSummary } from '../multistatus/decoder.ts';
import { ChunkText } from '../transport/chunk-text.ts';
import { decodingPacer, SLICE_LENGTH } from '../transport/incremental.ts';
import { DEFAULT_XML_LIMITS, type XmlLimits } from '../xml/limits.ts';
import { XmlReader } from '../xml/reader.ts';
import { type ChunkSource, chunkSource, type StreamBody } from './body-source.ts';

/**
 * Options of {@link decodeMultiStatusStream}.
 *
 * @group Multi-Status decoding
 */
export interface StreamDecodeOptions extends DecodeOptions {
  /** The body's Content-Type, for its charset (default UTF-8, or what the body's XML declaration says). */
  readonly contentType?: string | null;
  /**
   * What the decode holds at once: nesting depth (128), one `DAV:response` (32 MiB) and one text node
   * or tag (16 MiB) by default. Exceeding a size limit throws `DavBodyTooLargeError`.
   */
  readonly limits?: XmlLimits;
  /**
   * Largest body accepted in total (bytes for byte chunks, characters for string chunks). No limit by
   * default: the stream holds only what `limits` allows, whatever the length of the body.
   */
  readonly maxBodySize?: number;
}

/**
 * The responses of a multistatus as they arrive. Iterate it once with `for await`; once the iteration
 * has finished, `description` and `syncToken` hold the top-level values.
 *
 * @group Multi-Status decoding
 */
export interface MultiStatusStream extends AsyncIterable<DavResponse> {
  /** Top-level `DAV:responsedescription`, known once the stream has ended. */
  readonly description: string | undefined;
  /** `DAV:sync-token`, known once the stream has ended. */
  readonly syncToken: string | undefined;
  /** Whether the whole body was decoded. */
  readonly done: boolean;
  /**
   * What the decoder recovered from so far (prefixes used without a declaration; empty when none):
   * complete once the stream has ended, and equal to `decodeMultiStatus`'s `warnings` then.
   */
  readonly warnings: readonly DecodeWarning[];
}

/** Where a stream's chunks come from, and how to decode them; opened on first iteration. */
export type StreamOpener = () => Promise<{
  readonly source: ChunkSource;
  readonly options: StreamDecodeOptions;
  /** The error to stop with once the caller has given up (an aborted signal), checked before each response. */
  readonly interrupted?: () => Error | undefined;
  /** The request whose body this is, named in `DavBodyTooLargeError`. */
  readonly request?: { readonly method: string; readonly url: string };
}>;

/** A {@link MultiStatusStream} over any chunk source (a body, or an HTTP response opened lazily). */
export class DecodedStream implements MultiStatusStream {
  private summary: MultiStatusSummary | undefined;
  private decoder: MultiStatusDecoder | undefined;
  private used = false;
  private readonly open: StreamOpener;

  constructor(open: StreamOpener) {
    this.open = open;
  }

  get description(): string | undefined {
    return this.summary?.description;
  }

  get syncToken(): string | undefined {
    return this.summary?.syncToken;
  }

  get done(): boolean {
    return this.summary !== undefined;
  }

  get warnings(): readonly DecodeWarning[] {
    return this.summary?.warnings ?? this.decoder?.warnings() ?? [];
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<DavResponse> {
    if (this.used) {
      throw new TypeError('A multistatus stream can be iterated once');
    }
    this.used = true;
    const { source, options, interrupted = notInterrupted, request } = await this.open();
    const queue: DavResponse[] = [];
    const decoder = new MultiStatusDecoder(options, (response) => queue.push(response));
    this.decoder = decoder;
    const limits = options.limits ?? DEFAULT_XML_LIMITS;
    const reader = new XmlReader(decoder, request === undefined ? { limits } : { limits, request });
    const text = new ChunkText(options.contentType ?? null);
    const total = new TotalSize(options.maxBodySize);
    const pacer = decodingPacer();
    let finished = false;
    try {
      for (let next = await source.chunks.next(); !next.done; next = await source.chunks.next()) {
        total.add(next.value);
        const chunk = text.decode(next.value);
        for (let at = 0; at < chunk.length; at += SLICE_LENGTH) {
          const slice = chunk.length <= SLICE_LENGTH ? chunk : chunk.slice(at, at + SLICE_LENGTH);
          const failure = attempt(() => reader.write(slice));
          yield* drain(queue, interrupted);
          if (failure !== undefined) {
            throw failure;
          }
          const pause = pacer.pause();
          if (pause !== undefined) {
            await pause;
          }
        }
      }
      const failure = attempt(() => {
        reader.write(text.end());
        reader.close();
      });
      yield* drain(queue, interrupted);
      if (failure !== undefined) {
        throw failure;
      }
      this.summary = decoder.summary();
      finished = true;
    } finally {
      if (!finished) {
        await source.cancel();
      }
    }
  }
}

/**
 * Runs parser work. A failure is returned, not thrown, so that the responses completed before the
 * point of failure are yielded first, whatever the chunk boundaries.
 */
function attempt(work: () => void): unknown {
  try {
    work();
    return undefined;
  } catch (error) {
    return error;
  }
}

function* drain(queue: DavResponse[], interrupted: () => Error | undefined): Generator<DavResponse> {
  while (queue.length > 0) {
    const stop = interrupted();
    if (stop !== undefined) {
      throw stop;
    }
    yield queue.shift() as DavResponse;
  }
}

const notInterrupted = (): undefined => undefined;

/** The `maxBodySize` of a stream: bytes or characters received so far, against the limit. */
class TotalSize {
  private readonly limit: number;
  private received = 0;

  constructor(limit: number | undefined) {
    this.limit = limit ?? Number.POSITIVE_INFINITY;
  }

  add(chunk: Uint8Array | string): void {
    this.received += typeof chunk === 'string' ? chunk.length : chunk.byteLength;
    if (this.received > this.limit) {
      throw new DavBodyTooLargeError({ limit: this.limit, limitName: 'maxBodySize' });
    }
  }
}

/**
 * Decodes a multistatus while it arrives: each `DAV:response` is yielded as soon as its closing tag
 * has been read, in constant memory, whatever the size of the body. Each value is exactly what
 * `decodeMultiStatus` gives for the same body (the same decoder, fed by davkit's incremental reader).
 *
 * Malformed or hostile input throws `DavParseError` from the iterator where it is found, once every
 * response that closed before that point has been yielded (whatever the chunk boundaries); responses
 * already yielded stay valid. What the decode holds at once is bounded by `limits` (one response,
 * one text node, the depth), and the total by `maxBodySize` when set: past one, `DavBodyTooLargeError`.
 * Breaking out of the loop cancels the body. A long decode hands control
 * back to the event loop every ~10 ms of work, so a page stays responsive even when the whole body
 * is already there (see bench/stream-main-thread.ts).
 *
 * @example
 * ```ts
 * import { decodeMultiStatusStream } from 'davkit/stream';
 *
 * const response = await fetch(url, { method: 'PROPFIND', headers: { Depth: '1' } });
 * const stream = decodeMultiStatusStream(response.body!, { baseUrl: url });
 * for await (const entry of stream) console.log(entry.path);
 * console.log(stream.syncToken);
 * ```
 *
 * @group Multi-Status decoding
 */
export function decodeMultiStatusStream(
  body: StreamBody,
  options: StreamDecodeOptions = {},
): MultiStatusStream {
  return new DecodedStream(async () => ({ source: chunkSource(body), options }));
}
