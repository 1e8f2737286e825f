import { DavAbortError } from '../errors/transport-errors.ts';
import type { MultiStatus } from '../model/multistatus.ts';
import { BUFFERED } from '../operations/buffered.ts';
import { decodeOptionsFor, expectSuccess, httpError } from '../operations/failure-reader.ts';
import type { Operation } from '../operations/operation.ts';
import { buildPropfind, type PropfindOptions } from '../operations/propfind.ts';
import type { Session } from '../session/session.ts';
import type { Exchange, RawResponse } from '../transport/raw-response.ts';
import { readBodyChunks } from '../transport/read-body.ts';
import type { CallOptions } from '../transport/request-spec.ts';
import type { XmlLimits } from '../xml/limits.ts';
import { chunkSource } from './body-source.ts';
import { DecodedStream, type MultiStatusStream, type StreamOpener } from './decode-stream.ts';

/**
 * Options of {@link streamPropfind}.
 *
 * @group Client
 */
export interface StreamPropfindOptions extends PropfindOptions, CallOptions {
  /** What the decode holds at once (default: the client's `limits`; see `XmlLimits`). */
  readonly limits?: XmlLimits;
}

/**
 * Sends a PROPFIND through a client (its base URL, auth, headers, retries, timeouts) and yields each
 * response while the body is still arriving. A non-2xx answer throws the same `DavHttpError` as
 * `client.propfind()`. Breaking out of the loop or aborting `signal` cancels the HTTP body; the
 * timeout applies to the wait for the answer and between chunks, never to a body that keeps flowing.
 *
 * @example
 * ```ts
 * import { createClient } from 'davkit';
 * import { streamPropfind } from 'davkit/stream';
 *
 * const dav = createClient({ baseUrl: 'https://cloud.example.com/remote.php/dav/files/alice/' });
 * for await (const response of streamPropfind(dav, '/big/', { depth: 1, props: ['{DAV:}getetag'] })) {
 *   console.log(response.path);
 * }
 * ```
 *
 * @group Client
 */
export function streamPropfind(
  client: Session,
  path: string,
  options: StreamPropfindOptions = {},
): MultiStatusStream {
  return new DecodedStream(() => openPropfind(client, path, options));
}

/**
 * The streamed PROPFIND as an operation: a 2xx answer is handed over unread, any other is read as the
 * client reads it (the same `DavHttpError`). `retryAfterFix()` on that error sends the PROPFIND again
 * read whole: `operations.propfind` with this entry's decoders (importing `operations` would pull
 * every verb, and the buffered XML parser, into this entry).
 */
function streamedPropfind(path: string, options: PropfindOptions): Operation<Exchange> {
  const spec = buildPropfind(path, options);
  return {
    spec: { ...spec, response: 'stream' },
    takeUnread: (exchange) => exchange,
    // Reached only for an answer that is not 2xx: a 2xx one is taken unread.
    read: (raw) => {
      throw httpError(raw, BUFFERED);
    },
    resend: { spec, read: (raw) => readStreamedPropfind(raw, options) },
  };
}

/** Sends the PROPFIND; a non-2xx answer throws the client's DavHttpError, a 2xx one is streamed. */
async function openPropfind(
  client: Session,
  path: string,
  options: StreamPropfindOptions,
): ReturnType<StreamOpener> {
  const exchange = await client.run(streamedPropfind(path, options), options);
  const { response, request } = exchange;
  const timeout = options.timeout ?? client.timeout;
  const read = { idleTimeout: timeout, signal: options.signal, method: 'PROPFIND', url: request.url };
  const { signal } = options;
  const { limits, maxBodySize } = client.incrementalLimits;
  // Through the exchange's redactor, like every body the client reads: an echoed credential never
  // reaches a decoded response or a DavParseError snippet.
  const redactor = exchange.redactor;
  return {
    // The client's maxBodySize applies when the user set it (see ClientOptions.maxBodySize).
    source: chunkSource(readBodyChunks(response, { ...read, limit: maxBodySize, redactor })),
    options: {
      baseUrl: client.baseUrl,
      requestUrl: request.url,
      contentType: response.headers.get('content-type'),
      ...(options.props === 'propname' ? { mode: 'propname' as const } : {}),
      limits: options.limits ?? limits,
      ...(options.strict === true ? { strict: true } : {}),
    },
    request: { method: 'PROPFIND', url: request.url },
    // Once aborted, not one more response: even those already decoded stay unyielded.
    interrupted: () =>
      signal?.aborted ? new DavAbortError({ method: 'PROPFIND', url: request.url }) : undefined,
  };
}

/** `readPropfind` with this entry's decoders, for a replay by `retryAfterFix()`. */
function readStreamedPropfind(raw: RawResponse, options: PropfindOptions): MultiStatus {
  expectSuccess(raw, BUFFERED);
  return BUFFERED.multistatus(raw.text, {
    ...decodeOptionsFor(raw),
    ...(options.props === 'propname' ? { mode: 'propname' as const } : {}),
    ...(options.strict === true ? { strict: true } : {}),
  });
}
