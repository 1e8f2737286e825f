import type { BatchResult } from '../batch/result.ts';
import { DavUsageError } from '../errors/transport-errors.ts';
import type { BatchResultData } from '../model/batch-result.ts';
import type { RetryAfterFixOptions } from '../model/recovery.ts';
import { describeUploadCause, type UploadLayout, uploadCauses } from './causes.ts';
import { chunksFor } from './chunks.ts';
import { fixInUploadTerms } from './fixes.ts';
import { chunkStepId } from './steps.ts';
import type { ChosenStrategy, TransferCause, UploadFixFunction, UploadState } from './types.ts';
import type { UploadSession } from './upload-session.ts';

/**
 * The data of an upload's outcome: plain, so it survives `structuredClone` and JSON.
 *
 * @group Large files
 */
export interface UploadResultData {
  readonly kind: 'upload-result';
  /** The whole file is at the target, and checked (size, and ETag where the server gives one). */
  readonly ok: boolean;
  /** The target, as given to `upload()`. */
  readonly path: string;
  readonly strategy: ChosenStrategy;
  /** Bytes of the file. */
  readonly size: number;
  /** Pass it back as `resume` (now, or after a restart) to continue an incomplete upload. */
  readonly state: UploadState;
  /** The target's ETag, as checked after the move into place. */
  readonly etag?: string;
  /** The batch the upload ran as (its last run): every chunk, check and move is a step of it. */
  readonly batch: BatchResultData;
}

/** What re-sending needs, kept beside the result (not in it, so the result stays plain data). */
export interface UploadInternals {
  readonly session: UploadSession;
  readonly batch: BatchResult;
  /** Turns the batch result of a resubmission into the upload's next result. */
  readonly next: (batch: BatchResult) => Promise<UploadResult>;
}

/** Hands a result what can send again for it (an original, not a copy, can). Internal. */
export let attachUpload: (result: UploadResult, links: UploadInternals) => void;

/**
 * How an upload's steps map to its bytes, from its data alone (so a copied result explains the same).
 *
 * @example
 * ```ts
 * layoutOf(result).chunks.get('bytes-0-8388607'); // { index: 0, start: 0, end: 8388608 }
 * ```
 */
export function layoutOf(data: Pick<UploadResultData, 'state' | 'path'>): UploadLayout {
  const { state, path } = data;
  const chunks = chunksFor(state.strategy, state.size, state.chunkSize);
  return {
    prefix: '',
    chunks: new Map(chunks.map((chunk) => [chunkStepId(state.strategy, '', chunk), chunk])),
    count: chunks.length,
    state,
    target: path,
  };
}

/**
 * The outcome of `dav.upload()`. Its fields are plain data; `rootCauses()` works on any copy, and
 * `retryAfterFix()` needs the original.
 *
 * @example
 * ```ts
 * const result = await dav.upload('/media/big.iso', file);
 * if (!result.ok) {
 *   localStorage.setItem('upload', JSON.stringify(result.state)); // resume later, or:
 *   console.log(explain(result.rootCauses()));
 *   await result.retryAfterFix();
 * }
 * ```
 *
 * @group Large files
 */
export class UploadResult implements UploadResultData {
  readonly kind = 'upload-result' as const;
  readonly ok: boolean;
  readonly path: string;
  readonly strategy: ChosenStrategy;
  readonly size: number;
  readonly state: UploadState;
  readonly etag?: string;
  readonly batch: BatchResultData;
  // What re-sends for this result, handed over by the upload that produced it. Private: it never
  // shows in JSON, `util.inspect` or a clone.
  #links: UploadInternals | undefined;

  static {
    attachUpload = (result, links) => {
      result.#links = links;
    };
  }

  constructor(data: Omit<UploadResultData, 'kind'>) {
    this.ok = data.ok;
    this.path = data.path;
    this.strategy = data.strategy;
    this.size = data.size;
    this.state = data.state;
    if (data.etag !== undefined) {
      this.etag = data.etag;
    }
    this.batch = data.batch;
  }

  /**
   * Why the upload is incomplete: each chunk that is not on the server with its byte range and the
   * reason (a 507, a reset…), a failed check or move into place with what it means. `[]` when `ok`.
   *
   * @example
   * ```ts
   * for (const cause of result.rootCauses()) console.log(cause.bytes, cause.status, cause.description);
   * ```
   */
  rootCauses(): TransferCause[] {
    return uploadCauses(this.batch, layoutOf(this));
  }

  /**
   * Fixes the root causes (your `fix`, or davkit's fixers) and sends only what the server does not
   * have: the failed chunks, then the checks and the move into place. Rejects with
   * `DavUnfixableError` when a cause cannot be fixed automatically and no `fix` was given.
   *
   * @example
   * ```ts
   * const next = await result.retryAfterFix(async (causes) => { await freeSomeSpace(); });
   * next.ok; // true once every chunk is stored and the file is in place
   * ```
   */
  async retryAfterFix(fix?: UploadFixFunction, options: RetryAfterFixOptions = {}): Promise<UploadResult> {
    // An object made from a copy's data (not by an upload) has no such field: it cannot send.
    const links = #links in this ? this.#links : undefined;
    if (links === undefined) {
      throw new DavUsageError('retryAfterFix() needs the original UploadResult (a copied one cannot send)');
    }
    if (this.ok) {
      return this;
    }
    const layout = layoutOf(this);
    const deadline = Date.now() + (options.maxWaitMs ?? 60_000);
    const told = fixInUploadTerms(
      links.session,
      fix,
      (cause) => describeUploadCause(cause, layout),
      deadline,
    );
    const next = await links.batch.retryAfterFix(told, { ...options, replay: options.replay ?? 'failed' });
    return links.next(next);
  }
}
