import type { HeadResult } from '../model/results.ts';
import type { RawResponse } from '../transport/raw-response.ts';
import type { RequestSpec } from '../transport/request-spec.ts';
import { BUFFERED } from './buffered.ts';
import { expectSuccess } from './failure-reader.ts';

/**
 * Builds a HEAD request.
 *
 * @example
 * ```ts
 * buildHead('/a.txt');
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-9.3.2
 */
export function buildHead(path: string): RequestSpec {
  return { method: 'HEAD', path, headers: {}, response: 'none' };
}

/**
 * Reads a HEAD answer.
 *
 * @example
 * ```ts
 * const { etag, size } = readHead(raw);
 * ```
 */
export function readHead(raw: RawResponse): HeadResult {
  expectSuccess(raw, BUFFERED);
  const {
    etag,
    'content-length': length,
    'content-type': contentType,
    'last-modified': modified,
  } = raw.headers;
  const size = length === undefined ? Number.NaN : Number(length);
  const time = modified === undefined ? Number.NaN : Date.parse(modified);
  return {
    status: raw.status,
    headers: raw.headers,
    ...(etag === undefined ? {} : { etag }),
    ...(Number.isFinite(size) ? { size } : {}),
    ...(contentType === undefined ? {} : { contentType }),
    ...(Number.isNaN(time) ? {} : { lastModified: new Date(time).toISOString() }),
  };
}
