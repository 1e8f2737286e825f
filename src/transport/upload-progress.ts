import type { Progress } from 'ky';
import { DavUsageError } from '../errors/transport-errors.ts';
import { mergeHeaders } from './headers.ts';
import type { CallOptions, RequestBody, RequestSpec } from './request-spec.ts';
import { isBrowserLike } from './runtime.ts';
import { canSendWithXhr, xhrFetch } from './xhr-send.ts';

const SLICE = 64 * 1024;

/** The bytes of a body known in full, or `undefined` for a stream. */
async function bytesOf(body: RequestBody): Promise<Uint8Array | undefined> {
  if (typeof body === 'string') {
    return new TextEncoder().encode(body);
  }
  if (body instanceof Uint8Array) {
    return body;
  }
  if (body instanceof ArrayBuffer) {
    return new Uint8Array(body);
  }
  if (typeof Blob !== 'undefined' && body instanceof Blob) {
    return new Uint8Array(await body.arrayBuffer());
  }
  return undefined;
}

/**
 * A request body that reports its progress as the transport pulls it, 64 KiB at a time. ky reports
 * progress per body chunk, and a body given whole (bytes, a string) is one chunk: one event at the
 * end. A fresh stream is made for each attempt, so the body stays replayable.
 */
export async function withUploadProgress(
  body: RequestBody,
  onProgress: (progress: Progress, chunk: Uint8Array) => void,
): Promise<RequestBody> {
  const bytes = await bytesOf(body);
  if (bytes === undefined) {
    return body; // already a stream: its own chunks are all there is to report
  }
  const total = bytes.byteLength;
  let sent = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= total) {
        controller.close();
        return;
      }
      const chunk = bytes.subarray(sent, Math.min(sent + SLICE, total));
      sent += chunk.byteLength;
      controller.enqueue(chunk);
      onProgress(
        { percent: total === 0 ? 1 : sent / total, totalBytes: total, transferredBytes: sent },
        chunk,
      );
    },
  });
}

/** Whether a stream has nothing left but empty chunks. */
async function endsHere(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<boolean> {
  for (;;) {
    const { done, value } = await reader.read();
    if (done) {
      return true;
    }
    if (value.byteLength > 0) {
      return false;
    }
  }
}

/** A stream body as sent, and why davkit stopped it, if it did. */
export interface CountedBody {
  readonly body: ReadableStream<Uint8Array>;
  /** The `DavUsageError` that stopped the body (it did not have its declared length), if any. */
  refusal(): Error | undefined;
}

function lengthMismatch(sent: number, declared: number, ended: boolean): DavUsageError {
  return new DavUsageError(
    ended
      ? `the body stream ended after ${sent} bytes, but its contentLength is ${declared}: nothing more was sent`
      : `the body stream gave more than its contentLength of ${declared} bytes: the upload stopped there`,
  );
}

/**
 * A stream body counted as the transport pulls it: progress reported per chunk (`totalBytes` is the
 * declared length, or 0), and a body that is longer or shorter than its declared `Content-Length`
 * stopped with a `DavUsageError` before a wrong byte goes out. Runtimes disagree here (Node and Bun
 * refuse a mismatch, Deno drops the header and sends whatever comes), so davkit checks itself.
 */
export function countedStream(
  source: ReadableStream<Uint8Array>,
  declared: number | undefined,
  onProgress: ((progress: Progress, chunk: Uint8Array) => void) | undefined,
): CountedBody {
  const reader = source.getReader();
  let sent = 0;
  let refused: Error | undefined;
  const refuse = (controller: ReadableStreamDefaultController<Uint8Array>, error: Error) => {
    refused = error;
    controller.error(error);
    reader.cancel(error).catch(() => undefined);
  };
  const report = (chunk: Uint8Array) => {
    sent += chunk.byteLength;
    const total = declared ?? 0;
    onProgress?.(
      { percent: total === 0 ? 0 : sent / total, totalBytes: total, transferredBytes: sent },
      chunk,
    );
  };
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { done, value } = await reader.read();
      if (done) {
        if (declared !== undefined && sent !== declared) {
          refuse(controller, lengthMismatch(sent, declared, true));
          return;
        }
        if (declared === undefined) {
          onProgress?.({ percent: 1, totalBytes: sent, transferredBytes: sent }, new Uint8Array(0));
        }
        controller.close();
        return;
      }
      const reaches = declared !== undefined && sent + value.byteLength >= declared;
      // The last declared byte goes out only once the source is known to end there: a server that
      // got them all would store a body cut short.
      if (reaches && (sent + value.byteLength > declared || !(await endsHere(reader)))) {
        refuse(controller, lengthMismatch(sent, declared, false));
        return;
      }
      controller.enqueue(value);
      report(value);
      if (reaches) {
        controller.close();
      }
    },
    cancel: (reason) => reader.cancel(reason),
  });
  return { body, refusal: () => refused };
}

/**
 * The body for one attempt. Upload progress is reported by davkit's own streaming body where request
 * streams work (Node and other server runtimes); a stream body is counted there too, and stopped if
 * it is not as long as its declared `Content-Length` (see {@link countedStream}). Browsers only stream
 * request bodies over HTTP/2 (Chromium refuses them on HTTP/1.1), so there the body is sent as it is.
 *
 * @example
 * ```ts
 * const { body, refusal } = await bodyForAttempt(spec, { onUploadProgress });
 * ```
 */
export async function bodyForAttempt(
  spec: RequestSpec,
  call: CallOptions & { readonly onUploadProgress?: (progress: Progress) => void },
): Promise<{ readonly body: RequestBody | undefined; readonly refusal?: CountedBody['refusal'] }> {
  const { body } = spec;
  const onProgress = call.onUploadProgress;
  if (body === undefined || isBrowserLike) {
    return { body };
  }
  if (typeof ReadableStream !== 'undefined' && body instanceof ReadableStream) {
    const declared = mergeHeaders(spec.headers, call.headers)['content-length'];
    if (declared === undefined && onProgress === undefined) {
      return { body };
    }
    const length = Number(declared);
    return countedStream(body, Number.isSafeInteger(length) && length >= 0 ? length : undefined, onProgress);
  }
  return { body: onProgress === undefined ? body : await withUploadProgress(body, onProgress) };
}

/**
 * The `fetch` ky should use for one attempt: in a browser, a body given whole whose upload progress
 * was asked for goes through `XMLHttpRequest` (the only browser API with upload events); everything
 * else through the client's `fetch`.
 *
 * @example
 * ```ts
 * ky(url, { method: 'PUT', body, ...uploadProgressFetch(body, onUploadProgress) });
 * ```
 */
export function uploadProgressFetch(
  body: RequestBody | undefined,
  onProgress: ((progress: Progress) => void) | undefined,
): { readonly fetch?: typeof fetch } {
  const whole =
    body !== undefined && !(typeof ReadableStream !== 'undefined' && body instanceof ReadableStream);
  if (!isBrowserLike || onProgress === undefined || !whole || !canSendWithXhr()) {
    return {};
  }
  return { fetch: xhrFetch(onProgress) };
}
