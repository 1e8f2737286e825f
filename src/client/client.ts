import type { Progress } from 'ky';
import { Batch, type BatchOptions } from '../batch/batch.ts';
import { collectBytes, collectText, type DownloadLimits, downloadReadOptions } from '../helpers/downloads.ts';
import type { Entry } from '../helpers/entry.ts';
import { type ListOptions, listEntries, resourceExists, statEntry } from '../helpers/list.ts';
import { makeCollections } from '../helpers/mkdirp.ts';
import { type Quota, readQuota } from '../helpers/quota.ts';
import { parseLockTokenHeader } from '../locks/if-header.ts';
import { LockStore } from '../locks/lock-store.ts';
import type { ActiveLock, MultiStatus } from '../multistatus/types.ts';
import { ProbeCache } from '../probe/cache.ts';
import { collectionPath, probeCollection } from '../probe/probe.ts';
import type { Capabilities, ProbeOptions } from '../probe/types.ts';
import { rememberReplay } from '../recovery/replay-registry.ts';
import { syncTree } from '../sync/sync.ts';
import type { SyncOptions, SyncResult } from '../sync/types.ts';
import { readFailedAnswer } from '../transport/read-body.ts';
import { receive } from '../transport/receive.ts';
import type { CallOptions, RequestBody, RequestSpec } from '../transport/request-spec.ts';
import { type Exchange, type SendOptions, Transport } from '../transport/transport.ts';
import { clientPath, resolveUrl, urlPath } from '../transport/url.ts';
import type { Depth } from '../verbs/common.ts';
import type { CopyOptions, MoveOptions, TransferResult } from '../verbs/copy-move.ts';
import type { DeleteOptions } from '../verbs/delete.ts';
import { expectSuccess } from '../verbs/failures.ts';
import { buildGet, type GetOptions } from '../verbs/get.ts';
import type { HeadResult } from '../verbs/head.ts';
import type { LockOptions, LockTimeout } from '../verbs/lock.ts';
import type { AdaptationSettings, Operation, Performed } from '../verbs/operation.ts';
import { operations } from '../verbs/operations.ts';
import type { OptionsResult } from '../verbs/options.ts';
import type { PropfindOptions } from '../verbs/propfind.ts';
import type { PutOptions, PutResult } from '../verbs/put.ts';
import type { XmlBody } from '../verbs/report-search.ts';
import type { RefreshLockOptions } from '../verbs/unlock.ts';
import type { PropPatch } from '../xml/bodies/propertyupdate.ts';
import type { BasicSearch } from '../xml/bodies/search.ts';
import type { XmlLimits } from '../xml/limits.ts';
import {
  callPart,
  type ProgressOptions,
  type RunOptions,
  splitRefreshArguments,
  type WriteCallOptions,
} from './call-options.ts';
import { withDiscoveredLock } from './lock-discovery.ts';
import { lockLookup } from './lock-lookup.ts';
import { heldLocksAround, withLockTokens } from './lock-tokens.ts';
import { type ClientOptions, defaultLockOwner, mergeClientOptions, transportConfig } from './options.ts';
import { performAdapting, ServerQuirks } from './server-quirks.ts';

/**
 * A WebDAV client: one method per verb plus the helpers users expect. Create it with
 * {@link createClient}. Every method takes paths relative to the base URL and accepts `signal`,
 * `headers` and `timeout` in its last options object. Every method returns a promise: a bad argument
 * rejects with `DavUsageError` and nothing is sent (never a synchronous throw).
 *
 * @example
 * ```ts
 * const dav = createClient({ baseUrl: 'https://host/dav/', auth: { type: 'basic', username, password } });
 * const entries = await dav.list('/reports/');
 * await dav.put('/reports/q4.csv', csv, { contentType: 'text/csv' });
 * ```
 */
export class DavClient {
  /** The normalised base URL (trailing slash, no credentials). */
  readonly baseUrl: string;
  /** The locks this client holds; their tokens are submitted automatically (see `lockTokens`). */
  readonly locks: LockStore;
  /** What this client learned about servers by being refused (the LOCK forms they need), per origin. */
  readonly quirks: ServerQuirks;
  /** What `probe()` learned, per collection; shared with the clients made by `extend()`. */
  readonly probes: ProbeCache;
  readonly #options: ClientOptions;
  readonly #transport: Transport;
  readonly #adaptation: AdaptationSettings;

