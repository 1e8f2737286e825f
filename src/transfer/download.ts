import { rootCauses } from '../analysis/root-causes.ts';
import { checkCount, checkPath, checkTimeout } from '../checks/arguments.ts';
import {
  isDavAbortError,
  isDavHttpError,
  isDavNetworkError,
  isDavTimeoutError,
  isDavVerificationError,
} from '../errors/guards.ts';
import { DavUsageError } from '../errors/transport-errors.ts';
import { DavVerificationError } from '../errors/verification-error.ts';
import { operations } from '../operations/operations.ts';
import { sleep } from '../recovery/fixers.ts';
import type { Session } from '../session/session.ts';
import { urlPath } from '../utils/href.ts';
import { callOptions } from './call-options.ts';
import { sameEtag } from './checks.ts';
import { DownloadResult } from './download-result.ts';
import { checkDownloadState, parseContentRange, resumeHeaders, stateOf } from './download-state.ts';
import type { DownloadSink, DownloadState, ResumableDownloadOptions } from './download-types.ts';
import { pumpBody } from './read-ahead.ts';
import { type SinkWriter, sinkWriter } from './sink.ts';
import type { TransferCause } from './types.ts';

const TRANSIENT = new Set([408, 429, 500, 502, 503, 504]);

/** One download in progress: where it stands and where it writes. */
interface Transfer {
  readonly session: Session;
  readonly path: string;
  readonly writer: SinkWriter;
  readonly options: ResumableDownloadOptions;
  state: DownloadState;
}

function transient(error: unknown): boolean {
  return (
    isDavNetworkError(error) ||
    isDavTimeoutError(error) ||
    (isDavHttpError(error) && TRANSIENT.has(error.status))
  );
}

function advance(transfer: Transfer, bytes: number): void {
  transfer.state = { ...transfer.state, received: transfer.state.received + bytes };
  try {
    transfer.options.onProgress?.({
      loaded: transfer.state.received,
      total: transfer.state.size,
      state: transfer.state,
    });
  } catch {
    // A failing progress callback must not fail the download.
  }
}

/**
 * Decides what an answer means for the bytes already written: how many of its first bytes to skip
 * (a server that ignored `Range` sent the same version whole), or a start from zero (the file changed:
 * a seekable sink is emptied; a stream sink cannot be, and that is a failure, never a splice).
 */
async function accept(transfer: Transfer, response: Response): Promise<number> {
  const { state, writer } = transfer;
  const etag = response.headers.get('etag') ?? undefined;
  if (state.received === 0) {
    transfer.state = stateOf(state.source, response, 0);
    return 0;
  }
  const range =
    response.status === 206 ? parseContentRange(response.headers.get('content-range')) : undefined;
  const sameVersion =
    (state.etag === undefined || (etag !== undefined && sameEtag(etag, state.etag))) &&
    (state.size === undefined ||
      range === undefined ||
      range.total === undefined ||
      range.total === state.size);
  if (response.status === 206 && range?.start === state.received && sameVersion) {
    return 0;
  }
  if (response.status === 200 && sameVersion && state.etag !== undefined) {
    return state.received;
  }
  if (response.status === 206 && sameVersion) {
    throw new DavVerificationError({
      path: transfer.path,
      expected: {},
      actual: {},
      reason: `the server answered a request for the bytes from ${state.received} with ${response.headers.get('content-range') ?? 'no Content-Range'}`,
    });
  }
  if (!writer.seekable) {
    await response.body?.cancel().catch(() => undefined);
    throw new DavVerificationError({
      path: transfer.path,
      expected: { etag: state.etag, size: state.size },
      actual: { etag },
      reason:
        'the file changed on the server since the download began: the sink holds the start of the old version and cannot be rewound; start again with an empty sink and no resume',
    });
  }
  await writer.restart();
  transfer.state = stateOf(state.source, response, 0);
  return 0;
}

