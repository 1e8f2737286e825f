import { buildIfHeader, codedUrl } from '../locks/if-header.ts';
import type { RawResponse } from '../transport/raw-response.ts';
import type { RequestSpec } from '../transport/request-spec.ts';
import { checkLockToken } from '../utils/arguments.ts';
import { expectWriteSuccess } from './failures.ts';
import { type LockTimeout, timeoutHeader } from './lock.ts';

/**
 * Builds a LOCK refresh: no body, the lock's token in a tagged `If` header.
 * `resourceUrl` is the absolute URL of the locked resource (the Resource-Tag).
 *
 * @example
 * ```ts
 * buildRefreshLock('/a.txt', 'https://host/dav/a.txt', 'opaquelocktoken:1234', 600);
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc4918#section-9.10.2
 */
export function buildRefreshLock(
  path: string,
  resourceUrl: string,
  token: string,
  timeout?: LockTimeout,
): RequestSpec {
  checkLockToken(token);
  return {
    method: 'LOCK',
    path,
    headers: {
      if: buildIfHeader([{ resource: resourceUrl, lists: [[{ token }]] }]),
      ...timeoutHeader(timeout),
    },
    response: 'text',
  };
}

/**
 * Builds an UNLOCK request with the token as a Coded-URL in `Lock-Token`.
 *
 * @example
 * ```ts
 * buildUnlock('/a.txt', 'opaquelocktoken:1234'); // Lock-Token: <opaquelocktoken:1234>
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc4918#section-9.11
 */
export function buildUnlock(path: string, token: string): RequestSpec {
  checkLockToken(token);
  return { method: 'UNLOCK', path, headers: { 'lock-token': codedUrl(token) }, response: 'text' };
}

/**
 * Reads an UNLOCK answer (204).
 *
 * @throws {DavHttpError} (409 + `lock-token-matches-request-uri`; Apache: 400)
 * @example
 * ```ts
 * readUnlock(raw);
 * ```
 */
export function readUnlock(raw: RawResponse): void {
  expectWriteSuccess(raw);
}
