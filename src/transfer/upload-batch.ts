import { Batch } from '../batch/batch.ts';
import type { BatchOptions, StepOptions } from '../batch/options.ts';
import { checkCount, checkPath, checkTimeout } from '../checks/arguments.ts';
import { DavUsageError } from '../errors/transport-errors.ts';
import type { StepRef } from '../model/batch.ts';
import { callOptions } from './call-options.ts';
import { checkChunkSize, DEFAULT_CHUNK_SIZE } from './chunks.ts';
import { openSource } from './source.ts';
import { createsTemp, newUploadState, planOf } from './start.ts';
import { addUploadSteps } from './steps.ts';
import { chooseStrategyNow, directoryOf } from './strategy.ts';
import type { TargetGuard, UploadOptions, UploadSource } from './types.ts';
import type { UploadSession } from './upload-session.ts';

/**
 * Options of `batch.upload()`: an upload's (without `resume`), and a step's.
 *
 * @group Large files
 */
export type UploadStepOptions = Omit<UploadOptions, 'resume' | 'signal' | 'retries' | 'maxWaitMs'> &
  StepOptions;

function guardOf(options: UploadStepOptions): TargetGuard {
  if (options.overwrite === false) {
    return { kind: 'absent' };
  }
  return options.ifMatch === undefined ? { kind: 'none' } : { kind: 'etag', etag: options.ifMatch };
}

function checkStepOptions(options: UploadStepOptions): void {
  if ('resume' in options && (options as UploadOptions).resume !== undefined) {
    throw new DavUsageError('a batch cannot resume an upload: pass its state to dav.upload()');
  }
  checkChunkSize(options.chunkSize);
  checkCount(options.size, 'size', 0);
  checkTimeout(options.timeout, 'timeout');
}

/**
 * A batch that can also upload files (what `dav.batch()` returns). An upload is a group of steps:
 * its chunks (`<id>:bytes-…`), the check of the temporary resource (`<id>:check-temp`), the move into
 * place (`<id>:assemble`) and, under the upload's own id, the check of the target: steps added `after`
 * it wait for the whole file.
 *
 * @example
 * ```ts
 * const batch = dav.batch();
 * batch.mkcol('/media/');
 * const up = batch.upload('/media/big.iso', file, { id: 'iso' });
 * batch.proppatch('/media/big.iso', { set: { '{urn:acme}state': 'new' }, after: [up] });
 * const result = await batch.run();
 * ```
 *
 * @group Large files
 */
export class TransferBatch extends Batch {
  readonly #session: UploadSession;
  #uploads = 0;

  /** @internal `dav.batch()` makes one. */
  constructor(session: UploadSession, options: BatchOptions = {}) {
    super(session, options);
    this.#session = session;
  }

  /**
   * Upload step(s) for one file, with `dav.upload()`'s strategies. The batch cannot wait for a
   * server check while steps are added: `'auto'` uses a partial-update method only when this client
   * has already verified it in that collection (an earlier `dav.upload()` there), else one `PUT`;
   * without `overwrite` or `ifMatch`, the file replaces what is at the target, as `batch.put()` does.
   * To resume an incomplete upload, pass its state to `dav.upload()`.
   */
  upload(path: string, source: UploadSource, options: UploadStepOptions = {}): StepRef {
    checkPath(path, 'upload path');
    checkStepOptions(options);
    const session = this.#session;
    const chunkSize = options.chunkSize ?? DEFAULT_CHUNK_SIZE;
    const opened = openSource(source, {
      size: options.size,
      sourceVersion: options.sourceVersion,
      chunkSize,
    });
    const strategy = chooseStrategyNow(session, options.strategy ?? 'auto', {
      size: opened.size,
      chunkSize,
      directory: directoryOf(path),
    });
    const id = options.id ?? `upload-${++this.#uploads}`;
    const state = newUploadState(session, path, opened, options, strategy, chunkSize, guardOf(options));
    const context = { session, path, source: opened, options, prefix: `${id}:` };
    const { plan, tracker } = planOf(
      context,
      state,
      { createTemp: createsTemp(strategy), assembled: false },
      id,
    );
    const after = (options.after ?? []).map((ref) => (typeof ref === 'string' ? ref : ref.id));
    const runtime = {
      plan,
      source: opened,
      tracker,
      baseUrl: session.baseUrl,
      call: callOptions(options),
      found: {},
    };
    return { id: addUploadSteps(this, runtime, after).last };
  }
}
