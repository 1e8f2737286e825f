import { checkCount } from '../checks/arguments.ts';
import type { Progress } from '../model/progress.ts';
import type { RequestSpec } from '../transport/request-spec.ts';
import { BUFFERED } from './buffered.ts';
import { withHeaders } from './common.ts';
import { httpError } from './failure-reader.ts';
import type { Operation } from './operation.ts';

/**
 * Options of a GET.
 *
 * @group Client
 */
export interface GetOptions {
  /** A byte range, e.g. `{ start: 0, end: 1023 }` (inclusive), or `{ start: 1024 }` for the rest. */
  readonly range?: { readonly start: number; readonly end?: number };
  /** Only if the ETag differs (a 304 then throws). */
  readonly ifNoneMatch?: string;
  /** Download progress, everywhere. */
  readonly onDownloadProgress?: (progress: Progress) => void;
}

/**
 * Options of `getText()` and `getBytes()`, which read the whole download.
 *
 * @group Client
 */
export interface DownloadOptions extends GetOptions {
  /** Largest body accepted, in bytes. Default: no limit (you asked for the whole file). */
  readonly maxSize?: number;
}

/**
 * Builds a GET request; the response is handed over unread, to stream large downloads.
 *
 * @example
 * ```ts
 * buildGet('/video.mp4', { range: { start: 0, end: 1_048_575 } });
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-9.3.1
 */
export function buildGet(path: string, options: GetOptions = {}): RequestSpec {
  const range = options.range;
  if (range !== undefined) {
    checkCount(range.start, 'range.start', 0);
    checkCount(range.end ?? range.start, 'range.end', range.start);
  }
  return withHeaders(
    { method: 'GET', path, headers: {}, response: 'stream' },
    {
      range: range === undefined ? undefined : `bytes=${range.start}-${range.end ?? ''}`,
      'if-none-match': options.ifNoneMatch,
    },
  );
}

/**
 * GET as an operation: the `Response` of a 2xx answer is handed over unread, to stream the download;
 * any other answer is its `DavHttpError`. One of the `operations`, on its own so that the client's
 * reads need no other builder.
 *
 * @example
 * ```ts
 * const response = await dav.run(getOperation('/video.mp4'));
 * ```
 */
export function getOperation(path: string, options: GetOptions = {}): Operation<Response> {
  return {
    spec: buildGet(path, options),
    takeUnread: ({ response }) => response,
    // Reached only for an answer that is not 2xx: a 2xx one is taken unread.
    read: (raw) => {
      throw httpError(raw, BUFFERED);
    },
  };
}
