import type { DavMethod } from '../model/methods.ts';

/**
 * A request body davkit can send. Streams cannot be replayed (after a 401 challenge or a redirect).
 *
 * @group Client
 */
export type RequestBody = string | Uint8Array | ArrayBuffer | Blob | ReadableStream<Uint8Array>;

/** How the transport should treat the response body. */
export type ResponseMode =
  /** Read it as text (bounded by `maxBodySize`): XML answers. */
  | 'text'
  /** Hand the `Response` over unread: downloads. */
  | 'stream'
  /** Drop it; only the status and headers matter. */
  | 'none';

/**
 * A request as plain data, built by a verb's pure `build<Verb>()` function and sent by the transport.
 * Batches keep these to resubmit them; nothing here is bound to a connection.
 *
 * @group Low level
 */
export interface RequestSpec {
  /** A {@link DavMethod} for every verb; any token method for `dav.request()`. */
  readonly method: DavMethod | (string & {});
  /** Path relative to the client's base URL (decoded, e.g. `/reports/q4 2026.csv`), or an absolute URL. */
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: RequestBody;
  /** COPY/MOVE target, like `path`; sent as an absolute `Destination` URL. */
  readonly destination?: string;
  readonly response: ResponseMode;
}

/**
 * Options every call accepts.
 *
 * @group Client
 */
export interface CallOptions {
  /** Aborts the request (and the body download). */
  readonly signal?: AbortSignal;
  /** Extra headers for this call (names are case-insensitive). */
  readonly headers?: Readonly<Record<string, string>>;
  /** Milliseconds to wait for the response, and between body chunks; `false` waits forever. */
  readonly timeout?: number | false;
}
