/**
 * davkit: an isomorphic WebDAV client that tells the truth about partial failure.
 *
 * The API in groups, in the order you will need them. Results are plain data (they survive
 * `structuredClone`, JSON and caches); errors give theirs with `toJSON()`.
 *
 * @groupDescription Client
 * Start here: {@link createClient} makes a {@link DavClient}, with one method per WebDAV verb and the
 * file-level helpers (`list`, `stat`, `exists`, `mkdirp`, `quota`, `getText`, `getBytes`).
 *
 * @groupDescription Errors
 * Every failure is a {@link DavError}. A refusal by the server is a {@link DavHttpError} (a 207 with
 * failures inside too: {@link MultiStatusError}); the `is…` guards work across realms and on copies.
 *
 * @groupDescription Batches and root causes
 * Run many operations in dependency order ({@link Batch}), find the real failure behind every 424
 * ({@link rootCauses}, {@link explain}) and send again once it is fixed ({@link retryAfterFix}).
 *
 * @groupDescription Large files
 * Uploads that survive failures ({@link DavClient.upload}: chunks as a batch, one move into place, a
 * check; resumable from plain-JSON state) and downloads resumed with `Range` ({@link DavClient.download}).
 *
 * @groupDescription Multi-Status decoding
 * Namespace-true decoding of `207 Multi-Status` bodies into plain data ({@link decodeMultiStatus}).
 *
 * @groupDescription Low level
 * Requests as data ({@link operations}, sent with `dav.run()`), and the {@link Session} features use.
 *
 * @module davkit
 */

// The only public entry point besides `davkit/stream`; everything public is named here. Each export's
// declaration carries a `@group` tag (Client, Errors, Batches and root causes, Multi-Status decoding,
// Low level): that is how the documentation site lists them (typedoc.json `groupOrder`), and
// `test/public-api.test.ts` lists every name.
//
// Deliberately not exported (ky does the same for its internals): the `build<Verb>`/`read<Verb>` pairs
// behind `operations` (an `Operation` is the request as data, and `dav.run()` sends it), the XML body
// writers other than `syncCollectionBody`, the If-header and Lock-Token helpers (the client writes and
// reads them), the status-line and Retry-After parsers, the decoder's property registry, the method
// table, the error constructors' option types (errors are thrown by davkit, and read by you). See
// CHANGELOG.md for what each removed name became.

