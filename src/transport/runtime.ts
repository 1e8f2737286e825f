/**
 * The only runtime sniffing in davkit. Differences between platforms are data here, not forks
 * in the code.
 */

interface BrowserGlobals {
  readonly document?: unknown;
  readonly location?: { readonly origin?: string };
  readonly importScripts?: unknown;
}

const globals = globalThis as BrowserGlobals;

/**
 * A browser page or worker: fetch follows redirects itself and applies CORS.
 *
 * @example
 * ```ts
 * const redirect = isBrowserLike ? 'follow' : 'manual';
 * ```
 */
export const isBrowserLike: boolean =
  globals.document !== undefined || typeof globals.importScripts === 'function';

/**
 * The page's origin in a browser, for telling cross-origin requests apart.
 *
 * @example
 * ```ts
 * pageOrigin(); // 'https://app.example.com' in a page, undefined in Node
 * ```
 */
export function pageOrigin(): string | undefined {
  return isBrowserLike ? globals.location?.origin : undefined;
}

/**
 * Redirect handling per runtime. Outside browsers davkit follows redirects itself (`manual`), so it
 * can keep WebDAV methods and refuse to carry credentials or unsafe requests to another origin. In
 * browsers `manual` only yields an opaque response, so the browser follows (`follow`); it keeps the
 * method for 301/302/307/308 on non-POST requests and drops `Authorization` across origins itself.
 *
 * @example
 * ```ts
 * fetch(url, { redirect: REDIRECT_MODE });
 * ```
 */
export const REDIRECT_MODE: RequestRedirect = isBrowserLike ? 'follow' : 'manual';

/**
 * What to tell a user whose cross-origin request failed like a network error in a browser.
 *
 * @example
 * ```ts
 * new DavNetworkError({ method, url, hint: CORS_HINT });
 * ```
 */
export const CORS_HINT: string =
  'If this runs in a browser, the server may not allow this cross-origin request: its CORS preflight answer ' +
  'must allow the WebDAV method (Access-Control-Allow-Methods: PROPFIND, PROPPATCH, MKCOL, COPY, MOVE, LOCK, ' +
  'UNLOCK, …) and headers (Access-Control-Allow-Headers: Authorization, Content-Type, Depth, Destination, If, ' +
  'Lock-Token, Overwrite, Timeout) and expose DAV, ETag, Lock-Token, Location (see the README, "CORS")';

/**
 * One runtime's own way of saying a request got no HTTP answer, where it differs from what ky already
 * knows (Node's `fetch failed`, Deno's `error sending request`, the browsers' messages): matched by the
 * error's `name` and its `code` or exact `message`, as each runtime throws them.
 */
export interface RuntimeNetworkError {
  /** The runtime that throws it (for the reader of this table). */
  readonly runtime: string;
  /** The thrown error's `name`. */
  readonly name: string;
  /** Its `code`, one of these (when the runtime sets one). */
  readonly codes?: readonly string[];
  /** Its exact `message` (when the runtime sets no code). */
  readonly message?: string;
  /** Whether a safe method is sent again after it, like after any other network error. */
  readonly retry: boolean;
  /** Advice for the user; `{host}` stands for the request's host. */
  readonly hint?: string;
}

/**
 * The runtime network errors davkit recognises beyond ky's list, captured from each runtime's `fetch`
 * (reset, refused, unknown host). The transport maps them to `DavNetworkError` and the retry decision
 * reads `retry`.
 *
 * @example
 * ```ts
 * RUNTIME_NETWORK_ERRORS.find((row) => row.runtime === 'Bun')?.retry; // true
 * ```
 */
export const RUNTIME_NETWORK_ERRORS: readonly RuntimeNetworkError[] = [
  {
    // TypeError('ECONNRESET: The socket connection was closed unexpectedly. …'), code 'ECONNRESET'.
    runtime: 'Bun',
    name: 'TypeError',
    codes: [
      'ECONNRESET',
      'ECONNREFUSED',
      'ECONNABORTED',
      'ENOTFOUND',
      'EAI_AGAIN',
      'ETIMEDOUT',
      'EPIPE',
      'EHOSTUNREACH',
      'ENETUNREACH',
    ],
    retry: true,
  },
  // A refused or reset connection: a plain Error (not a TypeError) with `retryable: true`.
  { runtime: 'workerd', name: 'Error', message: 'Network connection lost.', retry: true },
  {
    // Thrown before any connection is made; asking again cannot help.
    runtime: 'Deno',
    name: 'NotCapable',
    retry: false,
    hint: 'Deno denied network access: run it with --allow-net={host} (or grant net access to that host)',
  },
];

/**
 * How a runtime whose `fetch` sends only the methods on its own list refuses another one, before
 * anything is sent: workerd throws `TypeError('Invalid HTTP method string: MKCALENDAR')`. Asking again
 * cannot help, and it is no network failure: the transport makes it a `DavUsageError`.
 *
 * @example
 * ```ts
 * refusedMethodOf(new TypeError('Invalid HTTP method string: MKCALENDAR')); // 'workerd'
 * ```
 */
export function refusedMethodOf(error: unknown): string | undefined {
  const { name, message } = (typeof error === 'object' && error !== null ? error : {}) as {
    name?: unknown;
    message?: unknown;
  };
  return name === 'TypeError' &&
    typeof message === 'string' &&
    message.startsWith('Invalid HTTP method string: ')
    ? 'workerd'
    : undefined;
}

/**
 * The row of {@link RUNTIME_NETWORK_ERRORS} that `error` matches, if any (duck-typed: errors from
 * another realm match too).
 *
 * @example
 * ```ts
 * runtimeNetworkError(new TypeError('ECONNRESET: …')); // undefined: Bun sets `code` too
 * ```
 */
export function runtimeNetworkError(error: unknown): RuntimeNetworkError | undefined {
  if (typeof error !== 'object' || error === null) {
    return undefined;
  }
  const { name, code, message } = error as { name?: unknown; code?: unknown; message?: unknown };
  return RUNTIME_NETWORK_ERRORS.find(
    (row) =>
      row.name === name &&
      (row.codes === undefined || (typeof code === 'string' && row.codes.includes(code))) &&
      (row.message === undefined || row.message === message),
  );
}
