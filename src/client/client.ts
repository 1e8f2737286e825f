import type { Batch } from '../batch/batch.ts';
import type { BatchOptions } from '../batch/options.ts';
import { checkOptionsObject } from '../checks/arguments.ts';
import { collectBytes, collectText, downloadReadOptions } from '../files/downloads.ts';
import { type ListOptions, listEntries, resourceExists, statEntry } from '../files/list.ts';
import { makeCollections } from '../files/mkdirp.ts';
import { readQuota } from '../files/quota.ts';
import { type DavWriteStream, openReadStream, openWriteStream } from '../files/streams.ts';
import { type LockContext, locksOn, type WithLockOptions, withLock } from '../files/with-lock.ts';
import { LockStore } from '../locks/lock-store.ts';
import type { Entry, Quota } from '../model/entry.ts';
import type { ActiveLock, MultiStatus } from '../model/multistatus.ts';
import type { HeadResult, OptionsResult, PutResult, TransferResult, Verification } from '../model/results.ts';
import type { XmlElement } from '../model/xml-element.ts';
import type { UploadBody } from '../operations/body.ts';
import type { RunOptions, WriteOptions } from '../operations/call-options.ts';
import type { Depth } from '../operations/common.ts';
import type { CopyOptions, MoveOptions } from '../operations/copy-move.ts';
import type { DeleteOptions } from '../operations/delete.ts';
import type { DownloadOptions, GetOptions } from '../operations/get.ts';
import type { LockOptions } from '../operations/lock.ts';
import type { MkcolOptions } from '../operations/mkcol.ts';
import { operations } from '../operations/operations.ts';
import type { PropfindOptions } from '../operations/propfind.ts';
import type { PutOptions } from '../operations/put.ts';
import {
  type RequestResponseMode,
  type RequestSpecOptions,
  type RequestValues,
  requestOperation,
} from '../operations/request.ts';
import type { RefreshLockOptions } from '../operations/unlock.ts';
import { collectionPath } from '../probe/collection-path.ts';
import { ifMatchHonouredFor } from '../probe/facts.ts';
import type { Capabilities, ProbeOptions } from '../probe/types.ts';
import type { VerifiableWrite, VerifiedWrite } from '../recovery/verify.ts';
import { checkState } from '../sync/state.ts';
import type { SyncOptions, SyncResult } from '../sync/types.ts';
import type { DownloadResult } from '../transfer/download-result.ts';
import type { DownloadSink, ResumableDownloadOptions } from '../transfer/download-types.ts';
import type { UploadOptions, UploadSource } from '../transfer/types.ts';
import { TransferBatch } from '../transfer/upload-batch.ts';
import type { UploadResult } from '../transfer/upload-result.ts';
import type { CallOptions } from '../transport/request-spec.ts';
import type { PropPatch } from '../xml/bodies/propertyupdate.ts';
import type { BasicSearch } from '../xml/bodies/search.ts';
import { ClientCore } from './client-core.ts';
import { type ClientOptions, mergeClientOptions } from './options.ts';

/**
 * A WebDAV client: one method per verb plus the helpers users expect. Create it with
 * {@link createClient}. Paths are relative to the base URL; every method accepts `signal`, `headers`
 * and `timeout` (ms of waiting) in its last options object and returns a promise: a bad argument
 * rejects with `DavUsageError` and nothing is sent (never a synchronous throw). Every verb goes
 * through {@link ClientCore.perform}.
 *
 * @example
 * ```ts
 * const dav = createClient({ baseUrl: 'https://host/dav/', auth: { type: 'basic', username, password } });
 * const entries = await dav.list('/reports/');
 * await dav.put('/reports/q4.csv', csv, { contentType: 'text/csv' });
 * ```
 *
 * @group Client
 */
export class DavClient extends ClientCore {
  /**
   * A new client with these options merged over this one's; it starts with a copy of the held locks
   * and of what this one learned about servers; probe results are shared, and so are the per-origin
   * limiters (a `rateLimit` given here applies to both).
   *
   * @example
   * ```ts
   * const slow = dav.extend({ timeout: 120_000 });
   * ```
   */
  extend(options: Partial<ClientOptions> | ((current: ClientOptions) => Partial<ClientOptions>)): DavClient {
    const override = typeof options === 'function' ? options(this.configured()) : options;
    const locks = new LockStore();
    for (const lock of this.locks.list()) {
      locks.add(lock);
    }
    return new DavClient(
      mergeClientOptions(this.configured(), override),
      locks,
      this.quirks.copy(),
      this.probes,
      this.limiters(),
    );
  }

