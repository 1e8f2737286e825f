import type { StepSink } from '../batch/step-log.ts';
import { callOptions } from './call-options.ts';
import { DEFAULT_CHUNK_SIZE } from './chunks.ts';
import { openSource } from './source.ts';
import { createsTemp, newUploadState, planOf } from './start.ts';
import { addUploadSteps } from './steps.ts';
import { chooseStrategyNow, directoryOf } from './strategy.ts';
import type { TargetGuard, UploadSource, UploadStepOptions } from './types.ts';
import type { UploadSession } from './upload-session.ts';

/**
 * A `batch.upload()` as it was added (its path, options and source kind checked): opened, given its
 * strategy and planned into its batch's steps when the batch runs.
 */
export interface LoggedUpload {
  readonly session: UploadSession;
  readonly path: string;
  readonly source: UploadSource;
  readonly options: UploadStepOptions;
  /** The upload's id: its steps are `<id>:…`, the last (the target's check) `<id>`. */
  readonly id: string;
  /** The steps its first steps wait for. */
  readonly after: readonly string[];
}

function guardOf(options: UploadStepOptions): TargetGuard {
  if (options.overwrite === false) {
    return { kind: 'absent' };
  }
  return options.ifMatch === undefined ? { kind: 'none' } : { kind: 'etag', etag: options.ifMatch };
}

/**
 * Adds one upload's steps (chunks, the temporary resource's check, the move into place, the target's
 * check) to a batch being planned.
 *
 * @example
 * ```ts
 * planUpload(sink, { session, path: '/big.iso', source: file, options: {}, id: 'iso', after: [] });
 * ```
 */
export function planUpload(sink: StepSink, upload: LoggedUpload): void {
  const { session, path, options, id } = upload;
  const chunkSize = options.chunkSize ?? DEFAULT_CHUNK_SIZE;
  const source = openSource(upload.source, {
    size: options.size,
    sourceVersion: options.sourceVersion,
    chunkSize,
  });
  // Chosen as the batch runs, with what the client has verified by then.
  const strategy = chooseStrategyNow(session, options.strategy ?? 'auto', {
    size: source.size,
    chunkSize,
    directory: directoryOf(path),
  });
  const state = newUploadState(session, path, source, options, strategy, chunkSize, guardOf(options));
  const context = { session, path, source, options, prefix: `${id}:` };
  const { plan, tracker } = planOf(
    context,
    state,
    { createTemp: createsTemp(strategy), assembled: false },
    id,
  );
  const runtime = {
    plan,
    source,
    tracker,
    baseUrl: session.baseUrl,
    call: callOptions(options),
    found: {},
  };
  addUploadSteps(sink, runtime, upload.after);
}
