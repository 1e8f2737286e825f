/**
 * davkit: an isomorphic WebDAV client that tells the truth about partial failure.
 *
 * This is the only public entry point; everything public is named here.
 *
 * @packageDocumentation
 */

export { explain } from './analysis/explain.ts';
export { parseRetryAfter } from './analysis/retry-after.ts';
export type { Explainable } from './analysis/root-causes.ts';
export { rootCauses } from './analysis/root-causes.ts';
export type { AuthOptions, BasicAuth, BearerAuth, DigestAuth } from './auth/types.ts';
export type {
  BatchOptions,
  CompensableStepOptions,
  RunBatchOptions,
  TokenSource,
  WriteStep,
} from './batch/batch.ts';
// Batches, root causes, recovery
export { Batch } from './batch/batch.ts';
export type { CompensateFunction } from './batch/compensate.ts';
export type { BatchHooks, RunState } from './batch/hooks.ts';
export type { StepPaths } from './batch/implied.ts';
export { impliedPrerequisites } from './batch/implied.ts';
export { BatchResult } from './batch/result.ts';
export { DavClient } from './client/client.ts';
// Client
export { createClient } from './client/create-client.ts';
export type { BodyLimits, ClientOptions } from './client/options.ts';
export type { ResubmitOptions, Resubmittable } from './client/retry-after-fix.ts';
export { retryAfterFix } from './client/retry-after-fix.ts';
export type { LearnedQuirk } from './client/server-quirks.ts';
export { ServerQuirks } from './client/server-quirks.ts';
export type { DavBatchErrorOptions } from './errors/batch-error.ts';
export { DavBatchError } from './errors/batch-error.ts';
export type { DavErrorOptions } from './errors/dav-error.ts';
// Errors
export { DavError } from './errors/dav-error.ts';
export type { DavHttpErrorOptions } from './errors/dav-http-error.ts';
export { DavHttpError } from './errors/dav-http-error.ts';
export type { DavParseErrorOptions, ParsePosition } from './errors/dav-parse-error.ts';
export { DavParseError } from './errors/dav-parse-error.ts';
export {
  isDavAbortError,
  isDavBatchError,
  isDavBodyTooLargeError,
  isDavError,
  isDavHttpError,
  isDavNetworkError,
  isDavParseError,
  isDavTimeoutError,
  isDavUnfixableError,
  isDavUsageError,
  isMultiStatusError,
} from './errors/guards.ts';
export type { MultiStatusErrorOptions } from './errors/multi-status-error.ts';
export { MultiStatusError } from './errors/multi-status-error.ts';
export type { DavStatusCode } from './errors/status.ts';
export { DavStatus, isSuccessStatus } from './errors/status.ts';
export type { DavBodyTooLargeErrorOptions, TransportErrorOptions } from './errors/transport-errors.ts';
export {
  DavAbortError,
  DavBodyTooLargeError,
  DavNetworkError,
  DavTimeoutError,
  DavUsageError,
} from './errors/transport-errors.ts';
export type { DavUnfixableErrorOptions } from './errors/unfixable-error.ts';
export { DavUnfixableError } from './errors/unfixable-error.ts';
export type { DownloadLimits } from './files/downloads.ts';
// Helpers
export { toEntry } from './files/entry.ts';
export type { ListOptions } from './files/list.ts';
export type { IfCondition, TaggedIfList } from './locks/if-header.ts';
// Locks
export { buildIfHeader, codedUrl, parseLockTokenHeader } from './locks/if-header.ts';
export { lockKnowledge } from './locks/lock-knowledge.ts';
export type { LockQuery } from './locks/lock-store.ts';
export { LockStore } from './locks/lock-store.ts';
export type {
  Compensation,
  FailureDescriptor,
  PlannedStep,
  StepCancelled,
  StepFailedDependency,
  StepFailure,
  StepOptions,
  StepRef,
  StepResult,
  StepSuccess,
  StepValue,
} from './model/batch.ts';
export type { BatchResultData } from './model/batch-result.ts';
export type { BodyLimitName } from './model/body-limit.ts';
export type { DecodeWarning, UnboundPrefixOverflow, UnboundPrefixWarning } from './model/decode-warning.ts';
export type { Entry, Quota } from './model/entry.ts';
export type {
  DavBatchErrorData,
  DavErrorData,
  DavHttpErrorData,
  DavUnfixableErrorData,
} from './model/error-data.ts';
export type { DiscoveredLock, HeldLock } from './model/locks.ts';
export type { DavMethod } from './model/methods.ts';
export { DAV_METHODS } from './model/methods.ts';
export type {
  ActiveLock,
  DavCondition,
  DavProps,
  DavResponse,
  LiveProps,
  LockEntry,
  LockScope,
  MultiStatus,
  PropStat,
  PropStatResponse,
  PropValue,
  QuotaSentinel,
  ResourceType,
  StatusResponse,
  UnrequestedProperty,
} from './model/multistatus.ts';
export type { ClarkName, QualifiedName } from './model/names.ts';
export { clark, DAV_NS, davName } from './model/names.ts';
export type { Progress } from './model/progress.ts';
export type { FixClient, FixContext, FixFunction, RetryAfterFixOptions } from './model/recovery.ts';
export type { DavRequestInfo } from './model/request-info.ts';
export type { HeadResult, OptionsResult, PutResult, TransferResult } from './model/results.ts';
export type {
  Dependent,
  Fix,
  FixKind,
  LockKnowledge,
  RequestContext,
  RootCause,
  RootCauseOptions,
} from './model/root-cause.ts';
export type { XmlElement } from './model/xml-element.ts';
export type { DecodeMultiStatusOptions } from './multistatus/decode.ts';
// Multi-Status decoding
export { decodeMultiStatus } from './multistatus/decode.ts';
export type { DecodeOptions } from './multistatus/decode-options.ts';
export { isMultiStatusBody } from './multistatus/is-multistatus.ts';
export { TYPED_PROPERTIES } from './multistatus/props/registry.ts';
export type { StatusLine } from './multistatus/status-line.ts';
export { parseStatusLine } from './multistatus/status-line.ts';
export type {
  LockCallOptions,
  ProgressOptions,
  RunOptions,
  WriteCallOptions,
} from './operations/call-options.ts';
export type { Depth } from './operations/common.ts';
export type { CopyOptions, MoveOptions } from './operations/copy-move.ts';
export { buildCopy, buildMove, readTransfer } from './operations/copy-move.ts';
export type { DeleteOptions } from './operations/delete.ts';
export { buildDelete, readDelete } from './operations/delete.ts';
export type { GetOptions } from './operations/get.ts';
export { buildGet } from './operations/get.ts';
export { buildHead, readHead } from './operations/head.ts';
export type { LockOptions, LockTimeout, LockTimeoutOption } from './operations/lock.ts';
export { buildLock, readLock } from './operations/lock.ts';
export { buildMkcol, readMkcol } from './operations/mkcol.ts';
// Verbs: pure request builders and response readers
export type {
  Adaptation,
  AdaptationSettings,
  Operation,
  Performed,
  ServerQuirk,
} from './operations/operation.ts';
export { SERVER_QUIRKS } from './operations/operation.ts';
export { operations } from './operations/operations.ts';
export { buildOptions, readOptions } from './operations/options.ts';
export type { PropfindOptions } from './operations/propfind.ts';
export { buildPropfind, readPropfind } from './operations/propfind.ts';
export { buildProppatch, readProppatch } from './operations/proppatch.ts';
export type { PutOptions } from './operations/put.ts';
export { buildPut, readPut } from './operations/put.ts';
export type { XmlBody } from './operations/report-search.ts';
export { buildReport, buildSearch, readReport } from './operations/report-search.ts';
export type { RefreshLockOptions } from './operations/unlock.ts';
export { buildRefreshLock, buildUnlock, readUnlock } from './operations/unlock.ts';
export { fixableAutomatically } from './recovery/apply-fixes.ts';
export type { Fixer, FixerContext } from './recovery/fixers.ts';
export { fixers } from './recovery/fixers.ts';
export type { IncrementalLimits, Session } from './session/session.ts';
export type { AnswerReader, IncrementalReader } from './transport/incremental.ts';
export type { Exchange, RawResponse } from './transport/raw-response.ts';
export type { CallOptions, RequestBody, RequestSpec, ResponseMode } from './transport/request-spec.ts';
export type { RetryPolicy } from './transport/transport.ts';
export type { LockInfo } from './xml/bodies/lockinfo.ts';
export { lockInfoBody } from './xml/bodies/lockinfo.ts';
export type { PropInput, PropPatch } from './xml/bodies/propertyupdate.ts';
export { propertyUpdateBody } from './xml/bodies/propertyupdate.ts';
export type { PropfindSelection } from './xml/bodies/propfind.ts';
export { propfindBody } from './xml/bodies/propfind.ts';
export type { SyncCollection } from './xml/bodies/report.ts';
export { syncCollectionBody } from './xml/bodies/report.ts';
export type { BasicSearch } from './xml/bodies/search.ts';
export { basicSearchBody } from './xml/bodies/search.ts';
export type { XmlLimits } from './xml/limits.ts';
// XML
export { parseClark } from './xml/names.ts';
export type { XmlTreeOptions } from './xml/parse-tree.ts';
export { parseXmlTree } from './xml/parse-tree.ts';
export { el, serializeXml } from './xml/serialize.ts';
export { CONVENTIONAL_NAMESPACES } from './xml/unbound-prefixes.ts';
