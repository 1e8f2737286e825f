import {
  type BodyLimitName,
  DavAbortError,
  DavBodyTooLargeError,
  DavNetworkError,
  DavTimeoutError,
} from '../errors/transport-errors.ts';
import { safeCause } from '../utils/redact.ts';
import { decodeWhole } from './charset.ts';
import { withoutSentSecrets } from './sent-secrets.ts';

/** Limits applied while a body is read. */
export interface BodyReadOptions {
  /** Most bytes accepted; the download stops as soon as it is exceeded. */
  readonly limit: number;
  /** The option that sets `limit`, named in the error (default `maxBodySize`). */
  readonly limitName?: BodyLimitName;
  /** Longest wait for the next chunk, in ms (`false`: no limit). A body that keeps flowing is never cut off. */
  readonly idleTimeout: number | false;
  readonly signal?: AbortSignal | undefined;
  /** For error messages. */
  readonly method: string;
  readonly url: string;
}

/**
 * 64 MiB: far above any sane XML answer, far below what would hurt a browser tab.
 *
 * @example
 * ```ts
 * createClient({ baseUrl, maxBodySize: DEFAULT_MAX_BODY_SIZE / 4 });
 * ```
 */
export const DEFAULT_MAX_BODY_SIZE: number = 64 * 1024 * 1024;

/**
 * Reads a body chunk by chunk, enforcing the size limit while reading (a `Content-Length` above it
 * fails before the first byte), the idle timeout between chunks, and the caller's abort signal.
 */
export async function* readBodyChunks(
  response: Response,
  options: BodyReadOptions,
): AsyncGenerator<Uint8Array> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > options.limit) {
    await response.body?.cancel().catch(() => undefined);
    throw tooLarge(options);
  }
  if (response.body === null) {
    return;
  }
  const reader = response.body.getReader();
  let received = 0;
  let done = false;
  try {
    for (;;) {
      const chunk = await nextChunk(reader, options);
      if (chunk.done) {
        done = true;
        return;
      }
      received += chunk.value.byteLength;
      if (received > options.limit) {
        throw tooLarge(options);
      }
      yield chunk.value;
    }
  } finally {
    if (!done) {
      await reader.cancel().catch(() => undefined);
    }
    reader.releaseLock();
  }
}

function tooLarge(options: BodyReadOptions): DavBodyTooLargeError {
  const { method, url, limit, limitName } = options;
  return new DavBodyTooLargeError({ method, url, limit, ...(limitName === undefined ? {} : { limitName }) });
}

/** One `read()`, raced against the idle timeout and the abort signal; failures become davkit errors. */
function nextChunk(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  options: BodyReadOptions,
): Promise<ReadableStreamReadResult<Uint8Array>> {
  const context = { method: options.method, url: options.url };
  if (options.signal?.aborted) {
    return Promise.reject(new DavAbortError(context));
  }
  return new Promise((resolve, reject) => {
    const timer =
      options.idleTimeout === false
        ? undefined
        : setTimeout(
            () => reject(new DavTimeoutError({ ...context, timeout: options.idleTimeout as number })),
            options.idleTimeout,
          );
    const onAbort = () => reject(new DavAbortError(context));
    options.signal?.addEventListener('abort', onAbort, { once: true });
    reader.read().then(
      (result) => {
        clearTimeout(timer);
        options.signal?.removeEventListener('abort', onAbort);
        resolve(result);
      },
      (error: unknown) => {
        const cause = safeCause(error);
        clearTimeout(timer);
        options.signal?.removeEventListener('abort', onAbort);
        reject(
          options.signal?.aborted
            ? new DavAbortError({ ...context, cause })
            : new DavNetworkError({
                ...context,
                cause,
                detail: 'the connection broke while the body was read',
              }),
        );
      },
    );
  });
}

/**
 * Reads a whole body as text, decoding it with the charset the response declares (see
 * `chooseDecoder`), within the limits of {@link BodyReadOptions}. The body of a failed response
 * (not 2xx) comes back without the credentials that were sent for it (see `sent-secrets.ts`).
 *
 * @example
 * ```ts
 * const text = await readBodyText(response, { limit: 1 << 20, idleTimeout: 30_000, method: 'PROPFIND', url });
 * ```
 */
export async function readBodyText(response: Response, options: BodyReadOptions): Promise<string> {
  // The whole body is wanted: gather the bytes and decode once, with a shared decoder for the usual
  // UTF-8 (building a TextDecoder per response is a measurable cost for many small answers).
  const chunks: Uint8Array[] = [];
  for await (const chunk of readBodyChunks(response, options)) {
    chunks.push(chunk);
  }
  const text = decodeWhole(response.headers.get('content-type'), chunks);
  // An error body may echo the request (debug pages): it must not carry our credentials into errors.
  return response.ok ? text : withoutSentSecrets(response, text);
}
