import { MultiStatusDecoder, type MultiStatusSummary } from '../multistatus/decoder.ts';
import type { DavResponse, DecodeOptions } from '../multistatus/types.ts';
import { BodyTextDecoder } from '../transport/charset.ts';
import { DEFAULT_XML_LIMITS, type XmlLimits } from '../xml/well-formed.ts';
import { type ChunkSource, chunkSource, type StreamBody } from './body-source.ts';
import { SaxesEventSource } from './saxes-source.ts';

/** Options of {@link decodeMultiStatusStream}. */
export interface StreamDecodeOptions extends DecodeOptions {
  /** The body's Content-Type, for its charset (default UTF-8, or what the body's XML declaration says). */
  readonly contentType?: string | null;
  readonly limits?: XmlLimits;
}

/**
 * The responses of a multistatus as they arrive. Iterate it once with `for await`; once the iteration
 * has finished, `description` and `syncToken` hold the top-level values.
 */
export interface MultiStatusStream extends AsyncIterable<DavResponse> {
  /** Top-level `DAV:responsedescription`, known once the stream has ended. */
  readonly description: string | undefined;
  /** `DAV:sync-token`, known once the stream has ended. */
  readonly syncToken: string | undefined;
  /** Whether the whole body was decoded. */
  readonly done: boolean;
}

/** Where a stream's chunks come from, and how to decode them; opened on first iteration. */
export type StreamOpener = () => Promise<{
  readonly source: ChunkSource;
  readonly options: StreamDecodeOptions;
}>;

/** A {@link MultiStatusStream} over any chunk source (a body, or an HTTP response opened lazily). */
export class DecodedStream implements MultiStatusStream {
  private summary: MultiStatusSummary | undefined;
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

  async *[Symbol.asyncIterator](): AsyncGenerator<DavResponse> {
    if (this.used) {
      throw new TypeError('A multistatus stream can be iterated once');
    }
    this.used = true;
    const { source, options } = await this.open();
    const queue: DavResponse[] = [];
    const decoder = new MultiStatusDecoder(options, (response) => queue.push(response));
    const parser = new SaxesEventSource(decoder, options.limits ?? DEFAULT_XML_LIMITS);
    const text = new BodyTextDecoder(options.contentType ?? null);
    let finished = false;
    try {
      for (let next = await source.chunks.next(); !next.done; next = await source.chunks.next()) {
        parser.write(typeof next.value === 'string' ? next.value : text.push(next.value));
        yield* drain(queue);
      }
      parser.write(text.end());
      parser.close();
      yield* drain(queue);
      this.summary = decoder.summary();
      finished = true;
    } finally {
      if (!finished) {
        await source.cancel();
      }
    }
  }
}

function* drain(queue: DavResponse[]): Generator<DavResponse> {
  while (queue.length > 0) {
    yield queue.shift() as DavResponse;
  }
}

/**
 * Decodes a multistatus while it arrives: each `DAV:response` is yielded as soon as its closing tag
 * has been read, in constant memory, whatever the size of the body. Each value is exactly what
 * `decodeMultiStatus` gives for the same body (the same decoder, fed by a streaming parser).
 *
 * Malformed or hostile input throws `DavParseError` from the iterator where it is found; responses
 * already yielded stay valid. Breaking out of the loop cancels the body.
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
 */
export function decodeMultiStatusStream(
  body: StreamBody,
  options: StreamDecodeOptions = {},
): MultiStatusStream {
  return new DecodedStream(async () => ({ source: chunkSource(body), options }));
}
