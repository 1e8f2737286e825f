import { DavUsageError } from '../errors/transport-errors.ts';

/**
 * Checks of what JavaScript callers pass at the public boundary: the types promise it, but nothing
 * enforces them at run time, and a wrong value must never reach the wire as something else (an
 * `undefined` body as an empty PUT that truncates a file, `[object Object]` as content, a timeout that
 * `setTimeout` turns into 1 ms). Each throws {@link DavUsageError} before anything is sent. Messages
 * name the argument and its type, never its value (it may be a secret).
 */

/** Largest delay `setTimeout` honours (2^31 - 1 ms); larger ones fire at once. */
export const MAX_TIMEOUT_MS: number = 2 ** 31 - 1;

function kind(value: unknown): string {
  if (value === null) {
    return 'null';
  }
  if (Array.isArray(value)) {
    return 'an array';
  }
  return typeof value === 'object' ? `an object (${Object.prototype.toString.call(value)})` : typeof value;
}

/**
 * A path or URL argument: a string.
 *
 * @example
 * ```ts
 * checkPath(path, 'path'); // throws DavUsageError for undefined, numbers, URL objects…
 * ```
 */
export function checkPath(value: unknown, what = 'path'): asserts value is string {
  if (typeof value !== 'string') {
    throw new DavUsageError(`${what} must be a string, got ${kind(value)}`);
  }
}

/**
 * A timeout in ms: a finite whole number of 1..2^31-1, or `false` (wait forever).
 *
 * @example
 * ```ts
 * checkTimeout(options.timeout, 'timeout'); // undefined passes (the default applies)
 * ```
 */
export function checkTimeout(value: unknown, what = 'timeout'): void {
  if (value === undefined || value === false) {
    return;
  }
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > MAX_TIMEOUT_MS) {
    throw new DavUsageError(
      `${what} must be a whole number of milliseconds from 1 to ${MAX_TIMEOUT_MS}, or false; got ${typeof value === 'number' ? value : kind(value)}`,
    );
  }
}

/**
 * A count or size: a whole number of at least `min` (`Infinity` allowed when `infinite`).
 *
 * @example
 * ```ts
 * checkCount(options.maxRedirects, 'maxRedirects', 0);
 * ```
 */
export function checkCount(value: unknown, what: string, min: number, infinite = false): void {
  if (value === undefined) {
    return;
  }
  const ok =
    typeof value === 'number' &&
    value >= min &&
    (Number.isInteger(value) || (infinite && value === Number.POSITIVE_INFINITY));
  if (!ok) {
    throw new DavUsageError(
      `${what} must be a whole number of at least ${min}, got ${typeof value === 'number' ? value : kind(value)}`,
    );
  }
}

/**
 * A lock token: a non-empty string that can be written as a Coded-URL (`<token>`): no angle
 * brackets, spaces or control characters.
 *
 * @see https://www.rfc-editor.org/rfc/rfc4918#section-10.5
 * @example
 * ```ts
 * checkLockToken(token); // 'opaquelocktoken:…', 'urn:uuid:…', '1795301444' pass
 * ```
 */
export function checkLockToken(value: unknown, what = 'lock token'): asserts value is string {
  if (typeof value !== 'string' || value === '') {
    throw new DavUsageError(`${what} must be a non-empty string, got ${kind(value)}`);
  }
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
  if (/[<>\s\u0000-\u001f\u007f]/.test(value)) {
    throw new DavUsageError(
      `${what} must be a bare token (e.g. opaquelocktoken:…), without angle brackets, spaces or control characters`,
    );
  }
}

/**
 * A `Depth` option: one of the values the verb allows (`undefined`: the verb's default).
 *
 * @see https://www.rfc-editor.org/rfc/rfc4918#section-10.2
 * @example
 * ```ts
 * checkDepth(options.depth, [0, 1, 'infinity']);
 * ```
 */
export function checkDepth(value: unknown, allowed: readonly (0 | 1 | 'infinity')[]): void {
  if (value !== undefined && !allowed.includes(value as 0 | 1 | 'infinity')) {
    throw new DavUsageError(
      `depth must be ${allowed.map((each) => JSON.stringify(each)).join(' or ')}, got ${typeof value === 'object' ? kind(value) : JSON.stringify(value)}`,
    );
  }
}

/**
 * An options argument: an object, or nothing. The older `refreshLock(path, token, 600)` passed the
 * lock's life as a bare number, which would otherwise be read as no options at all.
 *
 * @example
 * ```ts
 * checkOptionsObject(options, 'refreshLock'); // throws DavUsageError for 600
 * ```
 */
export function checkOptionsObject(options: unknown, verb: string): void {
  if (options !== undefined && (typeof options !== 'object' || options === null)) {
    throw new DavUsageError(
      `${verb}() takes an options object (e.g. { lockTimeout: 600 }), not a bare lock timeout; got ${kind(options)}`,
    );
  }
}

/** RFC 9110 §5.6.2: `token = 1*tchar`. */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** Methods the Fetch standard forbids (compared case-insensitively): `fetch` refuses them. */
const FORBIDDEN_METHODS = new Set(['CONNECT', 'TRACE', 'TRACK']);

/**
 * An HTTP method for `dav.request()`: an RFC 9110 token (letters, digits and ``!#$%&'*+-.^_`|~``),
 * not one `fetch` forbids (CONNECT, TRACE, TRACK).
 *
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-9.1
 * @example
 * ```ts
 * checkMethod('MKCALENDAR'); // passes
 * checkMethod('GET /x');     // throws DavUsageError: not a token
 * ```
 */
export function checkMethod(value: unknown): asserts value is string {
  if (typeof value !== 'string' || !TOKEN.test(value)) {
    throw new DavUsageError(
      `a method must be an HTTP token (RFC 9110: letters, digits and !#$%&'*+-.^_\`|~), got ${typeof value === 'string' ? JSON.stringify(value) : kind(value)}`,
    );
  }
  if (FORBIDDEN_METHODS.has(value.toUpperCase())) {
    throw new DavUsageError(
      `${value} cannot be sent: fetch forbids it (CONNECT, TRACE and TRACK are refused)`,
    );
  }
}
