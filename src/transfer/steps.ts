import type { StepSink } from '../batch/step-log.ts';
import type { Operation } from '../operations/operation.ts';
import { operations } from '../operations/operations.ts';
import type { CallOptions } from '../transport/request-spec.ts';
import { checkChunkFolder, checkResource } from './checks.ts';
import type { Chunk } from './chunks.ts';
import { rangedWrite } from './ranged-write.ts';
import type { OpenedSource } from './source.ts';
import type { UploadTracker } from './state.ts';
import type { ChosenStrategy, TargetGuard } from './types.ts';

/** What is fixed about one upload once its strategy and temporary resource are chosen. */
export interface UploadPlan {
  readonly strategy: ChosenStrategy;
  /** The target, as the caller gave it. */
  readonly target: string;
  readonly targetUrl: string;
  /** The temporary resource's (or Nextcloud upload folder's) absolute URL. */
  readonly temp: string;
  /** `undefined`: a stream of unknown size (strategy `'single'`). */
  readonly size: number | undefined;
  readonly chunks: readonly Chunk[];
  readonly guard: TargetGuard;
  /** The temporary resource must be made first (SabreDAV's file to patch, Nextcloud's folder). */
  readonly createTemp: boolean;
  /** The assembled file is already at the target (a resume after the move): only check it. */
  readonly assembled: boolean;
  /** A lock this client holds covers the target: its token guards the move, not an ETag. */
  readonly lockHeld: boolean;
  /** Step ids start with this (`''` for `dav.upload()`, the step id and `:` in a user's batch). */
  readonly prefix: string;
  /** The last step's id (default `check-target`): in a user's batch, the upload's own id. */
  readonly lastId?: string;
  readonly contentType: string;
}

/** What the steps read and write while they run. */
export interface UploadRuntime {
  readonly plan: UploadPlan;
  readonly source: OpenedSource;
  readonly tracker: UploadTracker;
  readonly baseUrl: string;
  /** Headers and timeout of every request (the batch's run carries the signal). */
  readonly call: CallOptions;
  /** The target's ETag, once checked. */
  readonly found: { etag?: string | undefined };
}

/** The steps added for one upload. */
export interface UploadSteps {
  /** Step id → the chunk it writes. */
  readonly chunks: ReadonlyMap<string, Chunk>;
  /** The last step: the target checked after the move. */
  readonly last: string;
}

/** An operation whose successful answer also confirms chunk `index`. */
function confirming(
  operation: Operation<unknown>,
  runtime: UploadRuntime,
  index: number,
): Operation<unknown> {
  return {
    spec: operation.spec,
    read: (raw) => {
      const value = operation.read(raw);
      runtime.tracker.confirm(index);
      runtime.source.release(index);
      return value;
    },
  };
}

function withHeaders(call: CallOptions, headers: Readonly<Record<string, string>>): CallOptions {
  return { ...call, headers: { ...call.headers, ...headers } };
}

/** The size every check expects: the source's, or what a stream of unknown size delivered. */
function expectedSize(runtime: UploadRuntime): number {
  return runtime.plan.size ?? runtime.source.streamed;
}

/**
 * The id of the step that writes a chunk: `bytes-<first>-<last>` (Nextcloud: `chunk-<number>`;
 * `'single'`: `put`), after the upload's prefix.
 *
 * @example
 * ```ts
 * chunkStepId('content-range', '', { index: 1, start: 8, end: 16 }); // 'bytes-8-15'
 * ```
 */
export function chunkStepId(strategy: ChosenStrategy, prefix: string, chunk: Chunk): string {
  if (strategy === 'single') {
    return `${prefix}put`;
  }
  return strategy === 'nextcloud-v2'
    ? `${prefix}chunk-${nextcloudChunkName(chunk)}`
    : `${prefix}bytes-${chunk.start}-${Math.max(chunk.end - 1, chunk.start)}`;
}

/**
 * A Nextcloud chunk's name: its number from 1, zero-padded so that the names sort as the numbers do.
 *
 * @example
 * ```ts
 * nextcloudChunkName({ index: 0, start: 0, end: 5 }); // '00001'
 * ```
 */
export function nextcloudChunkName(chunk: Chunk): string {
  return String(chunk.index + 1).padStart(5, '0');
}

/** The request that writes one chunk, without its body (read when the step starts). */
function chunkWrite(runtime: UploadRuntime, chunk: Chunk): Operation<unknown> {
  const { plan } = runtime;
  const empty = new Uint8Array(0);
  switch (plan.strategy) {
    case 'nextcloud-v2':
      return operations.put(`${plan.temp}${nextcloudChunkName(chunk)}`, empty, {
        contentType: plan.contentType,
      });
    case 'single':
      return operations.put(plan.temp, empty, { contentType: plan.contentType });
    default:
      return rangedWrite(plan.strategy, plan.temp, chunk.start, chunk.end, plan.size ?? 0);
  }
}

function chunkHeaders(runtime: UploadRuntime): Readonly<Record<string, string>> {
  const { plan } = runtime;
  return plan.strategy === 'nextcloud-v2'
    ? { destination: plan.targetUrl, 'oc-total-length': String(plan.size) }
    : {};
}

