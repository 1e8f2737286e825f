// Engines copy a substring this short anyway (V8: SlicedString::kMinLength).
const SHARED_FROM = 13;

/**
 * A copy of `text` that does not share the string it was cut from. A substring of a longer string may
 * be a view of it (V8 makes one from 13 characters on), so a value kept in a result would keep the
 * whole piece of the body it was read from: a 100,000-entry listing would hold its body. Values that
 * results keep (hrefs, text properties) go through this; values made anew (dates, numbers) need not.
 *
 * @example
 * ```ts
 * const href = detached(trimXml(element.text));
 * ```
 */
export function detached(text: string): string {
  return text.length < SHARED_FROM ? text : ` ${text}`.slice(1);
}
