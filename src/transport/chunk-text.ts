import { BodyTextDecoder } from './charset.ts';

/**
 * Text of a body's chunks in order, whatever mix of bytes and strings they are: bytes go through one
 * charset-sniffing decoder (see `BodyTextDecoder`), and a string chunk first takes out the bytes that
 * decoder still holds.
 *
 * @example
 * ```ts
 * const text = new ChunkText(response.headers.get('content-type'));
 * for await (const chunk of chunks) reader.write(text.decode(chunk));
 * reader.write(text.end());
 * ```
 */
export class ChunkText {
  private readonly bytes: BodyTextDecoder;
  private holding = false;

  constructor(contentType: string | null) {
    this.bytes = new BodyTextDecoder(contentType);
  }

  /** The text of the next chunk (possibly `''` while the head of the body is being sniffed). */
  decode(chunk: Uint8Array | string): string {
    if (typeof chunk !== 'string') {
      this.holding = true;
      return this.bytes.push(chunk);
    }
    return this.holding ? this.end() + chunk : chunk;
  }

  /** The text still held once the chunks have ended. */
  end(): string {
    if (!this.holding) {
      return '';
    }
    this.holding = false;
    return this.bytes.end();
  }
}
