/** What a secret is replaced with, in text and in bytes. */
export const REDACTED = '[REDACTED]';

const REPLACEMENT = new TextEncoder().encode(REDACTED);
const EMPTY = new Uint8Array(0);

/** First index of `needle` in `haystack` at or after `from`, or -1. */
function indexOfBytes(haystack: Uint8Array, needle: Uint8Array, from: number): number {
  const last = haystack.length - needle.length;
  const first = needle[0] as number;
  for (
    let at = haystack.indexOf(first, from);
    at !== -1 && at <= last;
    at = haystack.indexOf(first, at + 1)
  ) {
    let same = true;
    for (let k = 1; k < needle.length && same; k++) {
      same = haystack[at + k] === needle[k];
    }
    if (same) {
      return at;
    }
  }
  return -1;
}

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
  readonly #patterns: readonly Uint8Array[];
  readonly #hold: number;
  #carry: Uint8Array = EMPTY;

  constructor(patterns: readonly Uint8Array[]) {
    this.#patterns = [...patterns].filter((p) => p.length > 0).sort((a, b) => b.length - a.length);
    this.#hold = Math.max(0, (this.#patterns[0]?.length ?? 1) - 1);
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

  /** Replaces matches that start before `limit`; keeps the rest for later. */
  #release(work: Uint8Array, limit: number): Uint8Array {
    const parts: Uint8Array[] = [];
    let position = 0;
    for (;;) {
      let start = -1;
      let length = 0;
      for (const pattern of this.#patterns) {
        const at = indexOfBytes(work, pattern, position);
        if (at !== -1 && at < limit && (start === -1 || at < start)) {
          start = at;
          length = pattern.length;
        }
      }
      if (start === -1) {
        break;
      }
      parts.push(work.subarray(position, start), REPLACEMENT);
      position = start + length;
    }
    const released = Math.max(position, limit);
    parts.push(work.subarray(position, released));
    this.#carry = work.slice(released);
    return concat(parts);
  }
}
