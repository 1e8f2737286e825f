import { Batch } from '../batch/batch.ts';
import { batchAttempt } from '../batch/replay.ts';
import type { BatchResult } from '../batch/result.ts';
import { checkCount, checkPath, checkTimeout } from '../checks/arguments.ts';
import { DavUsageError } from '../errors/transport-errors.ts';
import { statEntry } from '../files/list.ts';
import { type Attempt, fixAndResubmit } from '../recovery/loop.ts';
import { callOptions } from './call-options.ts';
import { describeUploadCause } from './causes.ts';
import { sameEtag } from './checks.ts';
import { checkChunkSize, DEFAULT_CHUNK_SIZE } from './chunks.ts';
import { recoverable, waitToResend } from './fixes.ts';
import { openSource } from './source.ts';
import { type Started, startUpload } from './start.ts';
import { addUploadSteps, type UploadRuntime } from './steps.ts';
import type { UploadOptions, UploadSource } from './types.ts';
import { attachUpload, layoutOf, UploadResult } from './upload-result.ts';
import type { UploadSession } from './upload-session.ts';

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

/** The batch as the recovery loop sees it: done once a cause is one an upload does not re-send by itself. */
function resending(
  attempt: Attempt<BatchResult>,
  runtime: UploadRuntime,
  last: { result: BatchResult },
): Attempt<BatchResult> {
  last.result = attempt.settle();
  const layout = layoutOf({ state: runtime.tracker.state, path: runtime.plan.target });
  const causes = attempt.causes().map((cause) => describeUploadCause(cause, layout));
  return {
    ...attempt,
    ok: attempt.ok || causes.length === 0 || !causes.every(recoverable),
    causes: () => attempt.causes(),
    settle: () => attempt.settle(),
    resubmit: async (lockTokens) => resending(await attempt.resubmit(lockTokens), runtime, last),
  };
}

/**
 * Re-sends what failed for a reason that passes (a reset, a 5xx, a throttle, a lock on the target):
 * the one fix-and-resubmit loop (`fixAndResubmit`) over the upload's batch, with only failed and
 * blocked steps run again, up to `retries` times. It ends at the first cause an upload does not
 * re-send by itself, a wait beyond `maxWaitMs` or an abort, with the last result: it says what is
 * missing, for the caller.
 */
async function recover(
  result: BatchResult,
  runtime: UploadRuntime,
  options: UploadOptions,
  session: UploadSession,
): Promise<BatchResult> {
  const first = batchAttempt(result, 'failed', options.signal);
  const retries = options.retries ?? DEFAULT_RETRIES;
  if (first === undefined || retries === 0) {
    return result;
  }
  const maxWaitMs = options.maxWaitMs ?? DEFAULT_MAX_WAIT_MS;
  const last = { result };
  const fix = waitToResend(session, Date.now() + maxWaitMs);
  try {
    return await fixAndResubmit(session, resending(first, runtime, last), fix, {
      maxAttempts: retries,
      maxWaitMs,
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    });
  } catch {
    return last.result; // a wait beyond maxWaitMs, or an abort: the last result says what is missing
  }
}

/**
 * A MOVE whose answer was lost (a reset) may have happened: sent again, it finds no temporary file
 * (404). The target then holds the checked file if it has its ETag: only the target's check is left.
 */
async function movedAlready(
  batch: BatchResult,
  runtime: UploadRuntime,
  session: UploadSession,
): Promise<boolean> {
  const { plan, tracker, call } = runtime;
  const move = batch.step(`${plan.prefix}assemble`);
  const assembled = tracker.state.assembledEtag;
  if (move?.kind !== 'failure' || move.status !== 404 || assembled === undefined) {
    return false;
  }
  const target = await statEntry(session, plan.target, call).catch(() => undefined);
  return target?.etag !== undefined && target.size === plan.size && sameEtag(target.etag, assembled);
}

/** The batch's outcome after automatic recovery, and after finding a lost MOVE's answer. */
async function settle(
  batch: BatchResult,
  runtime: UploadRuntime,
  options: UploadOptions,
  session: UploadSession,
): Promise<{ batch: BatchResult; runtime: UploadRuntime }> {
  const recovered = await recover(batch, runtime, options, session);
  if (recovered.ok || !(await movedAlready(recovered, runtime, session))) {
    return { batch: recovered, runtime };
  }
  const checked = { ...runtime, plan: { ...runtime.plan, assembled: true } };
  const again = new Batch(session);
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
  session: UploadSession,
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
  attachUpload(result, { session, batch, next: finish });
  return result;
}

async function run(started: Started, runtime: UploadRuntime, options: UploadOptions, session: UploadSession) {
  const batch = new Batch(session, { concurrency: options.concurrency ?? DEFAULT_CONCURRENCY });
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
  session: UploadSession,
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
