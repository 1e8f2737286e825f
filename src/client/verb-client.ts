import { checkOptionsObject } from '../checks/arguments.ts';
import { collectBytes, collectText, downloadReadOptions } from '../files/downloads.ts';
import type { ActiveLock, MultiStatus } from '../model/multistatus.ts';
import type { HeadResult, OptionsResult, PutResult, TransferResult, Verification } from '../model/results.ts';
import type { XmlElement } from '../model/xml-element.ts';
import type { UploadBody } from '../operations/body.ts';
import type { RunOptions, WriteOptions } from '../operations/call-options.ts';
import type { Depth } from '../operations/common.ts';
import type { CopyOptions, MoveOptions } from '../operations/copy-move.ts';
import type { DeleteOptions } from '../operations/delete.ts';
import type { DownloadOptions, GetOptions } from '../operations/get.ts';
import { getOperation } from '../operations/get.ts';
import type { LockOptions } from '../operations/lock.ts';
import type { MkcolOptions } from '../operations/mkcol.ts';
import type { operations } from '../operations/operations.ts';
import type { PropfindOptions } from '../operations/propfind.ts';
import { propfindOperation } from '../operations/propfind.ts';
import type { PutOptions } from '../operations/put.ts';
import type { RequestResponseMode, RequestSpecOptions, RequestValues } from '../operations/request.ts';
import type { RefreshLockOptions } from '../operations/unlock.ts';
import { ifMatchHonouredFor } from '../probe/facts.ts';
import type { Capabilities, ProbeOptions } from '../probe/types.ts';
import type { VerifiableWrite, VerifiedWrite } from '../recovery/verify.ts';
import type { CallOptions } from '../transport/request-spec.ts';
import { plainCopy } from '../utils/plain-copy.ts';
import type { PropPatch } from '../xml/bodies/propertyupdate.ts';
import type { BasicSearch } from '../xml/bodies/search.ts';
import { ClientCore } from './client-core.ts';

/**
 * The builders of the verbs other than the reads (`propfind`, `get`), loaded with the first call that
 * needs one: an app that only lists and reads does not carry them.
 */
// A call's arguments are copied (`plainCopy`) before that: what the caller changes once the call is
// made must not change the request, as when it was built at once.
async function builders(): Promise<typeof operations> {
  return (await import('../operations/operations.ts')).operations;
}

/**
 * The WebDAV verbs of a client, one method each, every one through {@link ClientCore.perform}:
 * {@link DavClient} adds the helpers (listing, locks held over work, streams, batches, transfers, the
 * capability probe, sync). Split from it only to keep each file to one concern.
 *
 * @example
 * ```ts
 * const dav = createClient({ baseUrl: 'https://host/dav/' });
 * await dav.put('/a.txt', 'hello');
 * ```
 *
 * @group Client
 */
export abstract class VerbClient extends ClientCore {
  /** What the server can do for a collection (see `DavClient.probe`): verified writes ask it about `If-Match`. */
  abstract probe(path?: string, options?: ProbeOptions): Promise<Capabilities>;

  /**
   * A write through `performWrite`; the capability probe says, when it comes to that, whether the
   * server honours If-Match (asked only before an update is repeated under it; cached per collection).
   */
  #verified(write: VerifiableWrite): Promise<VerifiedWrite> {
    return this.write(write, (path) => ifMatchHonouredFor(this, path));
  }

  /** PROPFIND: properties of a resource (and its members, Depth 1 by default). @example `await dav.propfind('/', { props: ['{DAV:}getetag'] })` */
  async propfind(path: string, options: PropfindOptions & CallOptions = {}): Promise<MultiStatus> {
    return this.run(propfindOperation(path, options), options);
  }

  /** PROPPATCH: set and remove properties, atomically. @example `await dav.proppatch('/a', { set: { '{urn:x}k': 'v' } })` */
  async proppatch(path: string, options: PropPatch & WriteOptions): Promise<MultiStatus> {
    const optionsNow = plainCopy(options);
    return this.run((await builders()).proppatch(path, optionsNow), optionsNow);
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
    const optionsNow = plainCopy(options);
    return this.run((await builders()).head(path), optionsNow);
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
    const optionsNow = plainCopy(options);
    return this.run((await builders()).lock(path, optionsNow), optionsNow);
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
    const optionsNow = plainCopy(options);
    return this.run((await builders()).refreshLock(path, this.url(path), token, optionsNow), {
      ...optionsNow,
      lockTokens: false,
    });
  }

  /** UNLOCK; the token is forgotten. @example `await dav.unlock('/a.txt', lock.token)` */
  async unlock(path: string, token: string, options: CallOptions = {}): Promise<void> {
    const optionsNow = plainCopy(options);
    await this.run((await builders()).unlock(path, token), optionsNow);
  }

  /** OPTIONS: compliance classes and allowed methods. @example `(await dav.options()).dav.includes('2')` */
  async options(path = '/', options: CallOptions = {}): Promise<OptionsResult> {
    const optionsNow = plainCopy(options);
    return this.run((await builders()).options(path), optionsNow);
  }

  /** REPORT (e.g. `sync-collection`). @example `await dav.report('/cal/', syncCollectionBody({ syncToken: '' }))` */
  async report(
    path: string,
    body: string | XmlElement,
    options: { readonly depth?: Depth } & CallOptions = {},
  ): Promise<MultiStatus> {
    const optionsNow = plainCopy(options);
    const bodyNow = plainCopy(body);
    return this.run((await builders()).report(path, bodyNow, optionsNow), optionsNow);
  }

  /** SEARCH (RFC 5323). @example `await dav.search('/', { select: ['{DAV:}displayname'], from: { href: '/dav/' } })` */
  async search(
    path: string,
    query: string | XmlElement | BasicSearch,
    options: CallOptions = {},
  ): Promise<MultiStatus> {
    const optionsNow = plainCopy(options);
    const queryNow = plainCopy(query);
    return this.run((await builders()).search(path, queryNow), optionsNow);
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
    const optionsNow = plainCopy(options);
    const { requestOperation } = await import('../operations/request.ts');
    return this.run(requestOperation(method, path, optionsNow), optionsNow);
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
    return this.run(getOperation(path, options), options);
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
}
