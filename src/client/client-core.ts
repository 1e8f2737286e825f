import { DavUsageError } from '../errors/transport-errors.ts';
import { LockStore } from '../locks/lock-store.ts';
import type { RunOptions } from '../operations/call-options.ts';
import type { Operation, Performed } from '../operations/operation.ts';
import { ProbeCache } from '../probe/cache.ts';
import type { VerifiableWrite, VerifiedWrite, VerifyKnowledge } from '../recovery/verify.ts';
import type { IncrementalLimits, Session } from '../session/session.ts';
import type { OriginLimiter } from '../transport/limiter.ts';
import type { Limiters } from '../transport/limiters.ts';
import type { Exchange } from '../transport/raw-response.ts';
import type { RequestSpec } from '../transport/request-spec.ts';
import { Transport } from '../transport/transport.ts';
import { resolveUrl } from '../transport/url.ts';
import { clientPath } from '../utils/href.ts';
import { plainCopy } from '../utils/plain-copy.ts';
import { type ClientOptions, defaultLockOwner, transportConfig } from './options.ts';
import { Sender } from './sender.ts';
import { ServerQuirks } from './server-quirks.ts';

/**
 * What makes a client a {@link Session}: its configuration, its locks, what it learned about servers,
 * and the one way it sends (`perform`). `DavClient` adds the verbs on top.
 *
 * @internal
 */
export class ClientCore implements Session {
  /** The normalised base URL (trailing slash, no credentials). */
  readonly baseUrl: string;
  /** The locks this client holds; their tokens are submitted automatically (see `lockTokens`). */
  readonly locks: LockStore;
  /** What this client learned about servers by being refused (the LOCK forms they need), per origin. */
  readonly quirks: ServerQuirks;
  /** What `probe()` learned, per collection; shared with the clients made by `extend()`. */
  readonly probes: ProbeCache;
  /** The options the client was made with (for `extend()`): private, as they may hold credentials. */
  readonly #configuration: ClientOptions;
  readonly #transport: Transport;
  readonly #sender: Sender;