/** The step that makes the temporary resource, when one must exist before the chunks. */
function addCreate(batch: StepSink, runtime: UploadRuntime, after: readonly string[]): string[] {
  const { plan, call } = runtime;
  if (!plan.createTemp || plan.assembled) {
    return [];
  }
  const id = `${plan.prefix}create`;
  if (plan.strategy === 'nextcloud-v2') {
    batch.operation(operations.mkcol(plan.temp), {
      ...withHeaders(call, { destination: plan.targetUrl }),
      id,
      after,
    });
  } else {
    batch.operation(operations.put(plan.temp, '', { contentType: plan.contentType }), { ...call, id, after });
  }
  return [id];
}

function addChunks(batch: StepSink, runtime: UploadRuntime, after: readonly string[]): Map<string, Chunk> {
  const { plan, source, tracker, call } = runtime;
  const added = new Map<string, Chunk>();
  if (plan.assembled) {
    return added;
  }
  for (const chunk of plan.chunks) {
    if (tracker.has(chunk.index)) {
      continue;
    }
    const id = chunkStepId(plan.strategy, plan.prefix, chunk);
    const body =
      plan.strategy === 'single'
        ? () => source.whole()
        : () => source.chunk(chunk.index, chunk.start, chunk.end);
    batch.operation(confirming(chunkWrite(runtime, chunk), runtime, chunk.index), {
      ...withHeaders(call, chunkHeaders(runtime)),
      id,
      after,
      parallel: true,
      body,
    });
    added.set(id, chunk);
  }
  return added;
}

/** The check of the temporary resource before it is moved: every byte must be there. */
function addTempCheck(batch: StepSink, runtime: UploadRuntime, after: readonly string[]): string[] {
  const { plan, tracker, call, baseUrl } = runtime;
  if (plan.assembled) {
    return [];
  }
  const id = `${plan.prefix}check-temp`;
  const check =
    plan.strategy === 'nextcloud-v2'
      ? checkChunkFolder(baseUrl, plan.temp, plan.size ?? 0)
      : checkResource(
          baseUrl,
          plan.temp,
          () => ({ size: expectedSize(runtime) }),
          (found) => tracker.assembled(found.etag),
        );
  batch.operation(check, { ...call, id, after });
  return [id];
}

function guardHeaders(plan: UploadPlan): Record<string, string> {
  const headers: Record<string, string> =
    plan.strategy === 'nextcloud-v2' ? { 'oc-total-length': String(plan.size) } : {};
  // RFC 9110's If-Match would apply to the MOVE's source; the target's version is checked with a
  // tagged If on the target (RFC 4918 §10.4), as Nextcloud's own clients do.
  if (plan.guard.kind === 'etag' && !plan.lockHeld) {
    headers.if = `<${plan.targetUrl}> ([${plan.guard.etag}])`;
  }
  return headers;
}

function addAssembly(batch: StepSink, runtime: UploadRuntime, after: readonly string[]): string[] {
  const { plan, call } = runtime;
  if (plan.assembled) {
    return [];
  }
  const id = `${plan.prefix}assemble`;
  const from = plan.strategy === 'nextcloud-v2' ? `${plan.temp}.file` : plan.temp;
  const move = operations.move(from, plan.target, { overwrite: plan.guard.kind !== 'absent' });
  batch.operation(move, { ...withHeaders(call, guardHeaders(plan)), id, after });
  return [id];
}

function addTargetCheck(batch: StepSink, runtime: UploadRuntime, after: readonly string[]): string {
  const { plan, tracker, call, baseUrl, found } = runtime;
  const id = plan.lastId ?? `${plan.prefix}check-target`;
  const expect = () => ({
    size: expectedSize(runtime),
    // Nextcloud makes a new file of the chunks: its ETag is the server's to choose.
    etag: plan.strategy === 'nextcloud-v2' ? undefined : tracker.state.assembledEtag,
    etagMeaning: 'another write replaced the file after it was moved into place',
  });
  batch.operation(
    checkResource(baseUrl, plan.target, expect, (entry) => {
      found.etag = entry.etag;
    }),
    { ...call, id, after },
  );
  return id;
}

/**
 * Adds an upload's steps to a batch: the chunks (in parallel, each its own request), then the check
 * of the temporary resource, the move into place, and the check of the target, each depending on all
 * before it. A failed chunk gives the later steps a synthesised 424 naming it.
 *
 * @example
 * ```ts
 * const { chunks, last } = addUploadSteps(dav.batch({ concurrency: 4 }), runtime, []);
 * ```
 */
export function addUploadSteps(
  batch: StepSink,
  runtime: UploadRuntime,
  after: readonly string[],
): UploadSteps {
  const create = addCreate(batch, runtime, after);
  const chunks = addChunks(batch, runtime, [...after, ...create]);
  const checked = addTempCheck(batch, runtime, [...after, ...create, ...chunks.keys()]);
  const moved = addAssembly(batch, runtime, [...after, ...checked]);
  const last = addTargetCheck(batch, runtime, [...after, ...moved]);
  return { chunks, last };
}
