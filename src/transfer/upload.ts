import type { BatchResult } from '../batch/result.ts';
import { DavUsageError } from '../errors/transport-errors.ts';
import { checkCount, checkPath, checkTimeout } from '../utils/arguments.ts';
import { describeUploadCause } from './causes.ts';
import { sameEtag } from './checks.ts';
import { checkChunkSize, DEFAULT_CHUNK_SIZE } from './chunks.ts';
import { recoverable, waitToResend } from './fixes.ts';
import { callOptions, type TransferSession } from './session.ts';
import { openSource } from './source.ts';
import { type Started, startUpload } from './start.ts';
import { addUploadSteps, type UploadRuntime } from './steps.ts';
import type { UploadOptions, UploadSource } from './types.ts';
import { attachUpload, layoutOf, UploadResult } from './upload-result.ts';

const DEFAULT_CONCURRENCY = 4;
const DEFAULT_RETRIES = 3;
const DEFAULT_MAX_WAIT_MS = 60_000;

function checkOptions(options: UploadOptions): void {
  if (typeof options !== 'object' || options === null) {
    throw new DavUsageError('upload options must be an object');
  }
  checkChunkSize(options.chunkSize);
  checkCount(options.concurrency, 'concurrency', 1);
  checkCount(options.retries, 'retries', 0);
  checkCount(options.maxWaitMs, 'maxWaitMs', 0);
  checkCount(options.size, 'size', 0);
  checkTimeout(options.timeout, 'timeout');
  if (options.onProgress !== undefined && typeof options.onProgress !== 'function') {
    throw new DavUsageError('onProgress must be a function');
  }
}

/**
 * Re-sends what failed for a reason that passes (a reset, a 5xx, a throttle, a lock on the target),
 * through the batch's own `retryAfterFix()`: only failed and blocked steps run again, up to
 * `retries` rounds. Anything else is left in the result for the caller.
 */
async function recover(
  result: BatchResult,
  runtime: UploadRuntime,
  options: UploadOptions,
): Promise<BatchResult> {
  const deadline = Date.now() + (options.maxWaitMs ?? DEFAULT_MAX_WAIT_MS);
  let current = result;
  for (let round = 0; round < (options.retries ?? DEFAULT_RETRIES) && !current.ok; round++) {
    if (options.signal?.aborted) {
      break;
    }
    const layout = layoutOf({ state: runtime.tracker.state });
    const causes = current.rootCauses().map((cause) => describeUploadCause(cause, layout));
    if (causes.length === 0 || !causes.every(recoverable)) {
      break;
    }
    try {
      current = await current.retryAfterFix(waitToResend(round, deadline), {
        replay: 'failed',
        maxAttempts: 1,
        maxWaitMs: Math.max(deadline - Date.now(), 0),
        ...(options.signal === undefined ? {} : { signal: options.signal }),
      });
    } catch {
      break; // a wait beyond maxWaitMs, or an abort: the last result says what is missing
    }
  }
  return current;
}

/**
 * A MOVE whose answer was lost (a reset) may have happened: sent again, it finds no temporary file
 * (404). The target then holds the checked file if it has its ETag: only the target's check is left.
 */
async function movedAlready(
  batch: BatchResult,
  runtime: UploadRuntime,
  session: TransferSession,
): Promise<boolean> {
  const { plan, tracker, call } = runtime;
  const move = batch.step(`${plan.prefix}assemble`);
  const assembled = tracker.state.assembledEtag;
  if (move?.kind !== 'failure' || move.status !== 404 || assembled === undefined) {
    return false;
  }
  const target = await session.stat(plan.target, call).catch(() => undefined);
  return target?.etag !== undefined && target.size === plan.size && sameEtag(target.etag, assembled);
}

/** The batch's outcome after automatic recovery, and after finding a lost MOVE's answer. */
async function settle(
  batch: BatchResult,
  runtime: UploadRuntime,
  options: UploadOptions,
  session: TransferSession,
): Promise<{ batch: BatchResult; runtime: UploadRuntime }> {
  const recovered = await recover(batch, runtime, options);
  if (recovered.ok || !(await movedAlready(recovered, runtime, session))) {
    return { batch: recovered, runtime };
  }
  const checked = { ...runtime, plan: { ...runtime.plan, assembled: true } };
  const again = session.batch();
  addUploadSteps(again, checked, []);
  return {
    batch: await again.run(options.signal === undefined ? {} : { signal: options.signal }),
    runtime: checked,
  };
}

function resultOf(
  batch: BatchResult,
  runtime: UploadRuntime,
  options: UploadOptions,
  session: TransferSession,
): UploadResult {
  const { plan, tracker, source, found } = runtime;
  if (plan.size === undefined && batch.ok) {
    tracker.sized(source.streamed);
  }
  const finish = async (next: BatchResult) => {
    const settled = await settle(next, runtime, options, session);
    return resultOf(settled.batch, settled.runtime, options, session);
  };
  const result = new UploadResult({
    ok: batch.ok,
    path: plan.target,
    strategy: plan.strategy,
    size: plan.size ?? source.streamed,
    state: tracker.state,
    ...(found.etag === undefined ? {} : { etag: found.etag }),
    batch,
  });
  attachUpload(result, { batch, next: finish });
  return result;
}

async function run(
  started: Started,
  runtime: UploadRuntime,
  options: UploadOptions,
  session: TransferSession,
) {
  const batch = session.batch({ concurrency: options.concurrency ?? DEFAULT_CONCURRENCY });
  addUploadSteps(batch, runtime, []);
  started.tracker.report();
  const first = await batch.run(options.signal === undefined ? {} : { signal: options.signal });
  return settle(first, runtime, options, session);
}

/**
 * Uploads a file as a batch of chunk steps, then a check of the temporary resource, the move into
 * place and a check of the target (see {@link UploadStrategy}). Resolves with the outcome, complete
 * or not (never rejects for a failed chunk: the result says what is missing and why); rejects with
 * `DavUsageError` for bad arguments or a state that cannot be resumed.
 *
 * @example
 * ```ts
 * const result = await uploadFile(dav, '/media/big.iso', file, { onProgress: ({ loaded, total }) => … });
 * ```
 */
export async function uploadFile(
  session: TransferSession,
  path: string,
  source: UploadSource,
  options: UploadOptions = {},
): Promise<UploadResult> {
  checkPath(path, 'upload path');
  checkOptions(options);
  const chunkSize = options.resume?.chunkSize ?? options.chunkSize ?? DEFAULT_CHUNK_SIZE;
  const opened = openSource(source, { size: options.size, sourceVersion: options.sourceVersion, chunkSize });
  const call = callOptions(options);
  const started = await startUpload({ session, path, source: opened, options, chunkSize, call, prefix: '' });
  const { signal: _signal, ...stepCall } = call;
  const runtime: UploadRuntime = {
    plan: started.plan,
    source: opened,
    tracker: started.tracker,
    baseUrl: session.baseUrl,
    call: stepCall,
    found: {},
  };
  const settled = await run(started, runtime, options, session);
  return resultOf(settled.batch, settled.runtime, options, session);
}
