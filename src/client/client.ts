import type { Progress } from 'ky';
import { collectBytes, collectText, type DownloadLimits, downloadReadOptions } from '../helpers/downloads.ts';
import type { Entry } from '../helpers/entry.ts';
import { type ListOptions, listEntries, resourceExists, statEntry } from '../helpers/list.ts';
import { makeCollections } from '../helpers/mkdirp.ts';
import { type Quota, readQuota } from '../helpers/quota.ts';
import { type HeldLock, LockStore } from '../locks/lock-store.ts';
import type { ActiveLock, MultiStatus } from '../multistatus/types.ts';
import { rememberReplay } from '../recovery/replay-registry.ts';
import type { CallOptions, RequestBody } from '../transport/request-spec.ts';
import { Transport } from '../transport/transport.ts';
import { resolveUrl, urlPath } from '../transport/url.ts';
import { encodePath } from '../utils/href.ts';
import type { Depth } from '../verbs/common.ts';
import type { CopyOptions, MoveOptions, TransferResult } from '../verbs/copy-move.ts';
import type { DeleteOptions } from '../verbs/delete.ts';
import { httpError } from '../verbs/failures.ts';
import { buildGet, type GetOptions } from '../verbs/get.ts';
import type { HeadResult } from '../verbs/head.ts';
import type { LockOptions, LockTimeout } from '../verbs/lock.ts';
import type { Operation } from '../verbs/operation.ts';
import { operations } from '../verbs/operations.ts';
import type { OptionsResult } from '../verbs/options.ts';
import type { PropfindOptions } from '../verbs/propfind.ts';
import type { PutOptions, PutResult } from '../verbs/put.ts';
import type { XmlBody } from '../verbs/report-search.ts';
import type { PropPatch } from '../xml/bodies/propertyupdate.ts';
import type { BasicSearch } from '../xml/bodies/search.ts';
import { callPart, type ProgressOptions, type RunOptions, type WriteCallOptions } from './call-options.ts';
import { withLockTokens } from './lock-tokens.ts';
import { type ClientOptions, mergeClientOptions, transportConfig } from './options.ts';