export { type ExplainOptions, explain } from './analysis/explain.ts';
export type { Explainable } from './analysis/root-causes.ts';
export { rootCauses } from './analysis/root-causes.ts';
export type { AuthOptions } from './auth/types.ts';
export { Batch } from './batch/batch.ts';
export type { BatchHooks } from './batch/hooks.ts';
export type {
  BatchOptions,
  CompensateFunction,
  OperationStepOptions,
  RunBatchOptions,
  StepOptions,
} from './batch/options.ts';
export { BatchResult } from './batch/result.ts';
export { DavClient } from './client/client.ts';
export { createClient } from './client/create-client.ts';
export type { ClientOptions } from './client/options.ts';
export type { ResubmitOptions } from './client/retry-after-fix.ts';
export { retryAfterFix } from './client/retry-after-fix.ts';
export { ServerQuirks } from './client/server-quirks.ts';
export { DavBatchError } from './errors/batch-error.ts';
export { DavError } from './errors/dav-error.ts';
export { DavHttpError } from './errors/dav-http-error.ts';
export type { ParsePosition } from './errors/dav-parse-error.ts';
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
  isDavVerificationError,
  isMultiStatusError,
} from './errors/guards.ts';
export { MultiStatusError } from './errors/multi-status-error.ts';
export type { DavStatusCode } from './errors/status.ts';
export { DavStatus } from './errors/status.ts';
export type { RequestErrorData } from './errors/transport-errors.ts';
export {
  DavAbortError,
  DavBodyTooLargeError,
  DavNetworkError,
  DavTimeoutError,
  DavUsageError,
} from './errors/transport-errors.ts';
export { DavUnfixableError } from './errors/unfixable-error.ts';
export type { DavVerificationErrorData } from './errors/verification-error.ts';
export { DavVerificationError } from './errors/verification-error.ts';
export type { ListOptions } from './files/list.ts';
export type { DavWriteStream } from './files/streams.ts';
export type { LockContext, WithLockOptions } from './files/with-lock.ts';
export { lockKnowledge } from './locks/lock-knowledge.ts';
export { LockStore } from './locks/lock-store.ts';
export type {
  Compensation,
  FailureDescriptor,
  PlannedStep,
  StepCancelled,
  StepFailedDependency,
  StepFailure,
  StepRef,
  StepResult,
  StepSuccess,
  StepValue,
} from './model/batch.ts';
export type { BatchResultData, LiveBatchResult } from './model/batch-result.ts';
export type { BodyLimitName } from './model/body-limit.ts';
export type { DecodeWarning } from './model/decode-warning.ts';
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
  MultiStatus,
  PropStat,
  PropStatResponse,
  PropValue,
  QuotaSentinel,
  ResourceType,
  StatusResponse,
  UnrequestedProperty,
} from './model/multistatus.ts';
export type { ClarkName } from './model/names.ts';
export { clark, DAV_NS, davName } from './model/names.ts';
export type { Progress } from './model/progress.ts';
export type { FixClient, FixContext, FixFunction, RetryAfterFixOptions } from './model/recovery.ts';
export type { DavRequestInfo } from './model/request-info.ts';
export type {
  HeadResult,
  OptionsResult,
  PutResult,
  RequestResult,
  TransferResult,
  Verification,
} from './model/results.ts';
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
export { decodeMultiStatus } from './multistatus/decode.ts';
export type { UploadBody } from './operations/body.ts';
export type { RunOptions, WriteOptions } from './operations/call-options.ts';
export type { Depth } from './operations/common.ts';
export type { CopyOptions, MoveOptions } from './operations/copy-move.ts';
export type { DeleteOptions } from './operations/delete.ts';
export type { DownloadOptions, GetOptions } from './operations/get.ts';
export type { LockOptions, LockTimeout } from './operations/lock.ts';
export type { MkcolOptions } from './operations/mkcol.ts';
export type { Operation, Performed, ServerQuirk } from './operations/operation.ts';
export type { GrantedLock } from './operations/operations.ts';
export { operations } from './operations/operations.ts';
export type { PropfindOptions } from './operations/propfind.ts';
export type { PutOptions } from './operations/put.ts';
export type { XmlBody } from './operations/report-search.ts';
export type { RequestResponseMode, RequestSpecOptions, RequestValues } from './operations/request.ts';
export type { RefreshLockOptions } from './operations/unlock.ts';
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
export { fixableAutomatically } from './recovery/apply-fixes.ts';
export { fixers } from './recovery/fixers.ts';
export type { Session } from './session/session.ts';
export type { SyncMethod, SyncOptions, SyncResult, SyncState } from './sync/types.ts';
// Large files
export { DownloadResult, type DownloadResultData } from './transfer/download-result.ts';
export type {
  DownloadProgress,
  DownloadSink,
  DownloadState,
  NodeWritableLike,
  ResumableDownloadOptions,
  SeekableSink,
} from './transfer/download-types.ts';
export type { FileHandleLike, OpenFile } from './transfer/files.ts';
export { fileSink, fileSource } from './transfer/files.ts';
export type {
  ChosenStrategy,
  RandomAccessReader,
  TargetGuard,
  TransferCause,
  TransferProgress,
  UploadFixFunction,
  UploadOptions,
  UploadProgress,
  UploadSource,
  UploadState,
  UploadStrategy,
} from './transfer/types.ts';
export { TransferBatch, type UploadStepOptions } from './transfer/upload-batch.ts';
export { UploadResult, type UploadResultData } from './transfer/upload-result.ts';
export type { Hooks } from './transport/hooks.ts';
export type { LimiterState, Slot, SlotOutcome } from './transport/limiter.ts';
export { OriginLimiter } from './transport/limiter.ts';
export type { RateLimitOptions } from './transport/rate-limit.ts';
export type { Exchange, RawResponse } from './transport/raw-response.ts';
export type { CallOptions, RequestBody, RequestSpec } from './transport/request-spec.ts';
export type { RetryPolicy } from './transport/transport.ts';
export type { PropPatch } from './xml/bodies/propertyupdate.ts';
export type { PropfindSelection } from './xml/bodies/propfind.ts';
export type { SyncCollection } from './xml/bodies/report.ts';
export { syncCollectionBody } from './xml/bodies/report.ts';
export type { BasicSearch } from './xml/bodies/search.ts';
export type { XmlLimits } from './xml/limits.ts';
export { el } from './xml/serialize.ts';
