/**
 * Reads a `Retry-After` header (delta-seconds or an HTTP date) into milliseconds from now.
 *
 * @example
 * ```ts
 * parseRetryAfter('120');                           // 120000
 * parseRetryAfter('Wed, 21 Oct 2026 07:28:00 GMT'); // ms until then (0 if past)
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-10.2.3
 */
export function parseRetryAfter(value: string | undefined, now: number = Date.now()): number | undefined {
  const text = value?.trim();
  if (!text) {
    return undefined;
  }
  if (/^\d+$/.test(text)) {
    return Number(text) * 1000;
  }
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