  constructor(
    options: ClientOptions,
    locks: LockStore = new LockStore(),
    quirks: ServerQuirks = new ServerQuirks(),
    probes: ProbeCache = new ProbeCache(),
  ) {
    this.#options = options;
    this.#transport = new Transport(transportConfig(options));
    this.#adaptation = { defaultLockOwner: defaultLockOwner(options) };
    this.baseUrl = this.#transport.config.baseUrl.href;
    this.locks = locks;
    this.quirks = quirks;
    this.probes = probes;
  }

  /**
   * A new client with these options merged over this one's; it starts with a copy of the held locks
   * and of what this one learned about servers; probe results are shared.
   */
  extend(options: Partial<ClientOptions> | ((current: ClientOptions) => Partial<ClientOptions>)): DavClient {
    const override = typeof options === 'function' ? options(this.#options) : options;
    const locks = new LockStore();
    for (const lock of this.locks.list()) {
      locks.add(lock);
    }
    return new DavClient(mergeClientOptions(this.#options, override), locks, this.quirks.copy(), this.probes);
  }

  /**
   * A server path (as in `RootCause.path`, `DavResponse.path`) as a path for this client's methods:
   * relative to the base URL, or an absolute URL when it lies outside it.
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

  /** Runs an operation: lock tokens added, sent, read. Errors keep a link for `retryAfterFix()`. */
  async run<T>(operation: Operation<T>, options: RunOptions = {}): Promise<T> {
    return (await this.perform(operation, options)).value;
  }

  /**
   * Like {@link DavClient.run}, with the HTTP status of the answer: what the batch engine records.
   * LOCK and UNLOCK keep the client's lock store up to date here, so batch steps and direct calls
   * share the same bookkeeping; LOCKs adapt here to servers that refuse their standard form.
   */
  perform<T>(operation: Operation<T>, options: RunOptions = {}): Promise<Performed<T>> {
    const origin = resolveUrl(this.#transport.config.baseUrl, operation.spec.path).origin;
    const attempt = <V>(each: Operation<V>) => this.#attempt(each, options);
    return performAdapting(operation, attempt, this.quirks, origin, this.#adaptation);
  }

  async #attempt<T>(operation: Operation<T>, options: RunOptions): Promise<Performed<T>> {
    const spec = this.#prepare(operation.spec, options);
    try {
      const { status, value } = await receive(
        this.#transport,
        spec,
        this.#sendOptions(spec, options),
        operation,
        (raw) => withDiscoveredLock(raw, lockLookup(this, options), urlPath(this.#transport.config.baseUrl)),
      );
      this.#track(operation.spec, value);
      return { status, value };
    } catch (error) {
      rememberReplay(error, {
        client: this,
        run: (again, override) => this.run(again, { ...options, ...override }),
        operation,
      });
      throw error;
    }
  }

  /**
   * Sends a request and hands the response over unread, for readers that stream (`davkit/stream`).
   * Lock tokens are added as for `run()`; the caller reads (or cancels) the body.
   *
   * @example
   * ```ts
   * const { response } = await dav.open(buildPropfind('/big/', { depth: 1 }));
   * ```
   */
  open(spec: RequestSpec, options: RunOptions = {}): Promise<Exchange> {
    const prepared = this.#prepare(spec, options);
    return this.#transport.send(prepared, this.#sendOptions(prepared, options));
  }

  /**
   * The transport options of a call, with a snapshot of the locks held around its paths: errors
   * carry it (`request.locks`), so explaining them needs no live lookup.
   */
  #sendOptions(spec: RequestSpec, options: RunOptions): SendOptions {
    return {
      ...callPart(options),
      heldLocks: heldLocksAround(spec, this.locks, this.#transport.config.baseUrl),
    };
  }

  /** The spec with the lock tokens this call must submit. */
  #prepare(spec: RequestSpec, options: RunOptions): RequestSpec {
    const auto = options.lockTokens ?? this.#options.lockTokens ?? true;
    return withLockTokens(
      spec,
      auto ? this.locks : new LockStore(),
      this.#transport.config.baseUrl,
      options.lockToken,
    );
  }

  /** The largest XML body this client reads whole, in bytes (`maxBodySize`). */
  get maxBodySize(): number {
    return this.#transport.config.maxBodySize;
  }

  /**
   * The limits of a decode that reads an answer as it arrives (`streamPropfind`): what it holds at
   * once, and the total (`maxBodySize` when set, otherwise none).
   */
  get incrementalLimits(): { readonly limits: XmlLimits; readonly maxBodySize: number } {
    const { limits, maxIncrementalBodySize } = this.#transport.config;
    return { limits, maxBodySize: maxIncrementalBodySize };
  }

  /** The client's timeout, in ms (`false`: none). */
  get timeout(): number | false {
    return this.#transport.config.timeout;
  }

  /** PROPFIND: properties of a resource (and its members, Depth 1 by default). @example `await dav.propfind('/', { props: ['{DAV:}getetag'] })` */
  async propfind(path: string, options: PropfindOptions & CallOptions = {}): Promise<MultiStatus> {
    return this.run(operations.propfind(path, options), options);
  }

  /** PROPPATCH: set and remove properties, atomically. @example `await dav.proppatch('/a', { set: { '{urn:x}k': 'v' } })` */
  async proppatch(path: string, options: PropPatch & WriteCallOptions): Promise<MultiStatus> {
    return this.run(operations.proppatch(path, options), options);
  }

  /** MKCOL: create a collection. @example `await dav.mkcol('/reports/2026/')` */
  async mkcol(path: string, options: WriteCallOptions = {}): Promise<void> {
    return this.run(operations.mkcol(path), options);
  }

  /** PUT: create or replace a resource. @example `await dav.put('/a.txt', 'hello', { ifMatch: etag })` */
  async put(
    path: string,
    body: RequestBody,
    options: PutOptions & WriteCallOptions & ProgressOptions = {},
  ): Promise<PutResult> {
    return this.run(operations.put(path, body, options), options);
  }

  /** HEAD: headers only. @example `const { etag, size } = await dav.head('/a.txt')` */
  async head(path: string, options: CallOptions = {}): Promise<HeadResult> {
    return this.run(operations.head(path), options);
  }

  /** DELETE. @example `await dav.delete('/old/')` */
  async delete(path: string, options: DeleteOptions & WriteCallOptions = {}): Promise<void> {
    return this.run(operations.delete(path, options), options);
  }

  /** COPY (Depth infinity unless `depth: 0`). @example `await dav.copy('/a.txt', '/b.txt', { overwrite: false })` */
  async copy(
    from: string,
    to: string,
    options: CopyOptions & WriteCallOptions = {},
  ): Promise<TransferResult> {
    return this.run(operations.copy(from, to, options), options);
  }

  /** MOVE. @example `await dav.move('/draft.txt', '/final.txt')` */
  async move(
    from: string,
    to: string,
    options: MoveOptions & WriteCallOptions = {},
  ): Promise<TransferResult> {
    return this.run(operations.move(from, to, options), options);
  }

  /**
   * LOCK: take a write lock; its token is remembered and submitted on later writes. Here `timeout` is
   * the lock's Timeout in seconds (or `'infinite'`); the request itself waits as long as the client's
   * `timeout` says.
   *
   * @example `const lock = await dav.lock('/a.txt', { timeout: 600 })`
   */
  async lock(path: string, options: LockOptions & Omit<CallOptions, 'timeout'> = {}): Promise<ActiveLock> {
    return this.run(operations.lock(path, options), withoutTimeout(options));
  }

  /**
   * Refreshes a lock. `timeout` is the lock's new Timeout in seconds (or `'infinite'`), as for
   * `lock()`; the request itself waits as long as the client's `timeout` says. A server that refuses
   * the tagged `If` with 400 gets the untagged form once, and from then on (see `quirks`).
   *
   * @example `await dav.refreshLock('/a.txt', lock.token, { timeout: 600 })`
   */
  refreshLock(
    path: string,
    token: string,
    options?: RefreshLockOptions & Omit<CallOptions, 'timeout'>,
  ): Promise<ActiveLock>;
  /** @deprecated Pass the timeout as `{ timeout }`, as for `lock()`: `refreshLock(path, token, { timeout: 600 })`. */
  refreshLock(path: string, token: string, timeout?: LockTimeout, options?: CallOptions): Promise<ActiveLock>;
  async refreshLock(
    path: string,
    token: string,
    third?: (RefreshLockOptions & Omit<CallOptions, 'timeout'>) | LockTimeout,
    fourth: CallOptions = {},
  ): Promise<ActiveLock> {
    const { lock, rest } = splitRefreshArguments<Omit<CallOptions, 'timeout'>>(third, fourth);
    return this.run(operations.refreshLock(path, this.url(path), token, lock), {
      ...rest,
      lockTokens: false,
    });
  }

  /** UNLOCK; the token is forgotten. @example `await dav.unlock('/a.txt', lock.token)` */
  async unlock(path: string, token: string, options: CallOptions = {}): Promise<void> {
    await this.run(operations.unlock(path, token), options);
  }

  /** OPTIONS: compliance classes and allowed methods. @example `(await dav.options()).dav.includes('2')` */
  async options(path = '/', options: CallOptions = {}): Promise<OptionsResult> {
    return this.run(operations.options(path), options);
  }

  /** REPORT (e.g. `sync-collection`). @example `await dav.report('/cal/', syncCollectionBody({ syncToken: '' }))` */
  async report(
    path: string,
    body: XmlBody,
    options: { readonly depth?: Depth } & CallOptions = {},
  ): Promise<MultiStatus> {
    return this.run(operations.report(path, body, options), options);
  }

  /** SEARCH (RFC 5323). @example `await dav.search('/', { select: ['{DAV:}displayname'], from: { href: '/dav/' } })` */
  async search(path: string, query: XmlBody | BasicSearch, options: CallOptions = {}): Promise<MultiStatus> {
    return this.run(operations.search(path, query), options);
  }

  /**
   * GET: the `Response`, unread, to stream large downloads. A non-2xx status throws `DavHttpError`.
   *
   * @example
   * ```ts
   * const response = await dav.get('/video.mp4');
   * for await (const chunk of response.body!) { … }
   * ```
   */
  async get(path: string, options: GetOptions & CallOptions & ProgressOptions = {}): Promise<Response> {
    const spec = buildGet(path, options);
    const exchange = await this.#transport.send(spec, this.#sendOptions(spec, options));
    if (!exchange.response.ok) {
      const { signal, timeout } = options;
      expectSuccess(
        await readFailedAnswer(exchange, {
          limit: this.maxBodySize,
          idleTimeout: timeout ?? this.timeout,
          signal,
        }),
      );
    }
    return exchange.response;
  }

  /** GET as text (charset from Content-Type, UTF-8 by default). @example `const text = await dav.getText('/a.txt')` */
  async getText(
    path: string,
    options: GetOptions & CallOptions & DownloadLimits & ProgressOptions = {},
  ): Promise<string> {
    const read = downloadReadOptions(limits(options), this.timeout, this.url(path));
    return collectText(await this.get(path, options), read);
  }

  /** GET as bytes. @example `const bytes = await dav.getBytes('/image.png')` */
  async getBytes(
    path: string,
    options: GetOptions & CallOptions & DownloadLimits & ProgressOptions = {},
  ): Promise<Uint8Array> {
    const read = downloadReadOptions(limits(options), this.timeout, this.url(path));
    return collectBytes(await this.get(path, options), read);
  }

  /**
   * A batch of operations run concurrently in dependency order (see {@link Batch}).
   *
   * @example
   * ```ts
   * const batch = dav.batch({ concurrency: 4 });
   * batch.mkcol('/reports/2026/');
   * batch.put('/reports/2026/q4.csv', csv);
   * const result = await batch.run();
   * ```
   */
  batch(options: BatchOptions = {}): Batch {
    return new Batch(this, options);
  }

  /**
   * The members of a collection (not the collection itself). With `deep`, a server a cached probe
   * found refusing `Depth: infinity` is walked level by level straight away.
   *
   * @example `await dav.list('/docs/', { deep: true })`
   */
  async list(path = '/', options: ListOptions = {}): Promise<Entry[]> {
    return listEntries(this, path, options, this.probes.around(this.url(path))?.depthInfinity !== false);
  }

  /**
   * What the server can do for a collection (see {@link Capabilities}): asked once, cheaply (OPTIONS,
   * one listing, and a scratch file next to the path that is removed again), then cached.
   *
   * @example
   * ```ts
   * const caps = await dav.probe('/');
   * if (caps.partialUpdate.includes('content-range')) { … }
   * ```
   */
  async probe(path = '/', options: ProbeOptions = {}): Promise<Capabilities> {
    const url = this.url(collectionPath(path));
    return this.probes.obtain(url, options.refresh === true, () => probeCollection(this, path, options));
  }

  /**
   * What changed in a collection (and below it) since the previous sync's `state`: RFC 6578
   * `sync-collection` where offered, else a walk that compares ETags. The new `state` is plain JSON.
   *
   * @example
   * ```ts
   * const first = await dav.sync('/notes/');            // kind 'initial': everything in `added`
   * const delta = await dav.sync('/notes/', { state: first.state });
   * delta.added; delta.changed; delta.removed;
   * ```
   */
  async sync(path = '/', options: SyncOptions = {}): Promise<SyncResult> {
    return syncTree(this, path, options);
  }

  /** One resource as an `Entry`. @example `const entry = await dav.stat('/a.txt')` */
  async stat(path: string, options: CallOptions = {}): Promise<Entry> {
    return statEntry(this, path, options);
  }

  /** Whether a resource exists (a 404 is `false`; other failures throw). @example `if (await dav.exists('/a.txt')) …` */
  async exists(path: string, options: CallOptions = {}): Promise<boolean> {
    return resourceExists(this, path, options);
  }

  /** Creates a collection and any missing ancestors. @example `await dav.mkdirp('/a/b/c/')` */
  async mkdirp(path: string, options: WriteCallOptions = {}): Promise<void> {
    return makeCollections(this, path, options);
  }

  /** RFC 4331 quota of a collection. @example `const { used, available } = await dav.quota('/')` */
  async quota(path = '/', options: CallOptions = {}): Promise<Quota> {
    return readQuota(this, path, options);
  }

  /** Lock bookkeeping after a successful LOCK (new or refreshed) or UNLOCK. */
  #track(spec: RequestSpec, value: unknown): void {
    if (spec.method === 'UNLOCK') {
      const token = parseLockTokenHeader(spec.headers['lock-token']);
      if (token !== undefined) {
        this.locks.delete(token);
      }
      return;
    }
    if (spec.method !== 'DELETE' && spec.method !== 'MOVE' && spec.method !== 'LOCK') {
      return;
    }
    const target = resolveUrl(this.#transport.config.baseUrl, spec.path);
    if (spec.method === 'DELETE' || spec.method === 'MOVE') {
      // The server destroyed the locks there (locks do not move); their tokens would make a later
      // request on the same path fail with 412.
      this.locks.forgetWithin(urlPath(target));
      return;
    }
    const lock = value as ActiveLock;
    if (lock.token === undefined) {
      return;
    }
    const held = this.locks.list().find((each) => each.token === lock.token);
    const requested = spec.headers.depth;
    const depth = held?.depth ?? (requested === '0' || lock.depth === 0 ? 0 : 'infinity');
    // A new lock's root is the request URL (RFC 4918 §9.10); a refresh keeps the root it had. The
    // lockroot a server reports is not trusted for it: rclone reports it without its --baseurl prefix.
    this.locks.add({
      token: lock.token,
      root: held?.root ?? urlPath(target),
      rootUrl: held?.rootUrl ?? target.href,
      depth,
      scope: lock.scope,
      expiresAt: expiryOf(lock.timeout),
    });
  }
}

/**
 * When a lock granted now expires. A timeout of 0 seconds cannot be meant literally for a lock just
 * granted (rclone reports `Second-0` when no Timeout was asked for, and keeps the lock), so it counts
 * as unknown, like an infinite one: the token is kept until UNLOCK.
 */
function expiryOf(timeout: ActiveLock['timeout']): number | null {
  return typeof timeout === 'number' && timeout > 0 ? Date.now() + timeout * 1000 : null;
}

/** Call options without `timeout`, for verbs whose own `timeout` option means something else (LOCK). */
function withoutTimeout<T extends object>(options: T): Omit<T, 'timeout'> {
  return Object.fromEntries(Object.entries(options).filter(([name]) => name !== 'timeout')) as Omit<
    T,
    'timeout'
  >;
}

function limits(options: CallOptions & DownloadLimits): DownloadLimits {
  return {
    ...(options.maxSize === undefined ? {} : { maxSize: options.maxSize }),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
    ...(options.timeout === undefined ? {} : { timeout: options.timeout }),
  };
}

export type { Progress };