  constructor(
    options: ClientOptions,
    locks: LockStore = new LockStore(),
    quirks: ServerQuirks = new ServerQuirks(),
    probes: ProbeCache = new ProbeCache(),
    limiters?: Limiters,
  ) {
    this.#configuration = options;
    const config = transportConfig(options);
    if (limiters !== undefined && options.rateLimit !== undefined) {
      limiters.configure(options.rateLimit);
    }
    this.#transport = new Transport(config, limiters);
    this.baseUrl = this.#transport.config.baseUrl.href;
    this.locks = locks;
    this.quirks = quirks;
    this.probes = probes;
    this.#sender = new Sender({
      session: this,
      transport: this.#transport,
      quirks,
      adaptation: { defaultLockOwner: defaultLockOwner(options) },
      lockTokens: options.lockTokens ?? true,
    });
  }
  /** @internal The options the client was made with, for `extend()` (kept out of `inspect`). */
  protected configured(): ClientOptions {
    return this.#configuration;
  }

  /**
   * Sends a write as `performWrite` does: verified after an ambiguous failure when the call (or the
   * client) asks for it.
   *
   * @internal
   */
  protected async write(
    write: VerifiableWrite,
    ifMatchHonoured?: VerifyKnowledge['ifMatchHonoured'],
  ): Promise<VerifiedWrite> {
    const verify = write.options.verify ?? this.#configuration.verify ?? false;
    // (A non-boolean `verify` is refused here; the client option is checked when the client is made.)
    if (typeof verify !== 'boolean') {
      throw new DavUsageError('verify must be true or false');
    }
    // Loaded on the first write: an app that only reads does not carry writes and their verification.
    // The arguments are taken as they are now (the body as given), whatever the caller changes next.
    const now = { ...write, options: plainCopy(write.options) } as VerifiableWrite;
    const { performWrite } = await import('../recovery/verify.ts');
    return performWrite(this, now, { verify, ifMatchHonoured });
  }

  /** @internal The per-origin limiters, shared with `extend()`ed clients. */
  protected limiters(): Limiters {
    return this.#transport.limiters;
  }

  /**
   * The limiter of the base URL's origin, shared by this client, the clients `extend()`ed from it,
   * their batches and listings: its state (`state()`: paused until, concurrency, in flight, queued,
   * retry budget) and `subscribe()` to follow throttling.
   *
   * @example
   * ```ts
   * dav.limiter.subscribe(({ pausedUntil, concurrency }) => console.log('throttled', pausedUntil, concurrency));
   * const { inFlight, queued } = dav.limiter.state();
   * ```
   */
  get limiter(): OriginLimiter {
    return this.#transport.limiters.of(this.#transport.config.baseUrl.origin);
  }

  /**
   * A server path (as in `RootCause.serverPath`, `DavResponse.path`) as a path for this client's
   * methods: relative to the base URL, or an absolute URL when it lies outside it.
   *
   * @example
   * ```ts
   * dav.relativePath('/dav/files/alice/a.txt'); // '/a.txt' with baseUrl https://host/dav/files/alice/
   * ```
   */
  relativePath(serverPath: string): string {
    return clientPath(this.#transport.config.baseUrl, serverPath);
  }

  /** The absolute URL of a client path. @example `dav.url('/a b.txt')` → `'https://host/dav/a%20b.txt'` */
  url(path: string): string {
    return resolveUrl(this.#transport.config.baseUrl, path).href;
  }

  /**
   * Runs an operation (see {@link operations}): lock tokens added, sent, its answer read, lock
   * bookkeeping done. A refusal it throws can `retryAfterFix()`.
   *
   * @example
   * ```ts
   * const lock = await dav.run(operations.lock('/a.txt'));
   * ```
   */
  async run<T>(operation: Operation<T>, options: RunOptions = {}): Promise<T> {
    return (await this.perform(operation, options)).value;
  }

  /**
   * Like {@link ClientCore.run}, with the HTTP status of the answer: what the batch engine records.
   * Every verb goes through here, `get()` included: LOCK, UNLOCK, DELETE and MOVE update the lock
   * store as their operations say, LOCKs adapt to servers that refuse their standard form.
   *
   * @example
   * ```ts
   * const { status } = await dav.perform(operations.put('/a.txt', 'x')); // 201 or 204
   * ```
   */
  perform<T>(operation: Operation<T>, options: RunOptions = {}): Promise<Performed<T>> {
    return this.#sender.perform(operation, options);
  }

  /**
   * Sends a request and hands the response over unread, whatever its status (no `retryAfterFix()`,
   * no lock bookkeeping: a raw exchange). Lock tokens are added as for `run()`; the caller reads (or
   * cancels) the body.
   *
   * @example
   * ```ts
   * const { response } = await dav.open({ method: 'REPORT', path: '/cal/', headers: {}, body, response: 'stream' });
   * ```
   */
  open(spec: RequestSpec, options: RunOptions = {}): Promise<Exchange> {
    return this.#sender.open(spec, options);
  }

  /** The largest XML body this client reads whole, in bytes (`maxBodySize`). */
  get maxBodySize(): number {
    return this.#transport.config.maxBodySize;
  }

  /**
   * The limits of a decode that reads an answer as it arrives (`streamPropfind`): what it holds at
   * once, and the total (`maxBodySize` when set, otherwise none).
   */
  get incrementalLimits(): IncrementalLimits {
    const { limits, maxIncrementalBodySize } = this.#transport.config;
    return { limits, maxBodySize: maxIncrementalBodySize };
  }

  /** The client's `verify` option (default `false`): writes check an ambiguous failure. */
  get verifyWrites(): boolean {
    return this.#configuration.verify === true;
  }

  /** The client's timeout, in ms (`false`: none). */
  get timeout(): number | false {
    return this.#transport.config.timeout;
  }
}
