import { base64Utf8 } from '../auth/base64.ts';
import { createAuthenticator } from '../auth/create-authenticator.ts';
import type { AuthOptions } from '../auth/types.ts';
import { checkCount, checkTimeout } from '../checks/arguments.ts';
import { DavUsageError } from '../errors/transport-errors.ts';
import { checkHeaders, mergeHeaders } from '../transport/headers.ts';
import type { Hooks } from '../transport/hooks.ts';
import { checkRateLimit, type RateLimitOptions } from '../transport/rate-limit.ts';
import { DEFAULT_MAX_BODY_SIZE } from '../transport/read-body.ts';
import { Redactor } from '../transport/redactor.ts';
import type { RetryPolicy, TransportConfig } from '../transport/transport.ts';
import { normaliseBaseUrl } from '../transport/url.ts';
import { DEFAULT_XML_LIMITS, type XmlLimits } from '../xml/limits.ts';

/**
 * Options of {@link createClient}.
 *
 * @group Client
 */
export interface ClientOptions {
  /** The WebDAV root every path is relative to, e.g. `https://host/remote.php/dav/files/alice/`. */
  readonly baseUrl: string | URL;
  /** Credentials. Userinfo in `baseUrl` (`https://alice:pw@host/`) is turned into Basic auth and removed. */
  readonly auth?: AuthOptions;
  /** Headers sent with every request. */
  readonly headers?: Readonly<Record<string, string>>;
  /**
   * Names of headers whose values are secrets (e.g. `['X-Api-Key']`), set on the client or on a call.
   * Like `Authorization`, `Proxy-Authorization` and `Cookie`, they are never sent to another origin,
   * and their values never appear in an error, a result or a log line, even when a server echoes them.
   */
  readonly secretHeaders?: readonly string[];
  /** Milliseconds to wait for a response (and between body chunks). Default 30 000; `false`: no limit. */
  readonly timeout?: number | false;
  /**
   * Retries for safe methods (GET, HEAD, OPTIONS, PROPFIND, REPORT, SEARCH) on network errors and on
   * 408/429/500/502/503/504, honouring `Retry-After`, within the origin's retry budget. Any method
   * waits out a 429 (the server refused it unprocessed) and sends again, the whole origin paused.
   * A number sets both limits (`limit`, `throttleLimit`); 0 turns retries off. Unsafe methods are
   * never repeated after any other failure, whatever this says (see `verify`).
   */
  readonly retry?: number | Partial<RetryPolicy>;
  /**
   * A ceiling per origin: requests started per second and requests in flight at once. Whatever this
   * says, a 429 or 503 with `Retry-After` pauses the origin for every request of this client (and of
   * clients `extend()`ed from it), and concurrency is cut on throttling and grows back slowly (see
   * `dav.limiter`).
   */
  readonly rateLimit?: RateLimitOptions;
  /** A `fetch` implementation (tests, proxies, Node agents). Default: the global `fetch`. */
  readonly fetch?: typeof fetch;
  /** Hooks into every HTTP exchange: `beforeRequest`, `beforeRetry`, `afterResponse` (see {@link Hooks}). */
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
  readonly limits?: Pick<XmlLimits, 'maxResponseSize' | 'maxTextSize'>;
  /** Redirects followed outside browsers (default 5). */
  readonly maxRedirects?: number;
  /** Browser credentials mode (cookies, browser-managed auth), as `fetch` takes it, e.g. `'include'`. */
  readonly credentials?: 'omit' | 'same-origin' | 'include';
  /**
   * Default of `verify` for put, delete, copy, move and mkcol (and their batch steps): after an
   * ambiguous failure (timeout, reset, 502/504), check whether the write landed and report it, or
   * repeat it under a precondition that cannot clobber (see `Verification`). Default `false`.
   */
  readonly verify?: boolean;
  /** Submit the lock tokens this client holds automatically (tagged `If`). Default `true`. */
  readonly lockTokens?: boolean;
  /**
   * The owner a LOCK without `owner` is sent again with when a server refuses it with 400 (some
   * require one, although RFC 4918 makes it optional); the client then sends it on every ownerless
   * LOCK to that server. Default `'davkit'`; `false` never sends an owner you did not give.
   */
  readonly defaultLockOwner?: string | false;
}

/**
 * The client's `defaultLockOwner`, checked: a non-empty string or `false`.
 *
 * @throws {DavUsageError}
 * @example
 * ```ts
 * defaultLockOwner({ baseUrl }); // 'davkit'
 * ```
 */
export function defaultLockOwner(options: ClientOptions): string | false {
  const owner: unknown = options.defaultLockOwner ?? 'davkit';
  if (owner === false || (typeof owner === 'string' && owner.trim() !== '')) {
    return owner;
  }
  throw new DavUsageError('defaultLockOwner must be a non-empty string, or false');
}

