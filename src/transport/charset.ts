const CHARSET = /;\s*charset\s*=\s*(?:"([^"]*)"|([^;\s]*))/i;
const XML_ENCODING = /^<\?xml[^>]*\sencoding\s*=\s*["']([A-Za-z][\w.:-]*)["']/;

/**
 * Chooses the text decoding for a body: a byte-order mark first, then the Content-Type charset, then
 * the XML declaration's encoding, then UTF-8. An unknown label falls back to UTF-8 (decoded safely,
 * never rejected: invalid bytes become U+FFFD).
 *
 * @see https://www.rfc-editor.org/rfc/rfc7303#section-3.2
 * @example
 * ```ts
 * chooseDecoder('text/xml; charset="iso-8859-1"', head).encoding; // 'windows-1252'
 * ```
 */
export function chooseDecoder(contentType: string | null, firstBytes: Uint8Array): TextDecoder {
  return makeDecoder(chooseLabel(contentType, firstBytes));
}

function chooseLabel(contentType: string | null, firstBytes: Uint8Array): string {
  return bomLabel(firstBytes) ?? charsetOf(contentType) ?? xmlDeclaredEncoding(firstBytes) ?? 'utf-8';
}

// Decoders for whole bodies, by label: decoding in one call keeps no state, so one per encoding serves
// every response (and building a TextDecoder per response is a measurable cost for small answers).
const WHOLE_BODY_DECODERS = new Map<string, TextDecoder>();

function sharedDecoder(label: string): TextDecoder {
  let decoder = WHOLE_BODY_DECODERS.get(label.toLowerCase());
  if (decoder === undefined) {
    decoder = makeDecoder(label);
    if (WHOLE_BODY_DECODERS.size < 16) {
      WHOLE_BODY_DECODERS.set(label.toLowerCase(), decoder); // bounded: labels come from servers
    }
  }
  return decoder;
}

/**
 * Decodes a whole body at once (see `chooseDecoder` for the encoding), with one shared decoder for
 * UTF-8: no state is kept between calls when a body is decoded in one go.
 */
export function decodeWhole(contentType: string | null, chunks: readonly Uint8Array[]): string {
  let bytes: Uint8Array;
  if (chunks.length === 1) {
    bytes = chunks[0] as Uint8Array;
  } else {
    bytes = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.byteLength, 0));
    let offset = 0;
    for (const chunk of chunks) {
      bytes.set(chunk, offset);
      offset += chunk.byteLength;
    }
  }
  if (bytes.byteLength === 0) {
    return '';
  }
  return sharedDecoder(chooseLabel(contentType, bytes.subarray(0, 256))).decode(bytes);
}

function makeDecoder(label: string): TextDecoder {
  try {
    return new TextDecoder(label);
  } catch {
    return new TextDecoder('utf-8');
  }
}

function bomLabel(bytes: Uint8Array): string | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return 'utf-8';
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return 'utf-16le';
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return 'utf-16be';
  }
  return undefined;
}

/**
 * The `charset` parameter of a Content-Type, quoted or not (Apache quotes it).
 *
 * @example
 * ```ts
 * charsetOf('text/xml; charset="utf-8"'); // 'utf-8'
 * ```
 */
export function charsetOf(contentType: string | null | undefined): string | undefined {
  const match = contentType ? CHARSET.exec(contentType) : null;
  const label = match?.[1] ?? match?.[2];
  return label ? label.trim() : undefined;
}

function xmlDeclaredEncoding(bytes: Uint8Array): string | undefined {
  let head = '';
  for (let i = 0; i < Math.min(bytes.length, 200); i++) {
    head += String.fromCharCode(bytes[i] as number);
  }
  return XML_ENCODING.exec(head)?.[1];
}

const SNIFF_BYTES = 256;

/**
 * Decodes a body arriving in chunks of any size (down to one byte), choosing the encoding once
 * enough of the head has arrived to see a byte-order mark or an XML declaration.
 *
 * @example
 * ```ts
 * const decoder = new BodyTextDecoder(response.headers.get('content-type'));
 * for await (const chunk of chunks) text += decoder.push(chunk);
 * text += decoder.end();
 * ```
 */
export class BodyTextDecoder {
  private decoder: TextDecoder | undefined;
  private head: Uint8Array[] = [];
  private headLength = 0;
  private readonly contentType: string | null;

  constructor(contentType: string | null) {
    this.contentType = contentType;
  }

  /** Text decoded so far from this chunk (possibly `''` while the head is still being sniffed). */
  push(chunk: Uint8Array): string {
    if (this.decoder !== undefined) {
      return this.decoder.decode(chunk, { stream: true });
    }
    this.head.push(chunk);
    this.headLength += chunk.byteLength;
    return this.headLength >= SNIFF_BYTES ? this.flushHead() : '';
  }

  /** The rest of the text once the body has ended. */
  end(): string {
    const rest = this.decoder === undefined ? this.flushHead() : '';
    return rest + (this.decoder as TextDecoder).decode();
  }

  private flushHead(): string {
    const head = new Uint8Array(this.headLength);
    let offset = 0;
    for (const part of this.head) {
      head.set(part, offset);
      offset += part.byteLength;
    }
    this.head = [];
    this.decoder = chooseDecoder(this.contentType, head);
    return this.decoder.decode(head, { stream: true });
  }
}
