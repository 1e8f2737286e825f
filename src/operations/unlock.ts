import { checkLockToken, checkOptionsObject } from '../checks/arguments.ts';
import { buildIfHeader, codedUrl } from '../locks/if-header.ts';
import type { RawResponse } from '../transport/raw-response.ts';
import type { RequestSpec } from '../transport/request-spec.ts';
import { BUFFERED } from './buffered.ts';
import { expectWriteSuccess } from './failure-reader.ts';
import { checkLockLife, type LockTimeout, timeoutHeader } from './lock.ts';

/**
 * Options of a LOCK refresh: the lock's new life, as for a new LOCK, and the `If` form.
 *
 * @group Client
 */
export interface RefreshLockOptions {
  /** How long the lock lasts from now: whole seconds, or `'infinite'`. */
  readonly lockTimeout?: LockTimeout;
  /**
   * Send the token in an untagged `If: (<token>)` instead of the tagged `If: <url> (<token>)`. Only for
   * servers that refuse the tagged form (the client switches by itself after their 400): webdav-server
   * crashes on any untagged `If`, and Apache applies one to the parent too.
   */
  readonly untagged?: boolean;
}

/**
 * Builds a LOCK refresh: no body, the lock's token in a tagged `If` header (untagged on request).
 * `resourceUrl` is the absolute URL of the locked resource (the Resource-Tag).
 *
 * @example
 * ```ts
 * buildRefreshLock('/a.txt', 'https://host/dav/a.txt', 'opaquelocktoken:1234', { lockTimeout: 600 });
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc4918#section-9.10.2
 */
export function buildRefreshLock(
  path: string,
  resourceUrl: string,
  token: string,
  options: RefreshLockOptions = {},
): RequestSpec {
  checkLockToken(token);
  checkOptionsObject(options, 'refreshLock');
  checkLockLife(options, 'refreshLock');
  const { lockTimeout, untagged } = options;
  return {
    method: 'LOCK',
    path,
    headers: {
      if:
        untagged === true
          ? `(${codedUrl(token)})`
          : buildIfHeader([{ resource: resourceUrl, lists: [[{ token }]] }]),
      ...timeoutHeader(lockTimeout),
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
  expectWriteSuccess(raw, BUFFERED);
}