const DEFAULT_RETRY: RetryPolicy = {
  limit: 2,
  throttleLimit: 10,
  statusCodes: [408, 429, 500, 502, 503, 504],
  maxRetryAfter: 60_000,
  backoffLimit: 10_000,
};

function retryPolicy(retry: ClientOptions['retry']): RetryPolicy {
  if (typeof retry === 'number') {
    checkCount(retry, 'retry', 0);
    return { ...DEFAULT_RETRY, limit: retry, throttleLimit: retry };
  }
  if (retry !== undefined && (typeof retry !== 'object' || retry === null || Array.isArray(retry))) {
    throw new DavUsageError('retry must be a number of retries or a retry policy object');
  }
  const policy = { ...DEFAULT_RETRY, ...retry };
  checkCount(policy.limit, 'retry.limit', 0);
  checkCount(policy.throttleLimit, 'retry.throttleLimit', 0);
  checkCount(policy.maxRetryAfter, 'retry.maxRetryAfter', 0);
  checkCount(policy.backoffLimit, 'retry.backoffLimit', 0);
  if (!Array.isArray(policy.statusCodes) || !policy.statusCodes.every(isStatusCode)) {
    throw new DavUsageError('retry.statusCodes must be an array of HTTP status codes (100-599)');
  }
  return policy;
}

function isStatusCode(value: unknown): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= 100 && value <= 599;
}

/** The `auth` option, checked: credentials that are not strings would be sent as "undefined". */
function checkAuth(auth: unknown): void {
  if (auth === undefined) {
    return;
  }
  const given = auth as { type?: unknown; username?: unknown; password?: unknown; token?: unknown };
  if (given.type === 'basic' || given.type === 'digest') {
    if (typeof given.username !== 'string' || typeof given.password !== 'string') {
      throw new DavUsageError(`auth: ${given.type} needs a string username and password`);
    }
  } else if (given.type === 'bearer') {
    if (typeof given.token !== 'string' && typeof given.token !== 'function') {
      throw new DavUsageError('auth: bearer needs a token string or a function that returns one');
    }
  } else {
    throw new DavUsageError("auth.type must be 'basic', 'bearer' or 'digest'");
  }
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
  checkCount(options.maxBodySize, 'maxBodySize', 1, true);
  checkCount(options.limits?.maxResponseSize, 'limits.maxResponseSize', 1, true);
  checkCount(options.limits?.maxTextSize, 'limits.maxTextSize', 1, true);
  checkCount(options.maxRedirects, 'maxRedirects', 0);
  checkTimeout(options.timeout, 'timeout');
  checkAuth(options.auth);
  if (options.verify !== undefined && typeof options.verify !== 'boolean') {
    throw new DavUsageError('verify must be true or false');
  }
  const { baseUrl, auth } = splitCredentials(options);
  const headers = mergeHeaders(options.headers);
  checkHeaders(headers);
  return {
    baseUrl,
    authenticator: auth === undefined ? undefined : createAuthenticator(auth),
    headers,
    timeout: options.timeout ?? 30_000,
    retry: retryPolicy(options.retry),
    fetch: options.fetch,
    hooks: options.hooks,
    maxBodySize: options.maxBodySize ?? DEFAULT_MAX_BODY_SIZE,
    maxIncrementalBodySize: options.maxBodySize ?? Number.POSITIVE_INFINITY,
    limits: { ...DEFAULT_XML_LIMITS, ...options.limits },
    maxRedirects: options.maxRedirects ?? 5,
    credentials: options.credentials,
    redactor: clientRedactor(options.secretHeaders, auth, headers),
    ...(options.rateLimit === undefined ? {} : { rateLimit: checkRateLimit(options.rateLimit) }),
  };
}

/**
 * The client's redactor: the secret header names, and the secrets known before any request (Basic
 * credentials, a fixed bearer token, secret header values). What is only known when sending (a token
 * function's answer, a Digest response, call headers) is added per request by the transport.
 */
function clientRedactor(
  names: readonly string[] | undefined,
  auth: AuthOptions | undefined,
  headers: Readonly<Record<string, string>>,
): Redactor {
  if (names !== undefined && (!Array.isArray(names) || !names.every((name) => typeof name === 'string'))) {
    throw new DavUsageError('secretHeaders must be an array of header names');
  }
  checkHeaders(Object.fromEntries((names ?? []).map((name) => [name, ''])));
  const plain = new Redactor(names);
  const known: Record<string, string> = { ...headers };
  if (auth?.type === 'basic') {
    known.authorization = `Basic ${base64Utf8(`${auth.username}:${auth.password}`)}`;
  } else if (auth?.type === 'bearer' && typeof auth.token === 'string') {
    known.authorization = `Bearer ${auth.token}`;
  }
  return new Redactor(names, plain.secretsIn(known));
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