/**
 * A WebDAV client: one method per verb plus the helpers users expect. Create it with
 * {@link createClient}. Every method takes paths relative to the base URL and accepts `signal`,
 * `headers` and `timeout` in its last options object.
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
  readonly #options: ClientOptions;
  readonly #transport: Transport;

  constructor(options: ClientOptions, locks: LockStore = new LockStore()) {
    this.#options = options;
    this.#transport = new Transport(transportConfig(options));
    this.baseUrl = this.#transport.config.baseUrl.href;
    this.locks = locks;
  }

  /** A new client with these options merged over this one's; it starts with a copy of the held locks. */
  extend(options: Partial<ClientOptions> | ((current: ClientOptions) => Partial<ClientOptions>)): DavClient {
    const override = typeof options === 'function' ? options(this.#options) : options;
    const locks = new LockStore();
    for (const lock of this.locks.list()) {
      locks.add(lock);
    }
    return new DavClient(mergeClientOptions(this.#options, override), locks);
  }

  /** The absolute URL of a client path. @example `dav.url('/a b.txt')` → `'https://host/dav/a%20b.txt'` */
  url(path: string): string {
    return resolveUrl(this.#transport.config.baseUrl, path).href;
  }

  /** Runs an operation: lock tokens added, sent, read. Errors keep a link for `retryAfterFix()`. */
  async run<T>(operation: Operation<T>, options: RunOptions = {}): Promise<T> {
    const base = this.#transport.config.baseUrl;
    const auto = options.lockTokens ?? this.#options.lockTokens ?? true;
    const spec = withLockTokens(operation.spec, auto ? this.locks : new LockStore(), base, options.lockToken);
    try {
      const raw = await this.#transport.exchange(spec, callPart(options));
      return operation.read(raw);
    } catch (error) {
      rememberReplay(error, { run: (again) => this.run(again, options), operation });
      throw error;
    }
  }

  /** PROPFIND: properties of a resource (and its members, Depth 1 by default). @example `await dav.propfind('/', { props: ['{DAV:}getetag'] })` */
  propfind(path: string, options: PropfindOptions & CallOptions = {}): Promise<MultiStatus> {
    return this.run(operations.propfind(path, options), options);
  }

  /** PROPPATCH: set and remove properties, atomically. @example `await dav.proppatch('/a', { set: { '{urn:x}k': 'v' } })` */
  proppatch(path: string, options: PropPatch & WriteCallOptions): Promise<MultiStatus> {
    return this.run(operations.proppatch(path, options), options);
  }

  /** MKCOL: create a collection. @example `await dav.mkcol('/reports/2026/')` */
  mkcol(path: string, options: WriteCallOptions = {}): Promise<void> {
    return this.run(operations.mkcol(path), options);
  }

  /** PUT: create or replace a resource. @example `await dav.put('/a.txt', 'hello', { ifMatch: etag })` */
  put(
    path: string,
    body: RequestBody,
    options: PutOptions & WriteCallOptions & ProgressOptions = {},
  ): Promise<PutResult> {
    return this.run(operations.put(path, body, options), options);
  }

  /** HEAD: headers only. @example `const { etag, size } = await dav.head('/a.txt')` */
  head(path: string, options: CallOptions = {}): Promise<HeadResult> {
    return this.run(operations.head(path), options);
  }

  /** DELETE. @example `await dav.delete('/old/')` */
  delete(path: string, options: DeleteOptions & WriteCallOptions = {}): Promise<void> {
    return this.run(operations.delete(path, options), options);
  }

  /** COPY (Depth infinity unless `depth: 0`). @example `await dav.copy('/a.txt', '/b.txt', { overwrite: false })` */
  copy(from: string, to: string, options: CopyOptions & WriteCallOptions = {}): Promise<TransferResult> {
    return this.run(operations.copy(from, to, options), options);
  }

  /** MOVE. @example `await dav.move('/draft.txt', '/final.txt')` */
  move(from: string, to: string, options: MoveOptions & WriteCallOptions = {}): Promise<TransferResult> {
    return this.run(operations.move(from, to, options), options);
  }

  /** LOCK: take a write lock; its token is remembered and submitted on later writes. @example `const lock = await dav.lock('/a.txt', { timeout: 600 })` */
  async lock(path: string, options: LockOptions & CallOptions = {}): Promise<ActiveLock> {
    const lock = await this.run(operations.lock(path, options), options);
    this.#remember(path, lock, options.depth ?? 'infinity');
    return lock;
  }

  /** Refreshes a lock's timeout. @example `await dav.refreshLock('/a.txt', lock.token, 600)` */
  async refreshLock(
    path: string,
    token: string,
    timeout?: LockTimeout,
    options: CallOptions = {},
  ): Promise<ActiveLock> {
    const lock = await this.run(operations.refreshLock(path, this.url(path), token, timeout), {
      ...options,
      lockTokens: false,
    });
    const held = this.locks.list().find((each) => each.token === token);
    this.#remember(path, { ...lock, token }, held?.depth ?? (lock.depth === 0 ? 0 : 'infinity'));
    return lock;
  }

  /** UNLOCK; the token is forgotten. @example `await dav.unlock('/a.txt', lock.token)` */
  async unlock(path: string, token: string, options: CallOptions = {}): Promise<void> {
    await this.run(operations.unlock(path, token), options);
    this.locks.delete(token);
  }

  /** OPTIONS: compliance classes and allowed methods. @example `(await dav.options()).dav.includes('2')` */
  options(path = '/', options: CallOptions = {}): Promise<OptionsResult> {
    return this.run(operations.options(path), options);
  }

  /** REPORT (e.g. `sync-collection`). @example `await dav.report('/cal/', syncCollectionBody({ syncToken: '' }))` */
  report(
    path: string,
    body: XmlBody,
    options: { readonly depth?: Depth } & CallOptions = {},
  ): Promise<MultiStatus> {
    return this.run(operations.report(path, body, options), options);
  }

  /** SEARCH (RFC 5323). @example `await dav.search('/', { select: ['{DAV:}displayname'], from: { href: '/dav/' } })` */
  search(path: string, query: XmlBody | BasicSearch, options: CallOptions = {}): Promise<MultiStatus> {
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
    const { response, request } = await this.#transport.send(spec, callPart(options));
    if (!response.ok) {
      const text = await collectText(
        response,
        downloadReadOptions({ ...limits(options), maxSize: 64 * 1024 }, this.#timeout, request.url),
      ).catch(() => '');
      throw httpError({
        status: response.status,
        statusText: response.statusText,
        headers: {},
        text,
        request,
      });
    }
    return response;
  }

  /** GET as text (charset from Content-Type, UTF-8 by default). @example `const text = await dav.getText('/a.txt')` */
  async getText(
    path: string,
    options: GetOptions & CallOptions & DownloadLimits & ProgressOptions = {},
  ): Promise<string> {
    const response = await this.get(path, options);
    return collectText(response, downloadReadOptions(limits(options), this.#timeout, this.url(path)));
  }

  /** GET as bytes. @example `const bytes = await dav.getBytes('/image.png')` */
  async getBytes(
    path: string,
    options: GetOptions & CallOptions & DownloadLimits & ProgressOptions = {},
  ): Promise<Uint8Array> {
    const response = await this.get(path, options);
    return collectBytes(response, downloadReadOptions(limits(options), this.#timeout, this.url(path)));
  }

  /** The members of a collection (not the collection itself). @example `await dav.list('/docs/', { deep: true })` */
  list(path = '/', options: ListOptions = {}): Promise<Entry[]> {
    return listEntries(this, path, options);
  }

  /** One resource as an `Entry`. @example `const entry = await dav.stat('/a.txt')` */
  stat(path: string, options: CallOptions = {}): Promise<Entry> {
    return statEntry(this, path, options);
  }

  /** Whether a resource exists (a 404 is `false`; other failures throw). @example `if (await dav.exists('/a.txt')) …` */
  exists(path: string, options: CallOptions = {}): Promise<boolean> {
    return resourceExists(this, path, options);
  }

  /** Creates a collection and any missing ancestors. @example `await dav.mkdirp('/a/b/c/')` */
  mkdirp(path: string, options: WriteCallOptions = {}): Promise<void> {
    return makeCollections(this, path, options);
  }

  /** RFC 4331 quota of a collection. @example `const { used, available } = await dav.quota('/')` */
  quota(path = '/', options: CallOptions = {}): Promise<Quota> {
    return readQuota(this, path, options);
  }

  get #timeout(): number | false {
    return this.#transport.config.timeout;
  }

  #remember(path: string, lock: ActiveLock, depth: 0 | 'infinity'): void {
    if (lock.token === undefined) {
      return;
    }
    const root = lock.root ?? urlPath(resolveUrl(this.#transport.config.baseUrl, path));
    const rootUrl = new URL(encodePath(root), this.#transport.config.baseUrl.origin).href;
    const held: HeldLock = {
      token: lock.token,
      root,
      rootUrl: lock.root === undefined ? this.url(path) : rootUrl,
      depth,
      scope: lock.scope,
      expiresAt: typeof lock.timeout === 'number' ? Date.now() + lock.timeout * 1000 : null,
    };
    this.locks.add(held);
  }
}

function limits(options: CallOptions & DownloadLimits): DownloadLimits {
  return {
    ...(options.maxSize === undefined ? {} : { maxSize: options.maxSize }),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
    ...(options.timeout === undefined ? {} : { timeout: options.timeout }),
  };
}

export type { Progress };
