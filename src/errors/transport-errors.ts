import type { BodyLimitName } from '../model/body-limit.ts';
import { DavError, type DavErrorOptions } from './dav-error.ts';

/**
 * The plain data of an error about one request that got no HTTP status (see `DavError.toJSON`).
 *
 * @group Errors
 */
export interface RequestErrorData<Name extends string> {
  readonly name: Name;
  readonly message: string;
  readonly method: string;
  /** The request URL, without credentials. */
  readonly url: string;
}

function requestData<Name extends string>(error: {
  readonly name: Name;
  readonly message: string;
  readonly method: string;
  readonly url: string;
}): RequestErrorData<Name> {
  return { name: error.name, message: error.message, method: error.method, url: error.url };
}

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
 *
 * @group Errors
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

  override toJSON(): RequestErrorData<'DavNetworkError'> & { readonly hint?: string } {
    return { ...requestData(this), ...(this.hint === undefined ? {} : { hint: this.hint }) };
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
 *
 * @group Errors
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

  override toJSON(): RequestErrorData<'DavTimeoutError'> & { readonly timeout: number } {
    return { ...requestData(this), timeout: this.timeout };
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
 *
 * @group Errors
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

  override toJSON(): RequestErrorData<'DavAbortError'> {
    return requestData(this);
  }
}

const LIMITED: Readonly<Record<BodyLimitName, { what: string; unit: string; option: string }>> = {
  maxBodySize: { what: 'the response body', unit: 'bytes', option: 'maxBodySize' },
  maxSize: { what: 'the download', unit: 'bytes', option: 'maxSize' },
  maxResponseSize: { what: 'one DAV:response', unit: 'characters', option: 'limits.maxResponseSize' },
  maxTextSize: {
    what: 'one text node, attribute value or tag',
    unit: 'characters',
    option: 'limits.maxTextSize',
  },
};

/** Context of a {@link DavBodyTooLargeError}. */
export interface DavBodyTooLargeErrorOptions extends DavErrorOptions {
  /** The request, when there was one (`''` for a body handed to a decoder directly). */
  readonly method?: string;
  readonly url?: string;
  /** The limit's value. */
  readonly limit: number;
  /** Which limit was hit (default `maxBodySize`). */
  readonly limitName?: BodyLimitName;
}

/**
 * A body, or one part of it, was larger than a limit allows. Enforced while reading: the download
 * stops there. The message names the limit, its value and the option that raises it.
 *
 * @example
 * ```ts
 * if (isDavBodyTooLargeError(error)) console.log(error.limitName, error.limit); // 'maxResponseSize', 4194304
 * const dav = createClient({ baseUrl, maxBodySize: 8 * 1024 * 1024 });
 * ```
 *
 * @group Errors
 */
export class DavBodyTooLargeError extends DavError {
  override name = 'DavBodyTooLargeError' as const;
  readonly method: string;
  readonly url: string;
  readonly limit: number;
  /** Which limit was hit: the name of the option that raises it (see {@link BodyLimitName}). */
  readonly limitName: BodyLimitName;

  constructor(options: DavBodyTooLargeErrorOptions) {
    const limitName = options.limitName ?? 'maxBodySize';
    const { what, unit, option } = LIMITED[limitName];
    const method = options.method ?? '';
    const url = options.url ?? '';
    const request = method === '' ? '' : `[${method}] "${url}": `;
    super(
      `${request}${what} exceeds ${options.limit} ${unit}, the ${limitName} limit (raise it with the ${option} option)`,
      options,
    );
    this.method = method;
    this.url = url;
    this.limit = options.limit;
    this.limitName = limitName;
  }

  override toJSON(): RequestErrorData<'DavBodyTooLargeError'> & {
    readonly limit: number;
    readonly limitName: BodyLimitName;
  } {
    return { ...requestData(this), limit: this.limit, limitName: this.limitName };
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
 *
 * @group Errors
 */
export class DavUsageError extends DavError {
  override name = 'DavUsageError' as const;
}
