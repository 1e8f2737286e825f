import { isDavHttpError } from '../errors/guards.ts';
import type { ActiveLock, MultiStatus } from '../model/multistatus.ts';
import type { HeadResult, OptionsResult, PutResult, TransferResult } from '../model/results.ts';
import type { PropPatch } from '../xml/bodies/propertyupdate.ts';
import type { BasicSearch } from '../xml/bodies/search.ts';
import type { UploadBody } from './body.ts';
import { BUFFERED } from './buffered.ts';
import type { Depth } from './common.ts';
import { buildCopy, buildMove, type CopyOptions, type MoveOptions, readTransfer } from './copy-move.ts';
import { buildDelete, type DeleteOptions, readDelete } from './delete.ts';
import { expectSuccess } from './failure-reader.ts';
import { buildGet, type GetOptions, getOperation } from './get.ts';
import { buildHead, readHead } from './head.ts';
import { buildLock, type LockOptions, readLock } from './lock.ts';
import { destroysLocksWithin, holdsLock, releasesLock } from './lock-changes.ts';
import { buildMkcol, readMkcol } from './mkcol.ts';
import type { Operation } from './operation.ts';
import { buildOptions, readOptions } from './options.ts';
import { type PropfindOptions, propfindOperation } from './propfind.ts';
import { buildProppatch, patchedNames, readProppatch } from './proppatch.ts';
import { buildPut, type PutOptions, readPut } from './put.ts';
import { buildReport, buildSearch, readReport, type XmlBody } from './report-search.ts';
import {
  type RequestResponseMode,
  type RequestSpecOptions,
  type RequestValues,
  requestOperation,
} from './request.ts';
import { buildRefreshLock, buildUnlock, type RefreshLockOptions, readUnlock } from './unlock.ts';

/** A lock as LOCK grants it: with its token. */
/**
 * A lock the server granted: the lock as the server reported it, with its token (which `lock()`
 * always returns; the store keeps it to submit in `If` headers).
 *
 * @example
 * ```ts
 * const lock: GrantedLock = await dav.lock('/a.txt');
 * await dav.unlock('/a.txt', lock.token);
 * ```
 *
 * @group Client
 */
export type GrantedLock = ActiveLock & { readonly token: string };

/** The refusal both lock adaptations answer: a plain 400 Bad Request. */
function isBadRequest(error: unknown): boolean {
  return isDavHttpError(error) && error.status === 400;
}

/**
 * A new LOCK. Without an owner it can adapt: some servers refuse an ownerless LOCK with 400 (the owner
 * is optional in RFC 4918); the client then sends its `defaultLockOwner`. A refused LOCK created
 * nothing, so sending it again is safe.
 */
function lockOperation(path: string, options: LockOptions): Operation<GrantedLock> {
  const spec = buildLock(path, options);
  const operation: Operation<GrantedLock> = {
    spec,
    read: (raw) => readLock(raw),
    lockChange: holdsLock(path, spec.headers.depth),
  };
  if (options.owner !== undefined) {
    return operation;
  }
  return {
    ...operation,
    adaptation: {
      quirk: 'lock-owner-required',
      refusedBy: isBadRequest,
      build: ({ defaultLockOwner }) =>
        defaultLockOwner === false ? undefined : lockOperation(path, { ...options, owner: defaultLockOwner }),
    },
  };
}

/**
 * A LOCK refresh. With the tagged `If` it can adapt: a server that refuses it with 400 gets the
 * untagged `If: (<token>)` (RFC 4918 §10.4 allows both; a refresh only extends the lock, so repeating
 * it is safe).
 */
function refreshOperation(
  path: string,
  resourceUrl: string,
  token: string,
  options: RefreshLockOptions,
): Operation<GrantedLock> {
  const operation: Operation<GrantedLock> = {
    spec: buildRefreshLock(path, resourceUrl, token, options),
    read: (raw) => readLock(raw, token),
    lockChange: holdsLock(path, undefined),
  };
  if (options.untagged === true) {
    return operation;
  }
  return {
    ...operation,
    adaptation: {
      quirk: 'untagged-lock-refresh',
      refusedBy: isBadRequest,
      build: () => refreshOperation(path, resourceUrl, token, { ...options, untagged: true }),
    },
  };
}

/**
 * Every WebDAV verb as an {@link Operation} factory: `build<Verb>` paired with `read<Verb>`.
 * `resourceUrl` turns a client path into the absolute URL a tagged `If` header names.
 *
 * @example
 * ```ts
 * const lock = await dav.run(operations.lock('/a.txt', { lockTimeout: 600 }));
 * ```
 *
 * @group Low level
 */
export const operations = {
  propfind: (path: string, options: PropfindOptions = {}): Operation<MultiStatus> =>
    propfindOperation(path, options),
  proppatch: (path: string, patch: PropPatch): Operation<MultiStatus> => ({
    spec: buildProppatch(path, patch),
    read: (raw) => readProppatch(raw, patchedNames(patch)),
  }),
  mkcol: (path: string): Operation<void> => ({ spec: buildMkcol(path), read: readMkcol }),
  put: (path: string, body: UploadBody, options: PutOptions = {}): Operation<PutResult> => ({
    spec: buildPut(path, body, options),
    read: readPut,
  }),
  head: (path: string): Operation<HeadResult> => ({ spec: buildHead(path), read: readHead }),
  /** GET: the `Response` of a 2xx answer is handed over unread, to stream the download. */
  get: (path: string, options: GetOptions = {}): Operation<Response> => getOperation(path, options),
  /** GET read as text: for batches, whose outcomes must be plain data. */
  getText: (path: string, options: GetOptions = {}): Operation<string> => ({
    spec: { ...buildGet(path, options), response: 'text' },
    read: (raw) => {
      expectSuccess(raw, BUFFERED);
      return raw.text;
    },
  }),
  delete: (path: string, options: DeleteOptions = {}): Operation<void> => ({
    spec: buildDelete(path, options),
    read: readDelete,
    lockChange: destroysLocksWithin(path),
  }),
  copy: (from: string, to: string, options: CopyOptions = {}): Operation<TransferResult> => ({
    spec: buildCopy(from, to, options),
    read: readTransfer,
  }),
  move: (from: string, to: string, options: MoveOptions = {}): Operation<TransferResult> => ({
    spec: buildMove(from, to, options),
    read: readTransfer,
    lockChange: destroysLocksWithin(from),
  }),
  lock: (path: string, options: LockOptions = {}): Operation<GrantedLock> => lockOperation(path, options),
  refreshLock: (
    path: string,
    resourceUrl: string,
    token: string,
    options: RefreshLockOptions = {},
  ): Operation<GrantedLock> => refreshOperation(path, resourceUrl, token, options),
  unlock: (path: string, token: string): Operation<void> => ({
    spec: buildUnlock(path, token),
    read: readUnlock,
    lockChange: releasesLock(token),
  }),
  options: (path: string): Operation<OptionsResult> => ({ spec: buildOptions(path), read: readOptions }),
  report: (
    path: string,
    body: XmlBody,
    options: { readonly depth?: Depth } = {},
  ): Operation<MultiStatus> => ({
    spec: buildReport(path, body, options),
    read: readReport,
  }),
  /** Any token method (see `dav.request()`). */
  request: <R extends RequestResponseMode = 'text'>(
    method: string,
    path: string,
    options: RequestSpecOptions<R> = {},
  ): Operation<RequestValues[R]> => requestOperation(method, path, options),
  search: (path: string, query: XmlBody | BasicSearch): Operation<MultiStatus> => ({
    spec: buildSearch(path, query),
    read: readReport,
  }),
} as const;
