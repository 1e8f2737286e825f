import { checkCount, checkTimeout } from '../checks/arguments.ts';
import type { DownloadOptions } from '../operations/get.ts';
import { BodyTextDecoder } from '../transport/charset.ts';
import type { BodyReadOptions } from '../transport/read-body.ts';
import { readBodyChunks } from '../transport/read-body.ts';
import type { CallOptions } from '../transport/request-spec.ts';

/**
 * Body-reading options for a GET download of `url`, idle timeout defaulting to `defaultTimeout`.
 *
 * @example
 * ```ts
 * downloadReadOptions({ maxSize: 1 << 20 }, 30_000, url); // GET, 1 MiB, 30 s idle
 * ```
 */
export function downloadReadOptions(
  limits: DownloadOptions & CallOptions,
  defaultTimeout: number | false,
  url: string,
): BodyReadOptions {
  checkCount(limits.maxSize, 'maxSize', 0, true);
  checkTimeout(limits.timeout, 'timeout');
  return {
    limit: limits.maxSize ?? Number.POSITIVE_INFINITY,
    limitName: 'maxSize',
    idleTimeout: limits.timeout ?? defaultTimeout,
    signal: limits.signal,
    method: 'GET',
    url,
  };
}

/**
 * Reads a download into one byte array, chunk by chunk.
 *
 * @example
 * ```ts
 * const bytes = await collectBytes(response, downloadReadOptions({}, 30_000, url));
 * ```
 */
export async function collectBytes(response: Response, options: BodyReadOptions): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let length = 0;
  for await (const chunk of readBodyChunks(response, options)) {
    chunks.push(chunk);
    length += chunk.byteLength;
  }
  const bytes = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/**
 * Reads a download as text, decoded with its declared charset (UTF-8 by default).
 *
 * @example
 * ```ts
 * const text = await collectText(response, downloadReadOptions({}, 30_000, url));
 * ```
 */
export async function collectText(response: Response, options: BodyReadOptions): Promise<string> {
  const decoder = new BodyTextDecoder(response.headers.get('content-type'));
  let text = '';
  for await (const chunk of readBodyChunks(response, options)) {
    text += decoder.push(chunk);
  }
  return text + decoder.end();
}