  /**
   * A write through `performWrite`; the capability probe says, when it comes to that, whether the
   * server honours If-Match (asked only before an update is repeated under it; cached per collection).
   */
  #verified(write: VerifiableWrite): Promise<VerifiedWrite> {
    return this.write(write, (path) => ifMatchHonouredFor(this, path));
  }

  /** PROPFIND: properties of a resource (and its members, Depth 1 by default). @example `await dav.propfind('/', { props: ['{DAV:}getetag'] })` */
  async propfind(path: string, options: PropfindOptions & CallOptions = {}): Promise<MultiStatus> {
    return this.run(operations.propfind(path, options), options);
  }

  /** PROPPATCH: set and remove properties, atomically. @example `await dav.proppatch('/a', { set: { '{urn:x}k': 'v' } })` */
  async proppatch(path: string, options: PropPatch & WriteOptions): Promise<MultiStatus> {
    return this.run(operations.proppatch(path, options), options);
  }

  /**
   * MKCOL: create a collection; with `existOk`, one already there is success. With `verify`, resolves
   * with how an ambiguous failure was resolved (`undefined` when there was none).
   *
   * @example `await dav.mkcol('/reports/2026/', { existOk: true })`
   */
  async mkcol(path: string, options: MkcolOptions & WriteOptions = {}): Promise<Verification | undefined> {
    return (await this.#verified({ method: 'MKCOL', path, options })).verification;
  }

  /**
   * PUT: create or replace a resource. The body may be a string, bytes, a Blob, a `ReadableStream` or
   * any `AsyncIterable` of bytes (a Node `Readable`), with `contentLength` when you know it.
   *
   * @example
   * ```ts
   * await dav.put('/a.txt', 'hello', { ifMatch: etag });
   * await dav.put('/video.mp4', fs.createReadStream('video.mp4'), { contentLength: size, onUploadProgress });
   * ```
   */
  async put(path: string, body: UploadBody, options: PutOptions & WriteOptions = {}): Promise<PutResult> {
    return (await this.#verified({ method: 'PUT', path, body, options })).value as PutResult;
  }

  /** HEAD: headers only. @example `const { etag, size } = await dav.head('/a.txt')` */
  async head(path: string, options: CallOptions = {}): Promise<HeadResult> {
    return this.run(operations.head(path), options);
  }

  /**
   * DELETE. With `verify`, resolves with how an ambiguous failure was resolved (`undefined` when
   * there was none).
   *
   * @example `await dav.delete('/old/')`
   */
  async delete(path: string, options: DeleteOptions & WriteOptions = {}): Promise<Verification | undefined> {
    return (await this.#verified({ method: 'DELETE', path, options })).verification;
  }

  /** COPY (Depth infinity unless `depth: 0`). @example `await dav.copy('/a.txt', '/b.txt', { overwrite: false })` */
  async copy(from: string, to: string, options: CopyOptions & WriteOptions = {}): Promise<TransferResult> {
    return (await this.#verified({ method: 'COPY', from, to, options })).value as TransferResult;
  }

  /** MOVE. @example `await dav.move('/draft.txt', '/final.txt')` */
  async move(from: string, to: string, options: MoveOptions & WriteOptions = {}): Promise<TransferResult> {
    return (await this.#verified({ method: 'MOVE', from, to, options })).value as TransferResult;
  }

  /**
   * LOCK: take a write lock; its token is remembered and submitted on later writes. The lock's life
   * is `lockTimeout` (seconds, or `'infinite'`); `timeout` is, as everywhere, how long the request
   * may wait (ms).
   *
   * @example `const lock = await dav.lock('/a.txt', { lockTimeout: 600 })`
   */
  async lock(
    path: string,
    options: LockOptions & CallOptions = {},
  ): Promise<ActiveLock & { readonly token: string }> {
    return this.run(operations.lock(path, options), options);
  }

  /**
   * Refreshes a lock for `lockTimeout` more seconds (or `'infinite'`). A server that refuses the
   * tagged `If` with 400 gets the untagged form once, and from then on (see `quirks`).
   *
   * @example `await dav.refreshLock('/a.txt', lock.token, { lockTimeout: 600 })`
   */
  async refreshLock(
    path: string,
    token: string,
    options: RefreshLockOptions & CallOptions = {},
  ): Promise<ActiveLock & { readonly token: string }> {
    checkOptionsObject(options, 'refreshLock');
    return this.run(operations.refreshLock(path, this.url(path), token, options), {
      ...options,
      lockTokens: false,
    });
  }

  /**
   * Runs `fn` while holding a write lock on `path`: the lock is taken (10 minutes unless
   * `lockTimeout` says otherwise), refreshed before it expires while `fn` runs, and released however
   * `fn` ends (return, throw, abort). Writes inside `fn` submit the token. A failed refresh aborts
   * `fn`'s signal and rejects the call.
   *
   * @example
   * ```ts
   * await dav.withLock('/doc.txt', async ({ signal }) => {
   *   await dav.put('/doc.txt', await edit(await dav.getText('/doc.txt', { signal })), { signal });
   * });
   * ```
   */
  withLock<T>(
    path: string,
    fn: (context: LockContext) => T | Promise<T>,
    options: WithLockOptions = {},
  ): Promise<T> {
    return withLock(this, path, fn, options);
  }

  /**
   * The active locks on a resource (`DAV:lockdiscovery`), tokens included where the server shows
   * them, so you can release your own stale ones with `unlock(path, token)`.
   *
   * @example
   * ```ts
   * const stale = (await dav.locksOn('/doc.txt')).filter((lock) => lock.owner === 'mailto:me@example.com');
   * ```
   */
  async locksOn(path: string, options: CallOptions = {}): Promise<ActiveLock[]> {
    return locksOn(this, path, options);
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
    body: string | XmlElement,
    options: { readonly depth?: Depth } & CallOptions = {},
  ): Promise<MultiStatus> {
    return this.run(operations.report(path, body, options), options);
  }

  /** SEARCH (RFC 5323). @example `await dav.search('/', { select: ['{DAV:}displayname'], from: { href: '/dav/' } })` */
  async search(
    path: string,
    query: string | XmlElement | BasicSearch,
    options: CallOptions = {},
  ): Promise<MultiStatus> {
    return this.run(operations.search(path, query), options);
  }

  /**
   * Any method (POST, MKCALENDAR, ACL, BIND, a custom one: an RFC 9110 token) through this client:
   * its auth, headers, limits, redirects, held lock tokens (for the target and its parent) and errors.
   * A method davkit does not know is treated as a write: never retried, a 207 with a failure inside is
   * a `MultiStatusError`. `response` says how the answer comes back (see {@link RequestResponseMode}).
   *
   * @example
   * ```ts
   * await dav.request('MKCALENDAR', '/calendars/work/', { body: xml, contentType: 'application/xml' });
   * const { status, text } = await dav.request('POST', '/api/', { body: '{}', contentType: 'application/json' });
   * ```
   */
  async request<R extends RequestResponseMode = 'text'>(
    method: string,
    path: string,
    options: RequestSpecOptions<R> & RunOptions = {},
  ): Promise<RequestValues[R]> {
    checkOptionsObject(options, 'request');
    return this.run(requestOperation(method, path, options), options);
  }

  /**
   * GET: the `Response`, unread, to stream large downloads. A non-2xx status throws `DavHttpError`
   * (which can `retryAfterFix()`, as every verb's).
   *
   * @example
   * ```ts
   * const response = await dav.get('/video.mp4');
   * for await (const chunk of response.body!) { … }
   * ```
   */
  async get(path: string, options: GetOptions & CallOptions = {}): Promise<Response> {
    return this.run(operations.get(path, options), options);
  }

  /** GET as text (charset from Content-Type, UTF-8 by default). @example `const text = await dav.getText('/a.txt')` */
  async getText(path: string, options: DownloadOptions & CallOptions = {}): Promise<string> {
    const read = downloadReadOptions(options, this.timeout, this.url(path));
    return collectText(await this.get(path, options), read);
  }

  /** GET as bytes. @example `const bytes = await dav.getBytes('/image.png')` */
  async getBytes(path: string, options: DownloadOptions & CallOptions = {}): Promise<Uint8Array> {
    const read = downloadReadOptions(options, this.timeout, this.url(path));
    return collectBytes(await this.get(path, options), read);
  }

  /**
   * A download as a web `ReadableStream`, returned at once (for users of npm `webdav`'s
   * `createReadStream`). With `range` it holds exactly those bytes, even from a server that answers 200
   * with the whole file. A failed GET errors the stream with its `DavHttpError`. In Node, pass it to
   * `stream.pipeline` or `Readable.fromWeb`.
   *
   * @example
   * ```ts
   * await pipeline(dav.createReadStream('/video.mp4', { range: { start: 0, end: 1023 } }), fs.createWriteStream('head.bin'));
   * ```
   */
  createReadStream(path: string, options: DownloadOptions & CallOptions = {}): ReadableStream<Uint8Array> {
    return openReadStream(this, path, options);
  }

  /**
   * An upload as a web `WritableStream`, returned at once (for users of npm `webdav`'s
   * `createWriteStream`): what is written is the body of one PUT. Closing it (so `pipeline` and
   * `pipeTo`) resolves only once the server stored the body, and rejects with the PUT's error; its
   * `result` is the `PutResult`.
   *
   * @example
   * ```ts
   * await pipeline(fs.createReadStream('video.mp4'), Writable.fromWeb(dav.createWriteStream('/video.mp4', { contentLength: size })));
   * ```
   */
  createWriteStream(path: string, options: PutOptions & WriteOptions = {}): DavWriteStream {
    return openWriteStream(this, path, options);
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
  batch(options: BatchOptions = {}): TransferBatch {
    return new TransferBatch(this, options);
  }

  /**
   * Uploads a large file in chunks that survive failures: a reset chunk is sent again, an incomplete
   * upload resumes from its `state` (now, or after a restart), and the file is moved into place
   * only once complete and checked. See {@link UploadStrategy} and the README's "Large files".
   *
   * @example
   * ```ts
   * const result = await dav.upload('/media/big.iso', file, { onProgress: ({ loaded, total }) => … });
   * if (!result.ok) save(result.state); // later: dav.upload('/media/big.iso', file, { resume: state })
   * ```
   */
  async upload(path: string, source: UploadSource, options: UploadOptions = {}): Promise<UploadResult> {
    // Loaded on first use: an application that never uploads does not carry the upload machinery.
    const { uploadFile } = await import('../transfer/upload.ts');
    return uploadFile(this, path, source, options);
  }

  /**
   * Downloads a file into a sink (a `WritableStream`, a Node `Writable`, or `fileSink(path, open)`),
   * asking for the rest after a reset (`Range` + `If-Range`) and never splicing two versions.
   *
   * @example
   * ```ts
   * const down = await dav.download('/media/big.iso', fileSink('/data/big.iso', open), { resume });
   * ```
   */
  async download(
    path: string,
    sink: DownloadSink,
    options: ResumableDownloadOptions = {},
  ): Promise<DownloadResult> {
    // Loaded on first use, as upload() is.
    const { downloadFile } = await import('../transfer/download.ts');
    return downloadFile(this, path, sink, options);
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
    return this.probes.obtain(url, options.refresh === true, async () => {
      // Loaded on first use: a code-splitting bundler leaves the probe out of an app's main chunk.
      const { probeCollection } = await import('../probe/probe.ts');
      return probeCollection(this, path, options);
    });
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
    // The arguments are checked before the sync engine loads (on first use, in its own chunk).
    const url = this.url(collectionPath(path));
    if (options.state !== undefined) {
      checkState(options.state, url);
    }
    const { syncTree } = await import('../sync/sync.ts');
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
  async mkdirp(path: string, options: WriteOptions = {}): Promise<void> {
    return makeCollections(this, path, options);
  }

  /** RFC 4331 quota of a collection. @example `const { used, available } = await dav.quota('/')` */
  async quota(path = '/', options: CallOptions = {}): Promise<Quota> {
    return readQuota(this, path, options);
  }
}
