import { DavUsageError } from '../errors/transport-errors.ts';

/**
 * Refuses what is not a body: `undefined` or `null` would send an empty PUT (truncating the file to
 * 0 bytes), a plain object would upload `"[object Object]"`.
 *
 * @example
 * ```ts
 * checkBody(undefined, 'PUT'); // throws DavUsageError
 * ```
 */
export function checkBody(body: unknown, method: string): void {
  const ok =
    typeof body === 'string' ||
    body instanceof ArrayBuffer ||
    ArrayBuffer.isView(body) ||
    (typeof Blob !== 'undefined' && body instanceof Blob) ||
    (typeof ReadableStream !== 'undefined' && body instanceof ReadableStream);
  if (!ok) {
    const got = body === null ? 'null' : typeof body === 'object' ? 'a plain object' : typeof body;
    throw new DavUsageError(
      `a ${method} body must be a string, bytes (Uint8Array, ArrayBuffer), a Blob or a ReadableStream; got ${got}.` +
        (method === 'PUT' ? ' To write an empty file, pass an empty string.' : ''),
    );
  }
}
