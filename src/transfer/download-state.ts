import { DavUsageError } from '../errors/transport-errors.ts';
import type { DownloadState } from './download-types.ts';

/**
 * Checks that a value is a {@link DownloadState} davkit wrote, for this file: anything else is refused
 * with `DavUsageError` rather than trusted.
 *
 * @example
 * ```ts
 * checkDownloadState(JSON.parse(saved), dav.url('/big.iso'));
 * ```
 */
export function checkDownloadState(value: unknown, source: string): asserts value is DownloadState {
  const state = value as Partial<DownloadState> | null;
  const ok =
    typeof state === 'object' &&
    state !== null &&
    state.kind === 'davkit-download' &&
    state.version === 1 &&
    typeof state.source === 'string' &&
    Number.isSafeInteger(state.received) &&
    (state.received as number) >= 0 &&
    (state.etag === undefined || typeof state.etag === 'string') &&
    (state.size === undefined || Number.isSafeInteger(state.size));
  if (!ok) {
    throw new DavUsageError(
      'resume must be the `state` of an earlier download (kind "davkit-download", version 1)',
    );
  }
  if (state.source !== source) {
    throw new DavUsageError(`this state is the download of ${state.source}, not of ${source}`);
  }
}

/** A `Content-Range: bytes first-last/total` header, read (`total` undefined for `*`). */
export interface ContentRange {
  readonly start: number;
  readonly end: number;
  readonly total: number | undefined;
}

/**
 * Reads a `Content-Range` header of a 206 answer.
 *
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-14.4
 * @example
 * ```ts
 * parseContentRange('bytes 100-199/1000'); // { start: 100, end: 199, total: 1000 }
 * ```
 */
export function parseContentRange(header: string | null): ContentRange | undefined {
  const match = /^\s*bytes\s+(\d+)-(\d+)\/(\d+|\*)\s*$/i.exec(header ?? '');
  if (match === null) {
    return undefined;
  }
  const total = match[3] === '*' ? undefined : Number(match[3]);
  return { start: Number(match[1]), end: Number(match[2]), total };
}

/**
 * The headers that ask for the rest of a download: `Range` from the bytes received, and `If-Range` on
 * its ETag when that is strong (RFC 9110 §13.1.5 allows no weak one): a changed file then comes whole.
 * `Accept-Encoding: identity`, so that sizes and ranges count the file's own bytes.
 *
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-13.1.5
 * @example
 * ```ts
 * resumeHeaders({ …state, received: 100, etag: '"v1"' }); // { range: 'bytes=100-', 'if-range': '"v1"', … }
 * ```
 */
export function resumeHeaders(state: DownloadState): Record<string, string> {
  const headers: Record<string, string> = { 'accept-encoding': 'identity' };
  if (state.received === 0) {
    return headers;
  }
  headers.range = `bytes=${state.received}-`;
  if (state.etag !== undefined && !state.etag.startsWith('W/')) {
    headers['if-range'] = state.etag;
  }
  return headers;
}

/**
 * The state of a download from the answer that starts it: the version (ETag, Last-Modified) and the
 * size it announces (a compressed body's length is not the file's, so none then).
 *
 * @example
 * ```ts
 * stateOf(url, response, 0); // { kind: 'davkit-download', etag: '"v1"', size: 1000, received: 0, … }
 * ```
 */
export function stateOf(source: string, response: Response, received: number): DownloadState {
  const etag = response.headers.get('etag') ?? undefined;
  const lastModified = response.headers.get('last-modified') ?? undefined;
  const encoded = (response.headers.get('content-encoding') ?? 'identity') !== 'identity';
  const length = response.headers.get('content-length');
  const range =
    response.status === 206 ? parseContentRange(response.headers.get('content-range')) : undefined;
  const size = encoded
    ? undefined
    : response.status === 206
      ? range?.total
      : length === null
        ? undefined
        : Number(length);
  return {
    kind: 'davkit-download',
    version: 1,
    source,
    ...(etag === undefined ? {} : { etag }),
    ...(lastModified === undefined ? {} : { lastModified }),
    ...(size === undefined || !Number.isSafeInteger(size) ? {} : { size }),
    received,
  };
}
