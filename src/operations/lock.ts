import { DavParseError } from '../errors/dav-parse-error.ts';
import { DavUsageError } from '../errors/transport-errors.ts';
import { parseLockTokenHeader } from '../locks/if-header.ts';
import type { DecodeWarning } from '../model/decode-warning.ts';
import type { ActiveLock } from '../model/multistatus.ts';
import { davName } from '../model/names.ts';
import type { XmlElement } from '../model/xml-element.ts';
import { childNamed } from '../model/xml-element.ts';
import { decodeLockDiscovery, parseTimeout } from '../multistatus/props/locks.ts';
import type { RawResponse } from '../transport/raw-response.ts';
import type { RequestSpec } from '../transport/request-spec.ts';
import { lockInfoBody } from '../xml/bodies/lockinfo.ts';
import { BUFFERED, readXmlDocument } from './buffered.ts';
import { xmlHeaders } from './common.ts';
import { expectWriteSuccess } from './failure-reader.ts';

/**
 * How long a lock should last: whole seconds (1 to 2^32 − 1, RFC 4918's limit), or `'infinite'`
 * (servers may grant less). Anything else is refused with `DavUsageError` before a request is sent.
 *
 * @group Client
 */
export type LockTimeout = number | 'infinite';

/**
 * Options of a new LOCK (its `timeout`, as for every call, is how long the request may wait, in ms).
 *
 * @group Client
 */
export interface LockOptions {
  readonly scope?: 'exclusive' | 'shared';
  /** Who holds the lock: text (often a URL or an e-mail address) or an element tree. */
  readonly owner?: string | XmlElement;
  /** Default `'infinity'` (the RFC's default): a collection lock covers every member. */
  readonly depth?: 0 | 'infinity';
  /**
   * How long the lock lasts: whole seconds, or `'infinite'` (servers may grant less). Default 600
   * (10 minutes): a finite lock cleans up after a client that dies.
   */
  readonly lockTimeout?: LockTimeout;
}

/**
 * The lock life davkit asks for when none is given: 10 minutes. A lock asked without a `Timeout`
 * may be granted forever (Apache, nginx), and a client that dies then leaves an orphan; ask for
 * `'infinite'` explicitly when that is what you want.
 */
export const DEFAULT_LOCK_SECONDS = 600;

/** The largest `Second-N` RFC 4918 allows. @see https://www.rfc-editor.org/rfc/rfc4918#section-10.7 */
export const MAX_LOCK_SECONDS: number = 2 ** 32 - 1;

/**
 * Checks a lock timeout given by a caller (JavaScript callers included): `undefined`, `'infinite'` or
 * whole seconds from 1 to 2^32 − 1. Nothing is rounded or clamped: a value that would have to be
 * changed to go on the wire is refused.
 *
 * @throws {DavUsageError}
 * @example
 * ```ts
 * checkLockTimeout(600);  // 600
 * checkLockTimeout(-1);   // throws DavUsageError
 * ```
 */
export function checkLockTimeout(timeout: unknown): LockTimeout | undefined {
  if (timeout === undefined || timeout === 'infinite') {
    return timeout;
  }
  if (
    typeof timeout === 'number' &&
    Number.isInteger(timeout) &&
    timeout >= 1 &&
    timeout <= MAX_LOCK_SECONDS
  ) {
    return timeout;
  }
  const shown = typeof timeout === 'string' ? JSON.stringify(timeout) : String(timeout);
  throw new DavUsageError(
    `A lock timeout must be whole seconds from 1 to ${MAX_LOCK_SECONDS}, or 'infinite'; got ${shown}`,
  );
}

/**
 * The `Timeout` request header. @see https://www.rfc-editor.org/rfc/rfc4918#section-10.7
 *
 * @throws {DavUsageError} for a timeout `checkLockTimeout` refuses
 * @example
 * ```ts
 * timeoutHeader(600);        // { timeout: 'Second-600' }
 * timeoutHeader('infinite'); // { timeout: 'Infinite, Second-4100000000' }
 * ```
 */
export function timeoutHeader(timeout: LockTimeout | undefined): Record<string, string> {
  const checked = checkLockTimeout(timeout);
  if (checked === undefined) {
    return {};
  }
  return { timeout: checked === 'infinite' ? 'Infinite, Second-4100000000' : `Second-${checked}` };
}

/**
 * A lock's life is `lockTimeout` (seconds); `timeout`, as on every call, is how long the request may
 * wait (ms). Before the renovation `timeout` was the lock's life: an old `{ timeout: 600 }` must not be
 * read silently as a 600 ms wait, so a `timeout` comes with an explicit `lockTimeout` or not at all.
 *
 * @example
 * ```ts
 * checkLockLife({ timeout: 600 });                     // DavUsageError
 * checkLockLife({ timeout: 5000, lockTimeout: 600 });  // fine
 * ```
 */
