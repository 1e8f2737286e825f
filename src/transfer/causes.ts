import { rootCauses } from '../analysis/root-causes.ts';
import type { BatchResultData } from '../model/batch-result.ts';
import type { RootCause } from '../model/root-cause.ts';
import type { Chunk } from './chunks.ts';
import type { TransferCause, UploadState } from './types.ts';

/** What explaining an upload's batch needs besides the batch: which step wrote which bytes. */
export interface UploadLayout {
  readonly prefix: string;
  readonly chunks: ReadonlyMap<string, Chunk>;
  /** Chunks in the whole file. */
  readonly count: number;
  readonly state: UploadState;
  /** The target, as a client path (what the upload was given). */
  readonly target: string;
}

function chunkCause(cause: RootCause, chunk: Chunk, layout: UploadLayout): TransferCause {
  const end = Math.max(chunk.end - 1, chunk.start);
  const why = cause.description ?? (cause.status === 0 ? 'no answer' : `status ${cause.status}`);
  return {
    ...cause,
    bytes: { start: chunk.start, end },
    description: `bytes ${chunk.start}-${end} (chunk ${chunk.index + 1} of ${layout.count}) are not on the server: ${why}`,
  };
}

/** The move into place failed its precondition: say which one, and that the caller must decide. */
function assemblyCause(cause: RootCause, layout: UploadLayout): TransferCause {
  if (cause.status !== 412) {
    return cause;
  }
  const { guard, temp } = layout.state;
  if (guard.kind === 'etag') {
    return {
      ...cause,
      description: `the target changed on the server since the upload began (its ETag is no longer ${guard.etag}); the uploaded file waits at ${temp}`,
      fix: { kind: 'refresh-etag', path: layout.target },
    };
  }
  return {
    ...cause,
    description: `something is at the target and the upload was not to replace it; the uploaded file waits at ${temp}`,
  };
}

/**
 * One root cause of an upload's batch, told in the upload's terms: a chunk's with the byte range it
 * did not store, a failed move into place with what its precondition meant.
 *
 * @example
 * ```ts
 * describeUploadCause(cause, layout); // { status: 507, bytes: { start: 8388608, end: 16777215 }, … }
 * ```
 */
export function describeUploadCause(cause: RootCause, layout: UploadLayout): TransferCause {
  const chunk = cause.step === undefined ? undefined : layout.chunks.get(cause.step);
  if (chunk !== undefined && layout.state.strategy !== 'single') {
    return chunkCause(cause, chunk, layout);
  }
  return cause.step === `${layout.prefix}assemble` ? assemblyCause(cause, layout) : cause;
}

/**
 * The root causes of an incomplete upload: the batch's own (`rootCauses(batch)`), each told in the
 * upload's terms (see {@link describeUploadCause}).
 *
 * @example
 * ```ts
 * uploadCauses(result.batch, layout);
 * ```
 */
export function uploadCauses(batch: BatchResultData, layout: UploadLayout): TransferCause[] {
  return rootCauses(batch).map((cause) => describeUploadCause(cause, layout));
}
