import { Batch, type BatchOptions } from '../batch/batch.ts';
import { collectBytes, collectText, type DownloadLimits, downloadReadOptions } from '../files/downloads.ts';
import { type ListOptions, listEntries, resourceExists, statEntry } from '../files/list.ts';
import { makeCollections } from '../files/mkdirp.ts';
import { readQuota } from '../files/quota.ts';
import { LockStore } from '../locks/lock-store.ts';
import type { Entry, Quota } from '../model/entry.ts';
import type { ActiveLock, MultiStatus } from '../model/multistatus.ts';
import type { HeadResult, OptionsResult, PutResult, TransferResult } from '../model/results.ts';
import {
  type ProgressOptions,
  type RunOptions,
  splitRefreshArguments,
  type WriteCallOptions,
} from '../operations/call-options.ts';
import type { Depth } from '../operations/common.ts';
import type { CopyOptions, MoveOptions } from '../operations/copy-move.ts';
import type { DeleteOptions } from '../operations/delete.ts';
import type { GetOptions } from '../operations/get.ts';
import type { LockOptions, LockTimeout } from '../operations/lock.ts';
import type { Operation, Performed } from '../operations/operation.ts';
import { operations } from '../operations/operations.ts';
import type { PropfindOptions } from '../operations/propfind.ts';
import type { PutOptions } from '../operations/put.ts';
import type { XmlBody } from '../operations/report-search.ts';
import type { RefreshLockOptions } from '../operations/unlock.ts';
import type { IncrementalLimits, Session } from '../session/session.ts';
import type { Exchange } from '../transport/raw-response.ts';
import type { CallOptions, RequestBody, RequestSpec } from '../transport/request-spec.ts';
import { Transport } from '../transport/transport.ts';
import { resolveUrl } from '../transport/url.ts';
import { clientPath } from '../utils/href.ts';
import type { PropPatch } from '../xml/bodies/propertyupdate.ts';
import type { BasicSearch } from '../xml/bodies/search.ts';
import { type ClientOptions, defaultLockOwner, mergeClientOptions, transportConfig } from './options.ts';
import { Sender } from './sender.ts';
import { ServerQuirks } from './server-quirks.ts';

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
export class DavClient implements Session {
  /** The normalised base URL (trailing slash, no credentials). */
  readonly baseUrl: string;
  /** The locks this client holds; their tokens are submitted automatically (see `lockTokens`). */
  readonly locks: LockStore;
  /** What this client learned about servers by being refused (the LOCK forms they need), per origin. */
  readonly quirks: ServerQuirks;
  readonly #options: ClientOptions;
  readonly #transport: Transport;
  readonly #sender: Sender;

  constructor(
    options: ClientOptions,
    locks: LockStore = new LockStore(),
    quirks: ServerQuirks = new ServerQuirks(),
  ) {
    this.#options = options;
    this.#transport = new Transport(transportConfig(options));
    this.baseUrl = this.#transport.config.baseUrl.href;
    this.locks = locks;
    this.quirks = quirks;
    this.#sender = new Sender({
      session: this,
      transport: this.#transport,
      quirks,
      adaptation: { defaultLockOwner: defaultLockOwner(options) },
      lockTokens: options.lockTokens ?? true,
    });
  }

  /**
   * A new client with these options merged over this one's; it starts with a copy of the held locks
   * and of what this one learned about servers.
   */
  extend(options: Partial<ClientOptions> | ((current: ClientOptions) => Partial<ClientOptions>)): DavClient {
    const override = typeof options === 'function' ? options(this.#options) : options;
    const locks = new LockStore();
    for (const lock of this.locks.list()) {
      locks.add(lock);
    }
    return new DavClient(mergeClientOptions(this.#options, override), locks, this.quirks.copy());
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
   * Like {@link DavClient.run}, with the HTTP status of the answer: what the batch engine records.
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
   * Sends a request and hands the response over unread, whatever its status, for readers that
   * stream (`davkit/stream`). Lock tokens are added as for `run()`; the caller reads (or cancels) the
   * body.
   *
   * @example
   * ```ts
   * const { response } = await dav.open({ method: 'PROPFIND', path: '/big/', headers: { depth: '1' }, response: 'stream' });
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
    return this.run(operations.get(path, options), options);
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

  /** The members of a collection (not the collection itself). @example `await dav.list('/docs/', { deep: true })` */
  async list(path = '/', options: ListOptions = {}): Promise<Entry[]> {
    return listEntries(this, path, options);
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
