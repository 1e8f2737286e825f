/**
 * A copy of the plain data in `value` (objects made by `{}` or `Object.create(null)`, and arrays), at
 * any depth; anything else (functions, signals, Blobs, bytes, streams, class instances) is kept as it
 * is. What a caller builds and then changes after handing it over must not change what was handed
 * over: a batch step keeps its arguments this way until the batch runs.
 *
 * @example
 * ```ts
 * const set = { '{urn:x}a': '1' };
 * const copy = plainCopy({ set, signal });
 * set['{urn:x}a'] = '2'; // copy.set['{urn:x}a'] is still '1'; copy.signal is signal
 * ```
 */
export function plainCopy<T>(value: T, seen: Map<object, unknown> = new Map()): T {
  if (typeof value !== 'object' || value === null) {
    return value;
  }
  const done = seen.get(value);
  if (done !== undefined) {
    return done as T;
  }
  if (Array.isArray(value)) {
    const copy: unknown[] = [];
    seen.set(value, copy);
    for (const item of value) {
      copy.push(plainCopy(item, seen));
    }
    return copy as T;
  }
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) {
    return value;
  }
  const copy: Record<string, unknown> = Object.create(prototype);
  seen.set(value, copy);
  for (const [key, item] of Object.entries(value)) {
    copy[key] = plainCopy(item, seen);
  }
  return copy as T;
}
