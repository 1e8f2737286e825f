import ky, { type KyInstance } from 'ky';
import type { Authenticator } from '../auth/types.ts';
import { checkTimeout } from '../checks/arguments.ts';
import type { HeldLock } from '../model/locks.ts';
import { factsOf } from '../model/methods.ts';
import type { Progress } from '../model/progress.ts';
import type { DavRequestInfo } from '../model/request-info.ts';
import { urlPath } from '../utils/href.ts';
import { redactUrl } from '../utils/redact.ts';
import type { XmlLimits } from '../xml/limits.ts';
import { checkHeaders, conditionHeaders, mergeHeaders } from './headers.ts';
import { beforeRetry, type Hooks, kyHooks } from './hooks.ts';
import type { OriginLimiter } from './limiter.ts';
import { Limiters } from './limiters.ts';
import { noAnswerError } from './no-answer.ts';
import type { RateLimitOptions } from './rate-limit.ts';
import { type Exchange, type RawResponse, toRawResponse } from './raw-response.ts';
import { readBodyText, readFailedAnswer } from './read-body.ts';
import type { Redactor } from './redactor.ts';
import { decideRedirect } from './redirects.ts';
import type { CallOptions, RequestBody, RequestSpec } from './request-spec.ts';
import { nextMove, type Outcome, type RetryCounts, sleep } from './retry.ts';
import { isBrowserLike, REDIRECT_MODE } from './runtime.ts';
import { resolveUrl } from './url.ts';

/**
 * Automatic retries, done by davkit (not ky) so that every request to an origin shares its pause (see
 * `OriginLimiter`): safe methods (GET, HEAD, OPTIONS, PROPFIND, REPORT, SEARCH) are retried on the
 * listed statuses and network errors; any method waits out a 429.
 *
 * @group Client
 */
export interface RetryPolicy {
  /** Retries of failures after the first attempt (safe methods only); 0 disables them. Default 2. */
  readonly limit: number;
  /**
   * Throttling answers (429, and 503 with `Retry-After` for safe methods) a request waits out, the
   * whole origin paused, before the last one is reported. Default 10; `retry: n` sets both limits.
   */
  readonly throttleLimit: number;
  /** Statuses that are retried. Default 408, 429, 500, 502, 503, 504. */
  readonly statusCodes: readonly number[];
  /** Longest `Retry-After` honoured, in ms; a longer one is clamped. Default 60 s. */
  readonly maxRetryAfter: number;
  /** Upper bound of the exponential backoff between attempts, in ms. Default 10 s. */
  readonly backoffLimit: number;
}

/** Everything the transport needs; built by the client from its options. */
export interface TransportConfig {
  readonly baseUrl: URL;
  readonly authenticator: Authenticator | undefined;
  readonly headers: Readonly<Record<string, string>>;
  readonly timeout: number | false;
  readonly retry: RetryPolicy;
  readonly fetch: typeof fetch | undefined;
  readonly hooks: Hooks | undefined;
  /** Largest body read whole (buffered answers, failure bodies). */
  readonly maxBodySize: number;
  /** Largest body read incrementally: `maxBodySize` when the user set it, otherwise no limit. */
  readonly maxIncrementalBodySize: number;
  /** What an incremental decode holds at once (see `XmlLimits`). */
  readonly limits: XmlLimits;
  readonly maxRedirects: number;
  readonly credentials: 'omit' | 'same-origin' | 'include' | undefined;
  /** Hides the client's secrets in everything a server says (see {@link Redactor}). */
  readonly redactor: Redactor;
  /** The client's `rateLimit` option, for every origin. */
  readonly rateLimit?: RateLimitOptions;
}

/** Per-call options the transport understands. */
export interface SendOptions extends CallOptions {
  readonly onUploadProgress?: (progress: Progress) => void;
  readonly onDownloadProgress?: (progress: Progress) => void;
  /** The sender's locks around this request, kept in its `DavRequestInfo` (see `DavRequestInfo.locks`). */
  readonly heldLocks?: readonly HeldLock[];
}

/**
 * Whether a request's body goes through davkit's counting (upload progress, a stream's length kept
 * to its `Content-Length`): only then is that code loaded, so an app that never uploads with
 * progress or from a stream does not carry it.
 */
function countsBody(spec: RequestSpec, call: SendOptions): boolean {
  const stream = typeof ReadableStream !== 'undefined' && spec.body instanceof ReadableStream;
  return call.onUploadProgress !== undefined || (stream && !isBrowserLike);
}

/**
 * The only module that does I/O. It resolves paths, applies authentication (to the base URL's origin
 * only), follows redirects by the rules in `redirects.ts`, retries safe methods only, and turns every
 * failure without an HTTP status into a davkit error.
 *
 * @example
 * ```ts
 * const transport = new Transport(transportConfig({ baseUrl: 'https://host/dav/' }));
 * const raw = await transport.exchange(buildPropfind('/', { depth: 1 }));
 * ```
 */
