import type { Progress } from 'ky';
import type { RequestBody } from './request-spec.ts';

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
