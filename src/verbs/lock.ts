import { DavParseError } from '../errors/dav-parse-error.ts';
import { parseLockTokenHeader } from '../locks/if-header.ts';
import { decodeLockDiscovery } from '../multistatus/props/locks.ts';
import type { ActiveLock } from '../multistatus/types.ts';
import type { RawResponse } from '../transport/raw-response.ts';
import type { RequestSpec } from '../transport/request-spec.ts';
import { type LockInfo, lockInfoBody } from '../xml/bodies/lockinfo.ts';
import { davName } from '../xml/names.ts';
import { parseXmlTree } from '../xml/parse-tree.ts';
import { childNamed } from '../xml/xml-element.ts';
import { xmlHeaders } from './common.ts';
import { expectWriteSuccess } from './failures.ts';

/** How long a lock should last: seconds, or `'infinite'` (servers may grant less). */
export type LockTimeout = number | 'infinite';

/** Options of a new LOCK. */
export interface LockOptions extends LockInfo {
  /** Default `'infinity'` (the RFC's default): a collection lock covers every member. */
  readonly depth?: 0 | 'infinity';
  readonly timeout?: LockTimeout;
}

/**
 * The `Timeout` request header. @see https://www.rfc-editor.org/rfc/rfc4918#section-10.7
 *
 * @example
 * ```ts
 * timeoutHeader(600);        // { timeout: 'Second-600' }
 * timeoutHeader('infinite'); // { timeout: 'Infinite, Second-4100000000' }
 * ```
 */
export function timeoutHeader(timeout: LockTimeout | undefined): Record<string, string> {
  if (timeout === undefined) {
    return {};
  }
  return {
    timeout:
      timeout === 'infinite' ? 'Infinite, Second-4100000000' : `Second-${Math.max(1, Math.round(timeout))}`,
  };
}

/**
 * Builds a LOCK request that creates a write lock.
 *
 * @example
 * ```ts
 * buildLock('/a.txt', { scope: 'exclusive', timeout: 600, owner: 'mailto:alice@example.com' });
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc4918#section-9.10
 */
export function buildLock(path: string, options: LockOptions = {}): RequestSpec {
  return {
    method: 'LOCK',
    path,
    headers: xmlHeaders({ depth: String(options.depth ?? 'infinity'), ...timeoutHeader(options.timeout) }),
    body: lockInfoBody(options),
    response: 'text',
  };
}

/**
 * Reads a LOCK answer (new or refreshed lock): the `DAV:activelock` whose token the server returned in
 * `Lock-Token` (or, for a refresh, the one matching `token`), from the `DAV:lockdiscovery` in the body.
 *
 * @throws {DavHttpError} (423 + `no-conflicting-lock`), {MultiStatusError} (Apache's 207 when a member
 *   is already locked: the member 423, the collection 424)
 * @example
 * ```ts
 * const lock = readLock(raw); // { token, scope, depth, timeout, root, … }
 * ```
 */
export function readLock(raw: RawResponse, token?: string): ActiveLock {
  expectWriteSuccess(raw);
  const wanted = parseLockTokenHeader(raw.headers['lock-token']) ?? token;
  const locks = raw.text.trim() === '' ? [] : lockDiscovery(raw);
  const lock = locks.find((each) => each.token === wanted) ?? (wanted === undefined ? locks[0] : undefined);
  if (lock !== undefined) {
    return lock.token === undefined && wanted !== undefined ? { ...lock, token: wanted } : lock;
  }
  if (wanted === undefined) {
    throw new DavParseError('The LOCK answer carries neither a Lock-Token header nor a lock in its body');
  }
  // A server that sent no usable body: what is known comes from the request and the header.
  return { scope: 'exclusive', type: 'write', depth: 'infinity', token: wanted, root: raw.request.path };
}

function lockDiscovery(raw: RawResponse): ActiveLock[] {
  const root = parseXmlTree(raw.text);
  const discovery = root.name === davName('prop') ? childNamed(root, davName('lockdiscovery')) : undefined;
  if (discovery === undefined) {
    throw new DavParseError(`The LOCK answer's body is ${root.name}, not DAV:prop with DAV:lockdiscovery`);
  }
  return decodeLockDiscovery(discovery, { base: raw.request.baseUrl });
}
