import { BodyTextDecoder } from '../transport/charset.ts';
import { readBodyChunks } from '../transport/read-body.ts';
import type { Transport } from '../transport/transport.ts';

/** Limits for reading a download fully into memory. */
export interface DownloadLimits {
  /** Largest body accepted, in bytes. Default: no limit (the caller asked for the whole file). */
  readonly maxSize?: number;
  readonly signal?: AbortSignal;
  readonly timeout?: number | false;
}

function readOptions(
  transport: Transport,
  response: Response,
  limits: DownloadLimits,
  method: string,
  url: string,
) {
  return {
    limit: limits.maxSize ?? Number.POSITIVE_INFINITY,
    idleTimeout: limits.timeout ?? transport.config.timeout,
    signal: limits.signal,
    method,
    url,
  };
}

/** Reads a download into one byte array, chunk by chunk. */
export async function collectBytes(
  transport: Transport,
  response: Response,
  limits: DownloadLimits,
  url: string,
): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let length = 0;
  for await (const chunk of readBodyChunks(response, readOptions(transport, limits, 'GET', url))) {
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

/** Reads a download as text, decoded with its declared charset (UTF-8 by default). */
export async function collectText(
  transport: Transport,
  response: Response,
  limits: DownloadLimits,
  url: string,
): Promise<string> {
  const decoder = new BodyTextDecoder(response.headers.get('content-type'));
  let text = '';
  for await (const chunk of readBodyChunks(response, readOptions(transport, limits, 'GET', url))) {
    text += decoder.push(chunk);
  }
  return text + decoder.end();
}
