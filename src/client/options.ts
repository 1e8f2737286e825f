import type { Hooks } from 'ky';
import { createAuthenticator } from '../auth/create-authenticator.ts';
import type { AuthOptions } from '../auth/types.ts';
import { DavUsageError } from '../errors/transport-errors.ts';
import { mergeHeaders } from '../transport/headers.ts';
import { DEFAULT_MAX_BODY_SIZE } from '../transport/read-body.ts';
import type { RetryPolicy, TransportConfig } from '../transport/transport.ts';
import { normaliseBaseUrl } from '../transport/url.ts';
import { DEFAULT_XML_LIMITS, type XmlLimits } from '../xml/limits.ts';

/** Options of {@link createClient}. */
export interface ClientOptions {
  /** The WebDAV root every path is relative to, e.g. `https://host/remote.php/dav/files/alice/`. */
  readonly baseUrl: string | URL;
  /** Credentials. Userinfo in `baseUrl` (`https://alice:pw@host/`) is turned into Basic auth and removed. */
  readonly auth?: AuthOptions;
  /** Headers sent with every request. */
  readonly headers?: Readonly<Record<string, string>>;
  /** Milliseconds to wait for a response (and between body chunks). Default 30 000; `false`: no limit. */
  readonly timeout?: number | false;
  /**
   * Retries for safe methods (GET, HEAD, OPTIONS, PROPFIND, REPORT, SEARCH) on network errors and on
   * 408/429/500/502/503/504, honouring `Retry-After`. A number sets the limit; 0 turns retries off.
   * Unsafe methods are never retried, whatever this says.
   */
  readonly retry?: number | Partial<RetryPolicy>;
  /** A `fetch` implementation (tests, proxies, Node agents). Default: the global `fetch`. */
  readonly fetch?: typeof fetch;
  /** ky hooks, passed to ky as they are (`beforeRequest`, `afterResponse`, `beforeRetry`, `beforeError`). */
  readonly hooks?: Hooks;
  /**
   * Largest response body read whole, in bytes (default 64 MiB), enforced while reading: XML answers
   * read at once, failure bodies. A PROPFIND answer that is large or of unknown length (`list()`,
   * `propfind()`, `stat()`, `streamPropfind`) is decoded as it arrives instead, and never held: this
   * cap applies to it only when you set it. `limits` bounds what such a decode holds at once.
   */
  readonly maxBodySize?: number;
  /**
   * What a PROPFIND answer decoded as it arrives may hold at once: one `DAV:response`
   * (`maxResponseSize`, default 32 MiB) and one text node or tag (`maxTextSize`, default 16 MiB).
   * See {@link XmlLimits}.
   */
  readonly limits?: BodyLimits;
  /** Redirects followed outside browsers (default 5). */
  readonly maxRedirects?: number;
  /** Browser credentials mode (cookies, browser-managed auth), e.g. `'include'`. */
  readonly credentials?: RequestCredentials;
  /** Submit the lock tokens this client holds automatically (tagged `If`). Default `true`. */
  readonly lockTokens?: boolean;
}

/** The size limits of an incremental decode that a client can set (see {@link XmlLimits}). */
export type BodyLimits = Pick<XmlLimits, 'maxResponseSize' | 'maxTextSize'>;

const DEFAULT_RETRY: RetryPolicy = {
  limit: 2,
  statusCodes: [408, 429, 500, 502, 503, 504],
  maxRetryAfter: 60_000,
  backoffLimit: 10_000,
};

function retryPolicy(retry: ClientOptions['retry']): RetryPolicy {
  if (typeof retry === 'number') {
    return { ...DEFAULT_RETRY, limit: retry };
  }
  return { ...DEFAULT_RETRY, ...retry };
}

/** Moves userinfo from the base URL into Basic credentials: fetch refuses URLs that carry them. */
function splitCredentials(options: ClientOptions): { baseUrl: URL; auth: AuthOptions | undefined } {
  const baseUrl = normaliseBaseUrl(options.baseUrl);
  let auth = options.auth;
  if (baseUrl.username !== '' || baseUrl.password !== '') {
    auth ??= {
      type: 'basic',
      username: decodeURIComponent(baseUrl.username),
      password: decodeURIComponent(baseUrl.password),
    };
    baseUrl.username = '';
    baseUrl.password = '';
  }
  return { baseUrl, auth };
}

/**
 * Validates client options and turns them into the transport's configuration.
 *
 * @example
 * ```ts
 * new Transport(transportConfig({ baseUrl: 'https://host/dav/', timeout: 10_000 }));
 * ```
 */
export function transportConfig(options: ClientOptions): TransportConfig {
  for (const [name, value] of [
    ['maxBodySize', options.maxBodySize],
    ['limits.maxResponseSize', options.limits?.maxResponseSize],
    ['limits.maxTextSize', options.limits?.maxTextSize],
  ] as const) {
    if (value !== undefined && !(value > 0)) {
      throw new DavUsageError(`${name} must be a positive number`);
    }
  }
  const { baseUrl, auth } = splitCredentials(options);
  return {
    baseUrl,
    authenticator: auth === undefined ? undefined : createAuthenticator(auth),
    headers: mergeHeaders(options.headers),
    timeout: options.timeout ?? 30_000,
    retry: retryPolicy(options.retry),
    fetch: options.fetch,
    hooks: options.hooks,
    maxBodySize: options.maxBodySize ?? DEFAULT_MAX_BODY_SIZE,
    maxIncrementalBodySize: options.maxBodySize ?? Number.POSITIVE_INFINITY,
    limits: { ...DEFAULT_XML_LIMITS, ...options.limits },
    maxRedirects: options.maxRedirects ?? 5,
    credentials: options.credentials,
  };
}

/**
 * Merges options for `client.extend()`: later values win, headers merge case-insensitively, hooks are
 * appended (ky's rule), `auth` is replaced as a whole.
 *
 * @example
 * ```ts
 * mergeClientOptions({ baseUrl, headers: { 'X-A': '1' } }, { headers: { 'x-b': '2' } }); // both headers
 * ```
 */
export function mergeClientOptions(base: ClientOptions, override: Partial<ClientOptions>): ClientOptions {
  const hooks: Record<string, unknown[]> = {};
  for (const source of [base.hooks, override.hooks]) {
    for (const [name, list] of Object.entries(source ?? {})) {
      hooks[name] = [...(hooks[name] ?? []), ...((list as unknown[] | undefined) ?? [])];
    }
  }
  return {
    ...base,
    ...override,
    headers: mergeHeaders(base.headers, override.headers),
    hooks: hooks as Hooks,
  };
}
