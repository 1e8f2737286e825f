import type { Operation } from '../operations/operation.ts';
import { operations } from '../operations/operations.ts';
import { SABRE_PATCH_TYPE } from '../probe/advertised.ts';
import type { PartialUpdateMethod } from '../probe/types.ts';

/**
 * A ranged write of `bytes` at `start` into a file of `total` bytes: `PUT` with `Content-Range`
 * (RFC 9110 §14.4 lets a server refuse or ignore it, hence the verification) or SabreDAV's `PATCH`
 * with `X-Update-Range`.
 *
 * @example
 * ```ts
 * rangedWrite('content-range', '/a.part', 0, 4, 10); // PUT, Content-Range: bytes 0-3/10
 * ```
 */
export function rangedWrite(
  method: PartialUpdateMethod,
  path: string,
  start: number,
  end: number,
  total: number,
): Operation<unknown> {
  const put = operations.put(path, new Uint8Array(0), { contentType: 'application/octet-stream' });
  if (method === 'content-range') {
    const headers = { ...put.spec.headers, 'content-range': `bytes ${start}-${end - 1}/${total}` };
    return { ...put, spec: { ...put.spec, headers } };
  }
  return {
    ...put,
    spec: {
      ...put.spec,
      method: 'PATCH',
      headers: { 'content-type': SABRE_PATCH_TYPE, 'x-update-range': `bytes=${start}-${end - 1}` },
    },
  };
}
