import { longestReferenced, referencedSecrets } from './referenced-secret.ts';

/** What a secret is replaced with, in text and in bytes. */
export const REDACTED = '[REDACTED]';

const encoder = new TextEncoder();
const REPLACEMENT = encoder.encode(REDACTED);
const EMPTY = new Uint8Array(0);

// windows-1252 (what the "latin1" label decodes) turns every byte into exactly one character, so a
// byte offset is a character offset: the search runs on native string matching.
const BYTES_AS_TEXT = new TextDecoder('latin1');

function concat(parts: readonly Uint8Array[]): Uint8Array {
  if (parts.length === 1) {
    return parts[0] as Uint8Array;
  }
  const joined = new Uint8Array(parts.reduce((sum, part) => sum + part.byteLength, 0));
  let offset = 0;
  for (const part of parts) {
    joined.set(part, offset);
    offset += part.byteLength;
  }
  return joined;
}

/**
 * Replaces byte patterns (the UTF-8 spellings of secrets) in a body read chunk by chunk. A secret may
 * straddle two chunks, so the last `longest - 1` bytes of each chunk are held back until the next one
 * (or the end) shows whether they start a secret. Leftmost match first; at one position, the longest.
 *
 * @example
 * ```ts
 * const redaction = new ByteRedaction([new TextEncoder().encode('tok-123')]);
 * redaction.push(bytes('echo tok-')); // 'echo ' (the rest is held back)
 * redaction.push(bytes('123 done'));  // 'tok-123 d' → '[REDACTED] d'
 * redaction.end();                     // 'one'
 * ```
 */
export class ByteRedaction {
  /** The patterns as one character per byte (see `BYTES_AS_TEXT`), longest first. */
  readonly #patterns: readonly string[];
  readonly #referenced: RegExp | undefined;
  readonly #hold: number;
  #carry: Uint8Array = EMPTY;

  /**
   * `patterns`: byte spellings to replace; `referenced`: secrets to find also when spelled with XML
   * character references (see `referencedSecrets`).
   */
  constructor(patterns: readonly Uint8Array[], referenced: readonly string[] = []) {
    this.#patterns = patterns
      .filter((p) => p.length > 0)
      .map((p) => BYTES_AS_TEXT.decode(p))
      .sort((a, b) => b.length - a.length);
    this.#referenced = referencedSecrets(referenced, (char) => BYTES_AS_TEXT.decode(encoder.encode(char)));
    const longest = Math.max(this.#patterns[0]?.length ?? 1, ...referenced.map(longestReferenced));
    this.#hold = Math.max(0, longest - 1);
  }

  /** The bytes that can be released once `chunk` has arrived, secrets replaced. */
  push(chunk: Uint8Array): Uint8Array {
    const work = this.#carry.length === 0 ? chunk : concat([this.#carry, chunk]);
    return this.#release(work, Math.max(0, work.length - this.#hold));
  }

  /** The bytes held back, at the end of the body. */
  end(): Uint8Array {
    const work = this.#carry;
    return work.length === 0 ? EMPTY : this.#release(work, work.length);
  }

  /** Every match starting before `limit`, leftmost first and, at one place, the longest. */
  #matches(work: Uint8Array, limit: number): [number, number][] {
    const text = BYTES_AS_TEXT.decode(work);
    const found: [number, number][] = [];
    for (const pattern of this.#patterns) {
      for (let at = text.indexOf(pattern); at !== -1 && at < limit; at = text.indexOf(pattern, at + 1)) {
        found.push([at, pattern.length]);
      }
    }
    if (this.#referenced !== undefined && text.includes('&')) {
      for (const match of text.matchAll(this.#referenced)) {
        if (match.index < limit) {
          found.push([match.index, match[0].length]);
        }
      }
    }
    return found.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  }

  /** Replaces matches that start before `limit`; keeps the rest for later. */
  #release(work: Uint8Array, limit: number): Uint8Array {
    const parts: Uint8Array[] = [];
    let position = 0;
    for (const [start, length] of this.#matches(work, limit)) {
      if (start >= position) {
        parts.push(work.subarray(position, start), REPLACEMENT);
        position = start + length;
      }
    }
    const released = Math.max(position, limit);
    parts.push(work.subarray(position, released));
    this.#carry = work.slice(released);
    return concat(parts);
  }
}