export class Transport {
  readonly config: TransportConfig;
  /** The per-origin limiters every request waits in (shared with `extend()`ed clients). */
  readonly limiters: Limiters;
  private readonly client: KyInstance;

  constructor(config: TransportConfig, limiters: Limiters = new Limiters(config.rateLimit)) {
    this.config = config;
    this.limiters = limiters;
    // ky sends once: davkit retries itself, so a throttled origin pauses for every request to it.
    this.client = ky.create({
      ...(config.fetch === undefined ? {} : { fetch: config.fetch }),
      ...(config.hooks === undefined ? {} : { hooks: kyHooks(config.hooks) }),
      throwHttpErrors: false,
      redirect: REDIRECT_MODE,
      retry: 0,
    });
  }

  /**
   * Plain-data description of a request, for errors and results: where it went, the condition
   * headers it was sent with (its own and the call's), the sender's locks, and the XML body davkit
   * wrote for it (redacted; never the content of a PUT).
   */
  describe(
    spec: RequestSpec,
    url: URL = resolveUrl(this.config.baseUrl, spec.path),
    call: SendOptions = {},
  ): DavRequestInfo {
    const info: { -readonly [K in keyof DavRequestInfo]: DavRequestInfo[K] } = {
      method: spec.method,
      url: redactUrl(url),
      path: urlPath(url),
      baseUrl: this.config.baseUrl.href,
    };
    const conditions = conditionHeaders(mergeHeaders(spec.headers, call.headers));
    if (conditions !== undefined) {
      info.headers = conditions;
    }
    // Only the XML bodies of WebDAV verbs are kept: a PUT's content, and whatever `dav.request()` sends
    // with another method, are the caller's own.
    if (typeof spec.body === 'string' && spec.method !== 'PUT' && factsOf(spec.method) !== undefined) {
      info.body = this.config.redactor.text(spec.body);
    }
    if (spec.destination !== undefined) {
      const destination = resolveUrl(this.config.baseUrl, spec.destination);
      info.destination = redactUrl(destination);
      info.destinationPath = urlPath(destination);
    }
    if (call.heldLocks !== undefined) {
      info.locks = call.heldLocks;
    }
    return info;
  }

  /** Sends a request and returns the response unread (for downloads). */
  async send(spec: RequestSpec, call: SendOptions = {}): Promise<Exchange> {
    checkTimeout(call.timeout, 'timeout');
    let url = resolveUrl(this.config.baseUrl, spec.path);
    const request = this.describe(spec, url, call);
    const sent = new Set<string>();
    let challenged = false;
    for (let hops = 0; ; ) {
      const response = await this.attempt(spec, url, call, request, sent);
      const redirect =
        REDIRECT_MODE === 'manual'
          ? decideRedirect(
              response.status,
              response.headers.get('location'),
              url,
              spec.method,
              hops,
              this.config.maxRedirects,
            )
          : ({ follow: false } as const);
      if (redirect.follow && isReplayable(spec.body)) {
        await discard(response);
        url = redirect.url;
        hops++;
        continue;
      }
      if (
        response.status === 401 &&
        !challenged &&
        this.isOwnOrigin(url) &&
        isReplayable(spec.body) &&
        (await this.config.authenticator?.challenge(response, { method: spec.method, url }))
      ) {
        challenged = true;
        await discard(response);
        continue;
      }
      const refused = redirect.follow
        ? 'the request body is a stream and cannot be sent again'
        : redirect.reason;
      return {
        response,
        request,
        redactor: this.config.redactor.with([...sent]),
        ...(refused === undefined ? {} : { redirectRefused: refused }),
      };
    }
  }

  /**
   * Sends a request and reads its body as text when it matters (XML answers, and every failure). A
   * failure body is read with a small cap (see `readFailureText`); every body but a downloaded file's
   * content goes through the exchange's redactor.
   */
  async exchange(spec: RequestSpec, call: SendOptions = {}): Promise<RawResponse> {
    return this.readAnswer(await this.send(spec, call), spec, call);
  }

  /** Reads the answer to a sent request: its body as text when it matters (XML answers, every failure). */
  async readAnswer(exchange: Exchange, spec: RequestSpec, call: SendOptions = {}): Promise<RawResponse> {
    const { response, request } = exchange;
    const read = {
      limit: this.config.maxBodySize,
      idleTimeout: call.timeout ?? this.config.timeout,
      signal: call.signal,
      method: spec.method,
      url: request.url,
      redactor: exchange.redactor,
    };
    if (!response.ok) {
      return readFailedAnswer(exchange, read);
    }
    if (spec.response !== 'text') {
      await discard(response);
      return toRawResponse(exchange, '');
    }
    // A downloaded file is the caller's own content, returned byte for byte; XML answers are davkit's
    // to decode, and what the server echoes into them must not reach a result.
    const redactor = spec.method === 'GET' ? undefined : exchange.redactor;
    return toRawResponse(exchange, await readBodyText(response, { ...read, redactor }));
  }

