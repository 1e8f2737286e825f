import { DavError, type DavErrorOptions } from './dav-error.ts';

/** Context shared by errors raised before any HTTP status arrived. */
export interface TransportErrorOptions extends DavErrorOptions {
  readonly method: string;
  /** The request URL, without credentials. */
  readonly url: string;
}

/**
 * The request never got an HTTP answer: DNS, connection refused or reset, TLS, or (in a browser) a
 * CORS preflight the server did not allow, which browsers report exactly like a network failure.
 *
 * @example
 * ```ts
 * if (isDavNetworkError(error) && error.hint) console.warn(error.hint); // CORS advice in browsers
 * ```
 */
export class DavNetworkError extends DavError {
  override name = 'DavNetworkError' as const;
  readonly method: string;
  readonly url: string;
  /** Advice, e.g. the CORS headers a server must send for WebDAV from a browser. */
  readonly hint: string | undefined;

  constructor(options: TransportErrorOptions & { readonly hint?: string; readonly detail?: string }) {
    const detail = options.detail ? `: ${options.detail}` : '';
    super(
      `[${options.method}] "${options.url}": network error${detail}${options.hint ? `. ${options.hint}` : ''}`,
      options,
    );
    this.method = options.method;
    this.url = options.url;
    this.hint = options.hint;
  }
}

/**
 * No response (or no further body bytes) within the timeout. Large downloads that keep flowing are
 * never cut off: the timeout covers waiting for the response and gaps between body chunks.
 *
 * @example
 * ```ts
 * await dav.propfind('/', { timeout: 5_000 }).catch((e) => isDavTimeoutError(e) && console.warn(e.timeout));
 * ```
 */
export class DavTimeoutError extends DavError {
  override name = 'DavTimeoutError' as const;
  readonly method: string;
  readonly url: string;
  readonly timeout: number;

  constructor(options: TransportErrorOptions & { readonly timeout: number }) {
    super(`[${options.method}] "${options.url}": no response within ${options.timeout} ms`, options);
    this.method = options.method;
    this.url = options.url;
    this.timeout = options.timeout;
  }
}

/**
 * The caller aborted the request through its `AbortSignal`.
 *
 * @example
 * ```ts
 * const controller = new AbortController();
 * const pending = dav.list('/', { signal: controller.signal });
 * controller.abort(); // pending rejects with DavAbortError
 * ```
 */
export class DavAbortError extends DavError {
  override name = 'DavAbortError' as const;
  readonly method: string;
  readonly url: string;

  constructor(options: TransportErrorOptions) {
    super(`[${options.method}] "${options.url}": aborted`, options);
    this.method = options.method;
    this.url = options.url;
  }
}

/**
 * A response body was larger than `maxBodySize`. Enforced while reading: the download stops there.
 *
 * @example
 * ```ts
 * const dav = createClient({ baseUrl, maxBodySize: 8 * 1024 * 1024 });
 * ```
 */
export class DavBodyTooLargeError extends DavError {
  override name = 'DavBodyTooLargeError' as const;
  readonly method: string;
  readonly url: string;
  readonly limit: number;

  constructor(options: TransportErrorOptions & { readonly limit: number }) {
    super(`[${options.method}] "${options.url}": response body exceeds ${options.limit} bytes`, options);
    this.method = options.method;
    this.url = options.url;
    this.limit = options.limit;
  }
}

/**
 * davkit was called in a way that cannot work: a bad argument, an unknown batch step id, a missing
 * `fetch`. Fix the calling code.
 *
 * @example
 * ```ts
 * batch.put('/a.txt', 'x', { after: ['no-such-step'] }); // throws DavUsageError
 * ```
 */
export class DavUsageError extends DavError {
  override name = 'DavUsageError' as const;
}
