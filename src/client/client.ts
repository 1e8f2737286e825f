import type { Batch } from '../batch/batch.ts';
import type { BatchOptions } from '../batch/options.ts';
import { type ListOptions, listEntries, resourceExists, statEntry } from '../files/list.ts';
import { type DavWriteStream, openReadStream, openWriteStream } from '../files/streams.ts';
import type { LockContext, WithLockOptions } from '../files/with-lock.ts';
import { LockStore } from '../locks/lock-store.ts';
import type { Entry, Quota } from '../model/entry.ts';
import type { ActiveLock } from '../model/multistatus.ts';
import type { WriteOptions } from '../operations/call-options.ts';
import type { DownloadOptions } from '../operations/get.ts';
import type { PutOptions } from '../operations/put.ts';
import { collectionPath } from '../probe/collection-path.ts';
import type { Capabilities, ProbeOptions } from '../probe/types.ts';
import type { SyncOptions, SyncResult } from '../sync/types.ts';
import type { DownloadResult } from '../transfer/download-result.ts';
import type { DownloadSink, ResumableDownloadOptions } from '../transfer/download-types.ts';
import type { UploadOptions, UploadSource } from '../transfer/types.ts';
import { TransferBatch } from '../transfer/upload-batch.ts';
import type { UploadResult } from '../transfer/upload-result.ts';
import type { CallOptions } from '../transport/request-spec.ts';
import { ClientCore } from './client-core.ts';
import { type ClientOptions, mergeClientOptions } from './options.ts';

import { VerbClient } from './verb-client.ts';

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
export class DavClient extends VerbClient {
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
  async withLock<T>(
    path: string,
    fn: (context: LockContext) => T | Promise<T>,
    options: WithLockOptions = {},
  ): Promise<T> {
    // Loaded on first use, as the other helpers an app may never call.
    const { withLock } = await import('../files/with-lock.ts');
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
    const { locksOn } = await import('../files/with-lock.ts');
    return locksOn(this, path, options);
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
      const { checkState } = await import('../sync/state.ts');
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
    const { makeCollections } = await import('../files/mkdirp.ts');
    return makeCollections(this, path, options);
  }

  /** RFC 4331 quota of a collection. @example `const { used, available } = await dav.quota('/')` */
  async quota(path = '/', options: CallOptions = {}): Promise<Quota> {
    const { readQuota } = await import('../files/quota.ts');
    return readQuota(this, path, options);
  }
}
