import type { DavClient } from '../client/client.ts';
import { plainHeaders } from '../transport/headers.ts';
import { readBodyChunks, readBodyText } from '../transport/read-body.ts';
import type { CallOptions } from '../transport/request-spec.ts';
import { expectSuccess } from '../verbs/failures.ts';
import { buildPropfind, type PropfindOptions } from '../verbs/propfind.ts';
import type { XmlLimits } from '../xml/well-formed.ts';
import { chunkSource } from './body-source.ts';
import { DecodedStream, type MultiStatusStream } from './decode-stream.ts';

/** Options of {@link streamPropfind}. */
export interface StreamPropfindOptions extends PropfindOptions, CallOptions {
  readonly limits?: XmlLimits;
}

// An error body is read whole to build the same DavHttpError as the client; a sane bound suffices.
const ERROR_BODY_LIMIT = 1024 * 1024;

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
 */
export function streamPropfind(
  client: DavClient,
  path: string,
  options: StreamPropfindOptions = {},
): MultiStatusStream {
  return new DecodedStream(async () => {
    const { response, request } = await client.open(buildPropfind(path, options), options);
    const timeout = options.timeout ?? client.timeout;
    const read = { idleTimeout: timeout, signal: options.signal, method: 'PROPFIND', url: request.url };
    if (!response.ok) {
      const text = await readBodyText(response, { ...read, limit: ERROR_BODY_LIMIT });
      expectSuccess({
        status: response.status,
        statusText: response.statusText,
        headers: plainHeaders(response.headers),
        text,
        request,
      });
    }
    return {
      source: chunkSource(readBodyChunks(response, { ...read, limit: Number.POSITIVE_INFINITY })),
      options: {
        baseUrl: client.baseUrl,
        requestUrl: request.url,
        contentType: response.headers.get('content-type'),
        ...(options.props === 'propname' ? { mode: 'propname' as const } : {}),
        ...(options.limits === undefined ? {} : { limits: options.limits }),
      },
    };
  });
}
