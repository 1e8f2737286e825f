/**
 * Every method davkit sends. They go on the wire in upper case: ky upper-cases only the standard
 * ones, and servers and CORS `Allow-Methods` compare custom methods case-sensitively.
 *
 * @see https://www.rfc-editor.org/rfc/rfc4918#section-9
 * @example
 * ```ts
 * DAV_METHODS.includes('PROPFIND'); // true
 * ```
 */
export const DAV_METHODS = [
  'OPTIONS',
  'GET',
  'HEAD',
  'PUT',
  'DELETE',
  'PROPFIND',
  'PROPPATCH',
  'MKCOL',
  'COPY',
  'MOVE',
  'LOCK',
  'UNLOCK',
  'REPORT',
  'SEARCH',
  'PATCH',
] as const;

/** A method davkit sends. */
export type DavMethod = (typeof DAV_METHODS)[number];

/**
 * Methods that may be retried automatically: they change nothing on the server. Everything else
 * (PUT, DELETE, PROPPATCH, MKCOL, COPY, MOVE, LOCK, UNLOCK, PATCH) is never repeated behind the caller's back.
 *
 * @example
 * ```ts
 * SAFE_METHODS.includes('PUT'); // false: never retried
 * ```
 */
export const SAFE_METHODS = ['GET', 'HEAD', 'OPTIONS', 'PROPFIND', 'REPORT', 'SEARCH'] as const;

/**
 * Methods that change server state; a 207 to one of these is checked for failures. PATCH is sent
 * only for partial updates (SabreDAV's `X-Update-Range`, RFC 5789).
 *
 * @example
 * ```ts
 * WRITE_METHODS.includes('LOCK'); // true: a 207 answer is checked for failures
 * ```
 */
export const WRITE_METHODS = [
  'PUT',
  'DELETE',
  'PROPPATCH',
  'MKCOL',
  'COPY',
  'MOVE',
  'LOCK',
  'UNLOCK',
  'PATCH',
] as const;

type SafeMethod = (typeof SAFE_METHODS)[number];
type WriteMethod = (typeof WRITE_METHODS)[number];

// Compile-time check: every method is either safe or a write, and none is both.
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const partition: Equal<SafeMethod | WriteMethod, DavMethod> & Equal<Extract<SafeMethod, WriteMethod>, never> =
  true;
const subset: [SafeMethod, WriteMethod] extends [DavMethod, DavMethod] ? true : false = true;
void subset;
void partition;

/**
 * Whether a method is safe to retry.
 *
 * @example
 * ```ts
 * isSafeMethod('PROPFIND'); // true
 * isSafeMethod('MOVE');     // false
 * ```
 */
export function isSafeMethod(method: string): boolean {
  return (SAFE_METHODS as readonly string[]).includes(method);
}

/**
 * Whether a method changes the server (PUT, DELETE, PROPPATCH, MKCOL, COPY, MOVE, LOCK, UNLOCK, PATCH): the
 * methods a lock can refuse.
 *
 * @example
 * ```ts
 * isWriteMethod('PUT');      // true
 * isWriteMethod('PROPFIND'); // false
 * ```
 */
export function isWriteMethod(method: string): boolean {
  return (WRITE_METHODS as readonly string[]).includes(method);
}
