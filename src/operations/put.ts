import type { Progress } from '../model/progress.ts';
import type { PutResult } from '../model/results.ts';
import type { RawResponse } from '../transport/raw-response.ts';
import type { RequestBody, RequestSpec } from '../transport/request-spec.ts';
import { lengthHeaders, toRequestBody, type UploadBody } from './body.ts';
import { BUFFERED } from './buffered.ts';
import { withHeaders } from './common.ts';
import { expectWriteSuccess } from './failure-reader.ts';

/**
 * Options of a PUT.
 *
 * @group Client
 */
export interface PutOptions {
  /** Content-Type of the body. Default: `text/plain; charset=utf-8` for strings, `application/octet-stream` otherwise. */
  readonly contentType?: string;
  /** Write only if the current ETag matches (lost-update protection). */
  readonly ifMatch?: string;
  /** `'*'`: write only if nothing exists there yet. */
  readonly ifNoneMatch?: string;
  /** `false`: fail with 412 instead of replacing an existing resource (sends `If-None-Match: *`). */
  readonly overwrite?: boolean;
  /**
   * The body's length in bytes, for a stream or `AsyncIterable` whose length you know: sent as
   * `Content-Length` (servers that refuse chunked uploads need it) and used as `totalBytes` in
   * progress. A stream that gives more or fewer bytes is stopped with a `DavUsageError`.
   */
  readonly contentLength?: number;
  /**
   * Upload progress. Reported in Node, Deno, Bun and Workers (the body is sent in 64 KiB slices) and,
   * for a body given whole, in browsers (sent with `XMLHttpRequest` then; see the README).
   */
  readonly onUploadProgress?: (progress: Progress) => void;
  /**
   * After an ambiguous failure (a timeout, a reset connection, a 502/504), find out whether the write
   * landed instead of failing: see `Verification`. Default: the client's `verify` option (`false`).
   */
  readonly verify?: boolean;
}

function defaultContentType(body: RequestBody): string {
  if (typeof body === 'string') {
    return 'text/plain; charset=utf-8';
  }
  if (typeof Blob !== 'undefined' && body instanceof Blob && body.type !== '') {
    return body.type;
  }
  return 'application/octet-stream';
}

/**
 * Builds a PUT request.
 *
 * @example
 * ```ts
 * buildPut('/notes/todo.md', '# Todo', { contentType: 'text/markdown', ifMatch: '"abc"' });
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-9.3.4
 */
export function buildPut(path: string, upload: UploadBody, options: PutOptions = {}): RequestSpec {
  const body = toRequestBody(upload, 'PUT');
  const spec: RequestSpec = {
    method: 'PUT',
    path,
    headers: {
      'content-type': options.contentType ?? defaultContentType(body),
      ...lengthHeaders(body, options.contentLength),
    },
    body,
    response: 'text',
  };
  return withHeaders(spec, {
    'if-match': options.ifMatch,
    'if-none-match': options.ifNoneMatch ?? (options.overwrite === false ? '*' : undefined),
  });
}

/**
 * Reads a PUT answer.
 *
 * @throws {DavHttpError} (409: missing parent; 412: precondition; 423: locked), {MultiStatusError}
 * @example
 * ```ts
 * const { created, etag } = readPut(raw);
 * ```
 */
export function readPut(raw: RawResponse): PutResult {
  expectWriteSuccess(raw, BUFFERED);
  const etag = raw.headers.etag;
  return { status: raw.status, created: raw.status === 201, ...(etag === undefined ? {} : { etag }) };
}