export function checkLockLife(options: object, call: string): void {
  const { timeout, lockTimeout } = options as { timeout?: unknown; lockTimeout?: unknown };
  if (timeout !== undefined && lockTimeout === undefined) {
    throw new DavUsageError(
      `${call}(): a lock's life is \`lockTimeout\` (seconds); \`timeout\` is how long the request may wait (ms). ` +
        `Give \`lockTimeout\` with \`timeout\` (the default life is ${DEFAULT_LOCK_SECONDS} s)`,
    );
  }
}

function checkLockShape(options: LockOptions): void {
  checkLockLife(options, 'lock');
  const { depth, scope } = options as { depth?: unknown; scope?: unknown };
  if (depth !== undefined && depth !== 0 && depth !== 'infinity') {
    throw new DavUsageError(`A LOCK's depth must be 0 or 'infinity'; got ${String(depth)}`);
  }
  if (scope !== undefined && scope !== 'exclusive' && scope !== 'shared') {
    throw new DavUsageError(`A lock's scope must be 'exclusive' or 'shared'; got ${String(scope)}`);
  }
}

/**
 * Builds a LOCK request that creates a write lock.
 *
 * @example
 * ```ts
 * buildLock('/a.txt', { scope: 'exclusive', lockTimeout: 600, owner: 'mailto:alice@example.com' });
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc4918#section-9.10
 */
export function buildLock(path: string, options: LockOptions = {}): RequestSpec {
  checkLockShape(options);
  return {
    method: 'LOCK',
    path,
    headers: xmlHeaders({
      depth: String(options.depth ?? 'infinity'),
      ...timeoutHeader(options.lockTimeout === undefined ? DEFAULT_LOCK_SECONDS : options.lockTimeout),
    }),
    body: lockInfoBody(options),
    response: 'text',
  };
}

/**
 * Reads a LOCK answer (new or refreshed lock): the `DAV:activelock` whose token the server returned in
 * `Lock-Token` (or, for a refresh, the one matching `token`), from the `DAV:lockdiscovery` in the body.
 * The lock always has its token: an answer that names none is a `DavParseError`.
 * Its timeout is the body's `DAV:timeout`, else the `Timeout` response header some servers send;
 * fractional seconds (`Second-599.998`) are rounded down. A body that needed recovery (undeclared
 * prefixes) gives a lock with `warnings`.
 *
 * @throws {DavHttpError} (423 + `no-conflicting-lock`), {MultiStatusError} (Apache's 207 when a member
 *   is already locked: the member 423, the collection 424)
 * @example
 * ```ts
 * const lock = readLock(raw); // { token, scope, depth, timeout, root, … }
 * ```
 */
export function readLock(raw: RawResponse, token?: string): ActiveLock & { readonly token: string } {
  expectWriteSuccess(raw, BUFFERED);
  const wanted = parseLockTokenHeader(raw.headers['lock-token']) ?? token;
  const { locks, warnings } = raw.text.trim() === '' ? { locks: [], warnings: [] } : lockDiscovery(raw);
  const found = locks.find((each) => each.token === wanted) ?? (wanted === undefined ? locks[0] : undefined);
  if (found === undefined && wanted === undefined) {
    throw new DavParseError('The LOCK answer carries neither a Lock-Token header nor a lock in its body');
  }
  // A server that sent no usable body: what is known comes from the request and the header.
  const lock: ActiveLock = found ?? {
    scope: 'exclusive',
    type: 'write',
    depth: 'infinity',
    root: raw.request.path,
  };
  const granted = lock.token ?? wanted;
  if (granted === undefined) {
    // A lock without its token can never be refreshed, used or released: not a success.
    throw new DavParseError('The LOCK answer names no lock token (no Lock-Token header, none in the lock)');
  }
  const headerTimeout = lock.timeout === undefined ? parseTimeout(raw.headers.timeout) : undefined;
  return {
    ...lock,
    token: granted,
    ...(headerTimeout === undefined ? {} : { timeout: headerTimeout }),
    ...(warnings.length === 0 ? {} : { warnings }),
  };
}

function lockDiscovery(raw: RawResponse): { locks: ActiveLock[]; warnings: readonly DecodeWarning[] } {
  const { root, warnings } = readXmlDocument(raw.text);
  const discovery = root.name === davName('prop') ? childNamed(root, davName('lockdiscovery')) : undefined;
  if (discovery === undefined) {
    throw new DavParseError(`The LOCK answer's body is ${root.name}, not DAV:prop with DAV:lockdiscovery`);
  }
  return { locks: decodeLockDiscovery(discovery, { base: raw.request.baseUrl }), warnings };
}
