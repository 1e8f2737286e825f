import { Batch } from '../batch/batch.ts';
import type { BatchOptions } from '../batch/options.ts';
import { checkCount, checkPath, checkTimeout } from '../checks/arguments.ts';
import { DavUsageError } from '../errors/transport-errors.ts';
import type { StepRef } from '../model/batch.ts';
import { plainCopy } from '../utils/plain-copy.ts';
import { checkChunkSize } from './chunks.ts';
import { checkSourceKind } from './source-kind.ts';
import type { UploadOptions, UploadSource, UploadStepOptions } from './types.ts';

export type { UploadStepOptions };

import type { UploadSession } from './upload-session.ts';

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
   * Upload step(s) for one file, with `dav.upload()`'s strategies. The path, the options and the
   * kind of source are checked now; the source is opened and the steps planned when the batch runs.
   * The batch does not stop to check the server then: `'auto'` uses a partial-update method only
   * where this client has already verified it in that collection (an earlier `dav.upload()` there),
   * else one `PUT`, and an explicit method not verified there rejects `run()` with `DavUsageError`
   * before anything is sent. Without `overwrite` or `ifMatch`, the file replaces what is at the
   * target, as `batch.put()` does. To resume an incomplete upload, pass its state to `dav.upload()`.
   */
  upload(path: string, source: UploadSource, options: UploadStepOptions = {}): StepRef {
    checkPath(path, 'upload path');
    checkStepOptions(options);
    checkSourceKind(source);
    const session = this.#session;
    const id = options.id ?? `upload-${++this.#uploads}`;
    const after = (options.after ?? []).map((ref) => this.knownStep(ref));
    const kept = plainCopy(options); // as it is now, whatever the caller changes before the run
    // Planned when the batch runs (loaded then): an app that never uploads does not carry the planning.
    return this.addGroup(id, async (sink) => {
      const { planUpload } = await import('./plan-upload.ts');
      planUpload(sink, { session, path, source, options: kept, id, after });
    });
  }
}
