/**
 * Shared bits of the transfer tests: recognisable bytes, and what an upload's progress looked like.
 */

/** `size` bytes that differ with `seed` and with their offset, so a misplaced range shows. */
export function pattern(size: number, seed = 1): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(size);
  let x = seed * 2654435761;
  for (let i = 0; i < size; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    bytes[i] = x >>> 24;
  }
  return bytes;
}

/** Whether two byte arrays are equal (without a 10 MB diff in the failure message). */
export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.byteLength === b.byteLength && Buffer.compare(Buffer.from(a), Buffer.from(b)) === 0;
}

/** Whether a list of numbers never goes down. */
export function monotonic(values: readonly number[]): boolean {
  return values.every((value, i) => i === 0 || value >= (values[i - 1] as number));
}

export const MiB = 1024 * 1024;