/** One GET for what is missing, written to the sink as it arrives. */
async function fetchRest(transfer: Transfer): Promise<void> {
  const { session, path, options, writer } = transfer;
  const call = callOptions(options);
  const headers = { ...options.headers, ...resumeHeaders(transfer.state) };
  const response = await session.run(operations.get(path), { ...call, headers });
  let skip = await accept(transfer, response);
  const read = {
    idleTimeout: options.timeout ?? session.timeout,
    signal: options.signal,
    method: 'GET',
    url: transfer.state.source,
  };
  await pumpBody(response, read, async (chunk) => {
    const part = skip >= chunk.byteLength ? undefined : chunk.subarray(skip);
    skip = Math.max(skip - chunk.byteLength, 0);
    if (part !== undefined) {
      await writer.write(part);
      advance(transfer, part.byteLength);
    }
  });
  checkComplete(transfer);
}

function checkComplete(transfer: Transfer): void {
  const { size, received } = transfer.state;
  if (size !== undefined && received !== size) {
    throw new DavVerificationError({
      path: transfer.path,
      expected: { size },
      actual: { size: received },
      reason: `the body ended after ${received} of ${size} bytes`,
    });
  }
}

function causeOf(transfer: Transfer, error: unknown): TransferCause[] {
  if (isDavHttpError(error)) {
    return rootCauses(error);
  }
  const serverPath = urlPath(new URL(transfer.state.source));
  const path = transfer.session.relativePath(serverPath);
  const base = { status: 0, path, serverPath, method: 'GET', dependents: [] };
  if (isDavNetworkError(error) || isDavTimeoutError(error)) {
    return [{ ...base, description: error.message, fix: { kind: 'retry-later' } }];
  }
  if (isDavVerificationError(error)) {
    const changed = error.actual.etag !== undefined && error.expected.etag !== error.actual.etag;
    return [
      {
        ...base,
        description: error.message,
        fix: changed ? { kind: 'refresh-etag', path } : { kind: 'none' },
      },
    ];
  }
  const description = isDavAbortError(error)
    ? 'aborted'
    : `the sink failed: ${String((error as Error)?.message ?? error)}`;
  return [{ ...base, description, fix: { kind: 'none' } }];
}

/** Fetches until complete, asking again for the rest after a reset, a timeout or a 5xx. */
async function transferAll(transfer: Transfer): Promise<TransferCause[]> {
  const retries = transfer.options.retries ?? 3;
  for (let round = 0; ; round++) {
    try {
      await fetchRest(transfer);
      return [];
    } catch (error) {
      // A body that ended early (a connection closed without an error) is continued like a reset one.
      const short =
        isDavVerificationError(error) && (error.actual.size ?? 0) < (error.expected.size ?? Number.NaN);
      const again = (transient(error) || short) && round < retries && !transfer.options.signal?.aborted;
      if (!again) {
        return causeOf(transfer, error);
      }
      await sleep(Math.min(200 * 2 ** round, 5000), transfer.options.signal).catch(() => undefined);
    }
  }
}

function checkOptions(options: ResumableDownloadOptions): void {
  if (typeof options !== 'object' || options === null) {
    throw new DavUsageError('download options must be an object');
  }
  checkCount(options.retries, 'retries', 0);
  checkTimeout(options.timeout, 'timeout');
}

/**
 * Downloads a file into a sink, resuming after a reset with `Range` and `If-Range` (on a strong ETag)
 * and checking that every answer is of the same version: a file that changed starts again rather than
 * splice two versions. Size and ETag are checked at the end. Resolves with the outcome (never rejects
 * for a failed transfer); rejects with `DavUsageError` for bad arguments.
 *
 * @example
 * ```ts
 * const down = await downloadFile(dav, '/media/big.iso', new WritableStream({ write(chunk) { … } }));
 * ```
 */
export async function downloadFile(
  session: Session,
  path: string,
  sink: DownloadSink,
  options: ResumableDownloadOptions = {},
): Promise<DownloadResult> {
  checkPath(path, 'download path');
  checkOptions(options);
  const source = session.url(path);
  const state: DownloadState = options.resume ?? { kind: 'davkit-download', version: 1, source, received: 0 };
  checkDownloadState(state, source);
  const transfer: Transfer = { session, path, writer: sinkWriter(sink, state.received), options, state };
  const causes = await transferAll(transfer);
  if (causes.length === 0) {
    await transfer.writer.close();
  } else {
    await transfer.writer.release().catch(() => undefined);
  }
  return new DownloadResult({ path, state: transfer.state, causes });
}
