import { factsOf } from '../model/methods.ts';
import type { DavCondition } from '../model/multistatus.ts';
import { davName } from '../model/names.ts';
import type { Fix, LockKnowledge, RequestContext } from '../model/root-cause.ts';
import { parentPath } from '../utils/href.ts';

const PROTECTED = davName('cannot-modify-protected-property');
const LOCK_TOKEN_SUBMITTED = davName('lock-token-submitted');
const NO_CONFLICTING_LOCK = davName('no-conflicting-lock');

/** What is known of one failure when choosing its fix. */
export interface FailureFacts {
  readonly status: number;
  readonly path: string;
  readonly prop?: string;
  readonly condition?: DavCondition;
  readonly request?: RequestContext;
  /** `Retry-After`, in ms, when the server sent one. */
  readonly retryAfterMs?: number;
  /** Seconds the lock behind a 423 has left, when known (from `DAV:lockdiscovery`). */
  readonly lockExpiresIn?: number;
}

/**
 * A DAV: live property refused in a PROPPATCH. Apache answers 409 and sends no `DAV:error`; rclone and
 * SabreDAV answer 403 (rclone with `cannot-modify-protected-property`).
 */
export function isProtectedPropertyFailure(facts: FailureFacts): boolean {
  if (facts.condition?.name === PROTECTED) {
    return true;
  }
  return (
    facts.prop?.startsWith('{DAV:}') === true &&
    (facts.status === 403 || facts.status === 409) &&
    (facts.request === undefined || facts.request.method === 'PROPPATCH')
  );
}

function lockFix(facts: FailureFacts, locks: LockKnowledge | undefined): Fix {
  const named = facts.condition?.paths?.[0];
  const lockRoot = named ?? facts.path;
  const wait: Fix =
    facts.lockExpiresIn === undefined
      ? { kind: 'wait-for-unlock', lockRoot }
      : { kind: 'wait-for-unlock', lockRoot, expiresIn: facts.lockExpiresIn };
  if (facts.condition?.name === NO_CONFLICTING_LOCK) {
    return wait;
  }
  if (locks === undefined) {
    return { kind: 'submit-lock-token', lockRoot };
  }
  const token = locks.tokenFor(lockRoot);
  return token === undefined ? wait : { kind: 'submit-lock-token', lockRoot, token };
}

/** The collection whose absence explains a 409 (or a 404 on PUT/MKCOL, SabreDAV and rclone). */
function missingParent(facts: FailureFacts): string | undefined {
  const request = facts.request;
  const target =
    request?.destinationPath !== undefined && (request.method === 'COPY' || request.method === 'MOVE')
      ? request.destinationPath
      : facts.path;
  return parentPath(target);
}

function conflictFix(facts: FailureFacts): Fix {
  const method = facts.request?.method;
  const parent = missingParent(facts);
  if ((method === undefined || factsOf(method)?.creates !== undefined) && parent !== undefined) {
    return { kind: 'create-parent', path: parent };
  }
  return { kind: 'none' };
}

function preconditionFix(facts: FailureFacts): Fix {
  const headers = facts.request?.headers ?? {};
  const method = facts.request?.method;
  if ((method === 'COPY' || method === 'MOVE') && headers.overwrite === 'F') {
    return { kind: 'destination-exists', path: facts.request?.destinationPath ?? facts.path };
  }
  if (method === 'PUT' && headers['if-none-match'] === '*') {
    return { kind: 'destination-exists', path: facts.path };
  }
  if (facts.condition?.name === LOCK_TOKEN_SUBMITTED || headers.if !== undefined) {
    return { kind: 'submit-lock-token', lockRoot: facts.condition?.paths?.[0] ?? facts.path };
  }
  if (headers['if-match'] !== undefined) {
    return { kind: 'refresh-etag', path: facts.path };
  }
  return { kind: 'none' };
}

/**
 * Chooses the fix for one real failure, from its status, condition and request.
 *
 * @see https://www.rfc-editor.org/rfc/rfc4918#section-11 (status codes), §16 (conditions)
 */
export function fixFor(facts: FailureFacts, locks?: LockKnowledge): Fix {
  if (isProtectedPropertyFailure(facts)) {
    return { kind: 'remove-protected-property', prop: facts.prop ?? facts.condition?.name ?? '' };
  }
  if (facts.status === 423 || facts.condition?.name === LOCK_TOKEN_SUBMITTED) {
    return lockFix(facts, locks);
  }
  switch (facts.status) {
    case 409:
      return conflictFix(facts);
    case 404:
      return facts.request?.method === 'PUT' || facts.request?.method === 'MKCOL'
        ? conflictFix(facts)
        : { kind: 'none' };
    case 412:
      return preconditionFix(facts);
    case 401:
      return { kind: 'reauthenticate' };
    case 408:
    case 429:
    case 502:
    case 503:
    case 504:
      return facts.retryAfterMs === undefined
        ? { kind: 'retry-later' }
        : { kind: 'retry-later', afterMs: facts.retryAfterMs };
    default:
      return { kind: 'none' };
  }
}
