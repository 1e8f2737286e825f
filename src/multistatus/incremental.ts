import type { DavResponse, MultiStatus } from '../model/multistatus.ts';
import { XmlReader } from '../xml/reader.ts';
import type { DecodeMultiStatusOptions } from './decode.ts';
import { MultiStatusDecoder } from './decoder.ts';

/**
 * Decodes a multistatus that arrives in pieces, with davkit's incremental XML reader: `write` each
 * piece of text, `close` at the end for exactly what {@link decodeMultiStatus} gives for the whole
 * text (the parity tests and the fuzz run hold both to that). Only the responses decoded so far and
 * the unfinished markup are held, never the body.
 *
 * @example
 * ```ts
 * const reader = new MultiStatusReader({ baseUrl: 'https://host/dav/' });
 * for (const piece of pieces) reader.write(piece);
 * const ms = reader.close();
 * ```
 */
export class MultiStatusReader {
  private readonly responses: DavResponse[] = [];
  private readonly decoder: MultiStatusDecoder;
  private readonly reader: XmlReader;

  /** `request` is named in `DavBodyTooLargeError` when a limit is hit. */
  constructor(
    options: DecodeMultiStatusOptions,
    request?: { readonly method: string; readonly url: string },
  ) {
    this.decoder = new MultiStatusDecoder(options, (response) => this.responses.push(response));
    this.reader = new XmlReader(this.decoder, {
      ...(options.limits === undefined ? {} : { limits: options.limits }),
      ...(request === undefined ? {} : { request }),
    });
  }

  /** Reads the next piece of the body. */
  write(text: string): void {
    this.reader.write(text);
  }

  /** The body has ended: the decoded multistatus. */
  close(): MultiStatus {
    this.reader.close();
    return { kind: 'multistatus', responses: this.responses, ...this.decoder.summary() };
  }
}
