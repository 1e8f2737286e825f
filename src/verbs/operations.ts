import type { ActiveLock, MultiStatus } from '../multistatus/types.ts';
import type { RequestBody } from '../transport/request-spec.ts';
import type { PropPatch } from '../xml/bodies/propertyupdate.ts';
import type { BasicSearch } from '../xml/bodies/search.ts';
import type { Depth } from './common.ts';
import {
  buildCopy,
  buildMove,
  type CopyOptions,
  type MoveOptions,
  readTransfer,
  type TransferResult,
} from './copy-move.ts';
import { buildDelete, type DeleteOptions, readDelete } from './delete.ts';
import { expectSuccess } from './failures.ts';
import { buildGet, type GetOptions } from './get.ts';
import { buildHead, type HeadResult, readHead } from './head.ts';
import { buildLock, type LockOptions, type LockTimeout, readLock } from './lock.ts';
import { buildMkcol, readMkcol } from './mkcol.ts';
import type { Operation } from './operation.ts';
import { buildOptions, type OptionsResult, readOptions } from './options.ts';
import { buildPropfind, type PropfindOptions, propfindReader, readPropfind } from './propfind.ts';
import { buildProppatch, readProppatch } from './proppatch.ts';
import { buildPut, type PutOptions, type PutResult, readPut } from './put.ts';
import { buildReport, buildSearch, readReport, type XmlBody } from './report-search.ts';
import { buildRefreshLock, buildUnlock, readUnlock } from './unlock.ts';

/**
 * Every WebDAV verb as an {@link Operation} factory: `build<Verb>` paired with `read<Verb>`.
 * `resourceUrl` turns a client path into the absolute URL a tagged `If` header names.
 *
 * @example
 * ```ts
 * const lock = await dav.run(operations.lock('/a.txt', { timeout: 600 }));
 * ```
 */
export const operations = {
  propfind: (path: string, options: PropfindOptions = {}): Operation<MultiStatus> => ({
    spec: buildPropfind(path, options),
    read: (raw) => readPropfind(raw, options),
    readIncrementally: (head, limits) => propfindReader(head, options, limits),
  }),
  proppatch: (path: string, patch: PropPatch): Operation<MultiStatus> => ({
    spec: buildProppatch(path, patch),
    read: readProppatch,
  }),
  mkcol: (path: string): Operation<void> => ({ spec: buildMkcol(path), read: readMkcol }),
  put: (path: string, body: RequestBody, options: PutOptions = {}): Operation<PutResult> => ({
    spec: buildPut(path, body, options),
    read: readPut,
  }),
  head: (path: string): Operation<HeadResult> => ({ spec: buildHead(path), read: readHead }),
  /** GET read as text: for batches, whose outcomes must be plain data. */
  getText: (path: string, options: GetOptions = {}): Operation<string> => ({
    spec: { ...buildGet(path, options), response: 'text' },
    read: (raw) => {
      expectSuccess(raw);
      return raw.text;
    },
  }),
  delete: (path: string, options: DeleteOptions = {}): Operation<void> => ({
    spec: buildDelete(path, options),
    read: readDelete,
  }),
  copy: (from: string, to: string, options: CopyOptions = {}): Operation<TransferResult> => ({
    spec: buildCopy(from, to, options),
    read: readTransfer,
  }),
  move: (from: string, to: string, options: MoveOptions = {}): Operation<TransferResult> => ({
    spec: buildMove(from, to, options),
    read: readTransfer,
  }),
  lock: (path: string, options: LockOptions = {}): Operation<ActiveLock> => ({
    spec: buildLock(path, options),
    read: (raw) => readLock(raw),
  }),
  refreshLock: (
    path: string,
    resourceUrl: string,
    token: string,
    timeout?: LockTimeout,
  ): Operation<ActiveLock> => ({
    spec: buildRefreshLock(path, resourceUrl, token, timeout),
    read: (raw) => readLock(raw, token),
  }),
  unlock: (path: string, token: string): Operation<void> => ({
    spec: buildUnlock(path, token),
    read: readUnlock,
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
  search: (path: string, query: XmlBody | BasicSearch): Operation<MultiStatus> => ({
    spec: buildSearch(path, query),
    read: readReport,
  }),
} as const;
