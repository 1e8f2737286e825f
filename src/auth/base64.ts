/**
 * Base64 of a string's UTF-8 bytes, with web APIs only (no `Buffer`), so it runs in browsers too.
 *
 * @example
 * ```ts
 * base64Utf8('zoë:pw'); // 'em/Dqzpwdw=='
 * ```
 */
export function base64Utf8(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) {
    binary += String.fromCharCode(byte);
  }
  return btoa(binary);
}
