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
export type {
  Dependent,
  Fix,
  FixKind,
  LockKnowledge,
  RequestContext,
  RootCause,
  RootCauseOptions,
} from './analysis/types.ts';
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
export type { BatchResultData } from './batch/result-data.ts';
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
} from './batch/types.ts';
export type {
  LockCallOptions,
  ProgressOptions,
  RunOptions,
  WriteCallOptions,
} from './client/call-options.ts';
export { DavClient } from './client/client.ts';
// Client
export { createClient } from './client/create-client.ts';
export type { BodyLimits, ClientOptions } from './client/options.ts';
export type { LearnedQuirk } from './client/server-quirks.ts';
export { ServerQuirks } from './client/server-quirks.ts';
export type { DavBatchErrorOptions } from './errors/batch-error.ts';
export { DavBatchError } from './errors/batch-error.ts';
export type { DavErrorOptions } from './errors/dav-error.ts';
// Errors
export { DavError } from './errors/dav-error.ts';
export type { DavHttpErrorOptions, RequestInfo } from './errors/dav-http-error.ts';
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
export type {
  BodyLimitName,
  DavBodyTooLargeErrorOptions,
  TransportErrorOptions,
} from './errors/transport-errors.ts';
export {
  DavAbortError,
  DavBodyTooLargeError,
  DavNetworkError,
  DavTimeoutError,
  DavUsageError,
} from './errors/transport-errors.ts';
export type { DavUnfixableErrorOptions } from './errors/unfixable-error.ts';
export { DavUnfixableError } from './errors/unfixable-error.ts';
export type { DownloadLimits } from './helpers/downloads.ts';
export type { Entry } from './helpers/entry.ts';
// Helpers
export { toEntry } from './helpers/entry.ts';
export type { ListOptions } from './helpers/list.ts';
export type { Quota } from './helpers/quota.ts';
export type { DiscoveredLock } from './locks/discover-lock.ts';
export type { IfCondition, TaggedIfList } from './locks/if-header.ts';
// Locks
export { buildIfHeader, codedUrl, parseLockTokenHeader } from './locks/if-header.ts';
export type { HeldLock, LockQuery } from './locks/lock-store.ts';
export { LockStore } from './locks/lock-store.ts';
export type { DecodeMultiStatusOptions } from './multistatus/decode.ts';
// Multi-Status decoding
export { decodeMultiStatus } from './multistatus/decode.ts';
export { isMultiStatusBody } from './multistatus/is-multistatus.ts';
export { TYPED_PROPERTIES } from './multistatus/props/registry.ts';
export type { StatusLine } from './multistatus/status-line.ts';
export { parseStatusLine } from './multistatus/status-line.ts';
export type {
  ActiveLock,
  DavCondition,
  DavProps,
  DavResponse,
  DecodeOptions,
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
} from './multistatus/types.ts';
// Knowing the server, incremental sync
export { ProbeCache } from './probe/cache.ts';
export type {
  Capabilities,
  CapabilityFact,
  EtagKind,
  PartialUpdateMethod,
  ProbeOptions,
  Provenance,
} from './probe/types.ts';
export type { FixFunction, RetryAfterFixOptions } from './recovery/apply-fixes.ts';
export { fixableAutomatically } from './recovery/apply-fixes.ts';
export type { FixContext, Fixer } from './recovery/fixers.ts';
export { fixers } from './recovery/fixers.ts';
export { lockKnowledge } from './recovery/lock-knowledge.ts';
export type { SyncMethod, SyncOptions, SyncResult, SyncState } from './sync/types.ts';
export type { AnswerReader, IncrementalReader } from './transport/incremental.ts';
export type { DavMethod } from './transport/methods.ts';
export { DAV_METHODS, SAFE_METHODS, WRITE_METHODS } from './transport/methods.ts';
export type { RawResponse } from './transport/raw-response.ts';
export type { CallOptions, RequestBody, RequestSpec, ResponseMode } from './transport/request-spec.ts';
export type { Exchange, RetryPolicy } from './transport/transport.ts';
export type { Depth } from './verbs/common.ts';
export type { CopyOptions, MoveOptions, TransferResult } from './verbs/copy-move.ts';
export { buildCopy, buildMove, readTransfer } from './verbs/copy-move.ts';
export type { DeleteOptions } from './verbs/delete.ts';
export { buildDelete, readDelete } from './verbs/delete.ts';
export type { GetOptions } from './verbs/get.ts';
export { buildGet } from './verbs/get.ts';
export type { HeadResult } from './verbs/head.ts';
export { buildHead, readHead } from './verbs/head.ts';
export type { LockOptions, LockTimeout, LockTimeoutOption } from './verbs/lock.ts';
export { buildLock, readLock } from './verbs/lock.ts';
export { buildMkcol, readMkcol } from './verbs/mkcol.ts';
// Verbs: pure request builders and response readers
export type { Adaptation, AdaptationSettings, Operation, Performed, ServerQuirk } from './verbs/operation.ts';
export { SERVER_QUIRKS } from './verbs/operation.ts';
export { operations } from './verbs/operations.ts';
export type { OptionsResult } from './verbs/options.ts';
export { buildOptions, readOptions } from './verbs/options.ts';
export type { PropfindOptions } from './verbs/propfind.ts';
export { buildPropfind, readPropfind } from './verbs/propfind.ts';
export { buildProppatch, readProppatch } from './verbs/proppatch.ts';
export type { PutOptions, PutResult } from './verbs/put.ts';
export { buildPut, readPut } from './verbs/put.ts';
export type { XmlBody } from './verbs/report-search.ts';
export { buildReport, buildSearch, readReport } from './verbs/report-search.ts';
export type { RefreshLockOptions } from './verbs/unlock.ts';
export { buildRefreshLock, buildUnlock, readUnlock } from './verbs/unlock.ts';
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
export type { ClarkName, QualifiedName } from './xml/names.ts';
// XML
export { clark, DAV_NS, davName, parseClark } from './xml/names.ts';
export type { XmlTreeOptions } from './xml/parse-tree.ts';
export { parseXmlTree } from './xml/parse-tree.ts';
export { el, serializeXml } from './xml/serialize.ts';
export type { DecodeWarning, UnboundPrefixOverflow, UnboundPrefixWarning } from './xml/unbound-prefixes.ts';
export { CONVENTIONAL_NAMESPACES } from './xml/unbound-prefixes.ts';
export type { XmlElement } from './xml/xml-element.ts';