  private isOwnOrigin(url: URL): boolean {
    return url.origin === this.config.baseUrl.origin;
  }

  private async attempt(
    spec: RequestSpec,
    url: URL,
    call: SendOptions,
    request: DavRequestInfo,
    sent: Set<string>,
  ): Promise<Response> {
    const limiter = this.limiters.of(url.origin);
    const replayable = isReplayable(spec.body);
    let counts: RetryCounts = { retries: 0, throttles: 0 };
    for (;;) {
      const slot = await this.acquire(limiter, spec, url, call, request, sent);
      const outcome = await this.sendOnce(spec, url, call, request, sent);
      const next = nextMove(
        outcome,
        { method: spec.method, replayable, counts, rules: this.config.retry },
        limiter,
        slot,
      );
      if (next.kind === 'return') {
        return next.response;
      }
      if (next.kind === 'throw') {
        throw next.error;
      }
      if (outcome.kind === 'answer') {
        await discard(outcome.response);
      }
      counts = next.counts;
      const count = counts.retries + counts.throttles;
      await beforeRetry(this.config.hooks, spec.method, url, next.reason, count, call.signal);
      await sleep(next.waitMs, call.signal);
    }
  }

  /** A slot of the origin's limiter; an abort while waiting for it is a `DavAbortError`. */
  private async acquire(
    limiter: OriginLimiter,
    spec: RequestSpec,
    url: URL,
    call: SendOptions,
    request: DavRequestInfo,
    sent: Set<string>,
  ) {
    try {
      return await limiter.acquire(call.signal);
    } catch (cause) {
      throw this.noAnswer(cause, spec, url, call, request, sent);
    }
  }

  private noAnswer(
    cause: unknown,
    spec: RequestSpec,
    url: URL,
    call: SendOptions,
    request: DavRequestInfo,
    sent: Set<string>,
  ): Error {
    return noAnswerError(cause, {
      spec,
      url,
      call,
      timeout: call.timeout ?? this.config.timeout,
      request,
      redactor: this.config.redactor.with([...sent]),
    });
  }

  /**
   * One fetch through ky: no retries, every status handed back. A failure without an answer is the
   * davkit error for it (or the refusal davkit raised itself when a stream body broke its length).
   */
  private async sendOnce(
    spec: RequestSpec,
    url: URL,
    call: SendOptions,
    request: DavRequestInfo,
    sent: Set<string>,
  ): Promise<Outcome> {
    const headers = await this.headersFor(spec, url, call);
    for (const secret of this.config.redactor.secretsIn(headers)) {
      sent.add(secret);
    }
    const progress = countsBody(spec, call) ? await import('./upload-progress.ts') : undefined;
    const { body, refusal } =
      progress === undefined
        ? { body: spec.body, refusal: undefined }
        : await progress.bodyForAttempt(spec, call);
    try {
      const response = await this.client(url, {
        method: spec.method,
        headers,
        ...(body === undefined ? {} : { body: body as BodyInit }),
        ...(call.signal === undefined ? {} : { signal: call.signal }),
        ...(this.config.credentials === undefined ? {} : { credentials: this.config.credentials }),
        ...(call.onDownloadProgress === undefined ? {} : { onDownloadProgress: call.onDownloadProgress }),
        // The client's own fetch is kept as it is: progress through XHR only replaces the platform's.
        ...(this.config.fetch === undefined && progress !== undefined
          ? progress.uploadProgressFetch(body, call.onUploadProgress)
          : {}),
        timeout: call.timeout ?? this.config.timeout,
      });
      return { kind: 'answer', response };
    } catch (cause) {
      const error = refusal?.() ?? this.noAnswer(cause, spec, url, call, request, sent);
      return { kind: 'no-answer', error, cause };
    }
  }

  private async headersFor(spec: RequestSpec, url: URL, call: SendOptions): Promise<Record<string, string>> {
    const own = this.isOwnOrigin(url);
    const headers = mergeHeaders(this.config.headers, spec.headers, call.headers);
    checkHeaders(headers);
    if (spec.destination !== undefined) {
      headers.destination = resolveUrl(this.config.baseUrl, spec.destination).href;
    }
    if (!own) {
      // Credentials never cross origins, whoever set them (auth option, client or call headers).
      for (const name of Object.keys(headers)) {
        if (this.config.redactor.isSecretHeader(name)) {
          delete headers[name];
        }
      }
      return headers;
    }
    if (headers.authorization === undefined) {
      const authorization = await this.config.authenticator?.authorize({ method: spec.method, url });
      if (authorization !== undefined) {
        headers.authorization = authorization;
      }
    }
    return headers;
  }
}

function isReplayable(body: RequestBody | undefined): boolean {
  return !(typeof ReadableStream !== 'undefined' && body instanceof ReadableStream);
}

async function discard(response: Response): Promise<void> {
  await response.body?.cancel().catch(() => undefined);
}
