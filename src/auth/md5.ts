/**
 * MD5 for HTTP Digest authentication (RFC 7616 still names it the default algorithm, and Web Crypto
 * does not offer it). Not for anything security-sensitive beyond that protocol.
 *
 * @see https://www.rfc-editor.org/rfc/rfc1321
 */

const SHIFTS = [7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21];
const CONSTANTS = Array.from({ length: 64 }, (_, i) => Math.floor(Math.abs(Math.sin(i + 1)) * 2 ** 32) >>> 0);

function pad(bytes: Uint8Array): Uint32Array {
  const length = (((bytes.length + 8) >>> 6) + 1) * 16;
  const words = new Uint32Array(length);
  for (let i = 0; i < bytes.length; i++) {
    words[i >> 2] = (words[i >> 2] as number) | ((bytes[i] as number) << ((i % 4) * 8));
  }
  words[bytes.length >> 2] = (words[bytes.length >> 2] as number) | (0x80 << ((bytes.length % 4) * 8));
  const bits = bytes.length * 8;
  words[length - 2] = bits >>> 0;
  words[length - 1] = Math.floor(bits / 2 ** 32);
  return words;
}

function round(i: number, b: number, c: number, d: number): [number, number] {
  if (i < 16) {
    return [(b & c) | (~b & d), i];
  }
  if (i < 32) {
    return [(d & b) | (~d & c), (5 * i + 1) % 16];
  }
  if (i < 48) {
    return [b ^ c ^ d, (3 * i + 5) % 16];
  }
  return [c ^ (b | ~d), (7 * i) % 16];
}

/** Hex MD5 of a string's UTF-8 bytes. @example `md5Hex('')` → `'d41d8cd98f00b204e9800998ecf8427e'` */
export function md5Hex(text: string): string {
  const words = pad(new TextEncoder().encode(text));
  const state = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476];
  for (let block = 0; block < words.length; block += 16) {
    let [a, b, c, d] = state as [number, number, number, number];
    for (let i = 0; i < 64; i++) {
      const [f, g] = round(i, b, c, d);
      const sum = (a + f + (CONSTANTS[i] as number) + (words[block + g] as number)) | 0;
      const shift = SHIFTS[(i >> 4) * 4 + (i % 4)] as number;
      a = d;
      d = c;
      c = b;
      b = (b + ((sum << shift) | (sum >>> (32 - shift)))) | 0;
    }
    state[0] = ((state[0] as number) + a) | 0;
    state[1] = ((state[1] as number) + b) | 0;
    state[2] = ((state[2] as number) + c) | 0;
    state[3] = ((state[3] as number) + d) | 0;
  }
  return state
    .map((word) =>
      Array.from({ length: 4 }, (_, i) => ((word >>> (i * 8)) & 0xff).toString(16).padStart(2, '0')).join(''),
    )
    .join('');
}
