import {
  DavAbortError,
  DavBodyTooLargeError,
  DavNetworkError,
  DavTimeoutError,
} from '../errors/transport-errors.ts';
import type { BodyLimitName } from '../model/body-limit.ts';
import { safeCause } from '../utils/redact.ts';
import { decodeWhole } from './charset.ts';
import { type Exchange, type RawResponse, toRawResponse } from './raw-response.ts';
import type { Redactor } from './redactor.ts';

/** Limits applied while a body is read. */
export interface BodyReadOptions {
  /** Most bytes accepted; the download stops as soon as it is exceeded. */
  readonly limit: number;
  /**
   * What to do at the limit: `'fail'` (default) throws `DavBodyTooLargeError`; `'truncate'` keeps the
   * first `limit` bytes and drops the rest (failure bodies: the status is what matters).
   */
  readonly overLimit?: 'fail' | 'truncate';
  /** Called when `overLimit: 'truncate'` dropped the rest of the body. */
  readonly onTruncated?: () => void;
  /** Replaces the secrets the request carried, in every byte read (see `Redactor`). */
  readonly redactor?: Redactor | undefined;
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
 * fails before the first byte), the idle timeout between chunks, and the caller's abort signal. With
 * a `redactor`, every byte goes through it: the one place where a body's secrets are replaced.
 */
export async function* readBodyChunks(
  response: Response,
  options: BodyReadOptions,
): AsyncGenerator<Uint8Array> {
  const redaction = options.redactor?.bodyRedaction();
  if (redaction === undefined) {
    yield* limitedChunks(response, options);
    return;
  }
  for await (const chunk of limitedChunks(response, options)) {
    const released = redaction.push(chunk);
    if (released.byteLength > 0) {
      yield released;
    }
  }
  const rest = redaction.end();
  if (rest.byteLength > 0) {
    yield rest;
  }
}

async function* limitedChunks(response: Response, options: BodyReadOptions): AsyncGenerator<Uint8Array> {
  const truncate = options.overLimit === 'truncate';
  const declared = Number(response.headers.get('content-length'));
  if (!truncate && Number.isFinite(declared) && declared > options.limit) {
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
        if (!truncate) {
          throw tooLarge(options);
        }
        options.onTruncated?.();
        yield chunk.value.subarray(0, chunk.value.byteLength - (received - options.limit));
        return;
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
 * Reads a whole body as text, decoded with the charset the response declares (see `chooseDecoder`),
 * within the limits of {@link BodyReadOptions}, secrets replaced when a `redactor` is given.
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
  return decodeWhole(response.headers.get('content-type'), chunks);
}

/**
 * The most bytes of a failure body read (1 MiB, or `maxBodySize` when smaller). A failure is told by
 * its status: its body only adds detail (a `DAV:error`, Apache's multistatus of locked members, an
 * HTML page), so a 2 MB error page is cut short instead of hiding the status behind
 * `DavBodyTooLargeError`.
 *
 * @example
 * ```ts
 * readFailureText(response, { limit: FAILURE_BODY_LIMIT, … });
 * ```
 */
export const FAILURE_BODY_LIMIT: number = 1024 * 1024;

/** A failure body's text, at most `limit` bytes, and whether more was dropped. */
export interface FailureText {
  readonly text: string;
  readonly truncated: boolean;
}

/**
 * Reads the body of a failed (non-2xx) response: at most `min(limit, FAILURE_BODY_LIMIT)` bytes,
 * the rest dropped (never `DavBodyTooLargeError`), secrets replaced.
 *
 * @example
 * ```ts
 * const { text, truncated } = await readFailureText(response, { limit: maxBodySize, idleTimeout, method, url, redactor });
 * ```
 */
export async function readFailureText(response: Response, options: BodyReadOptions): Promise<FailureText> {
  let truncated = false;
  const text = await readBodyText(response, {
    ...options,
    limit: Math.min(options.limit, FAILURE_BODY_LIMIT),
    overLimit: 'truncate',
    onTruncated: () => {
      truncated = true;
    },
  });
  return { text, truncated };
}

/** Limits for reading a failed answer: the client's. */
export type FailureReadLimits = Pick<BodyReadOptions, 'limit' | 'idleTimeout' | 'signal'>;

/**
 * A failed (non-2xx) answer as plain data: its body read by {@link readFailureText} through the
 * exchange's redactor. Every reader of a failure (verbs, downloads, `davkit/stream`) goes through it,
 * so each builds the same `DavHttpError`.
 *
 * @example
 * ```ts
 * if (!exchange.response.ok) throw httpError(await readFailedAnswer(exchange, { limit, idleTimeout }));
 * ```
 */
export async function readFailedAnswer(exchange: Exchange, limits: FailureReadLimits): Promise<RawResponse> {
  const failure = await readFailureText(exchange.response, {
    ...limits,
    method: exchange.request.method,
    url: exchange.request.url,
    redactor: exchange.redactor,
  });
  return toRawResponse(exchange, failure.text, failure.truncated);
}
