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
