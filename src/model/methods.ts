/**
 * Every method davkit sends. They go on the wire in upper case: ky upper-cases only the standard
 * ones, and servers and CORS `Allow-Methods` compare custom methods case-sensitively.
 *
 * @see https://www.rfc-editor.org/rfc/rfc4918#section-9
 * @example
 * ```ts
 * DAV_METHODS.includes('PROPFIND'); // true
 * ```
 *
 * @group Low level
 */
export const DAV_METHODS = [
  'OPTIONS',
  'GET',
  'HEAD',
  'PUT',
  'DELETE',
  'PROPFIND',
  'PROPPATCH',
  'MKCOL',
  'COPY',
  'MOVE',
  'LOCK',
  'UNLOCK',
  'REPORT',
  'SEARCH',
  'PATCH',
] as const;

/**
 * A method davkit sends.
 *
 * @group Low level
 */
export type DavMethod = (typeof DAV_METHODS)[number];

/** What a request does to one of its URLs, as far as the locks it must submit are concerned. */
export interface LockEffect {
  /** It removes or replaces everything below the URL: locks on members must be submitted. */
  readonly recursive: boolean;
  /** It adds or removes a member of the URL's parent: a depth-0 lock on the parent must be submitted. */
  readonly membership: boolean;
}

/** What davkit knows about a method: one row of {@link METHOD_FACTS}. */
export interface MethodFacts {
  /**
   * It changes nothing on the server: retried automatically, never undone, never refused by a lock.
   * Every other method is a write, whose 207 answer is checked for failures inside.
   */
  readonly safe: boolean;
  /** Which of its URLs it brings into existence: PUT and MKCOL their own, COPY and MOVE their Destination. */
  readonly creates?: 'target' | 'destination';
  /**
   * Sending it again after it succeeded ends the same way (reads, PUT, PROPPATCH). A second MKCOL
   * gets 405, a second MOVE 404, a second LOCK fails against the first: `retryAfterFix()` keeps
   * their earlier outcome instead.
   */
  readonly repeatable: boolean;
  /**
   * The server reports only the member that failed, never the collections it then could not finish
   * (RFC 4918 §9.6.1, §9.8.3, §9.9.2): davkit infers them as implied dependents.
   */
  readonly impliesAncestors: boolean;
  /**
   * The held locks it must submit, per URL (RFC 4918 §7.4–7.7). Reads, LOCK and UNLOCK submit none
   * here: a new LOCK with an `If` would turn into a refresh, and a refresh and an UNLOCK carry their
   * own token. A COPY leaves its source alone: only its Destination needs tokens.
   */
  readonly lockEffects: { readonly target?: LockEffect; readonly destination?: LockEffect };
}

const REPLACE: LockEffect = { recursive: true, membership: true };
const MEMBER: LockEffect = { recursive: false, membership: true };
const READ: MethodFacts = { safe: true, repeatable: true, impliesAncestors: false, lockEffects: {} };

/**
 * The facts about every method, in one place: the retry policy, write checks, batch dependencies
 * and replays, root-cause rules and lock submission all read them here.
 *
 * @example
 * ```ts
 * METHOD_FACTS.MKCOL.creates;    // 'target'
 * METHOD_FACTS.MOVE.repeatable;  // false
 * ```
 */
export const METHOD_FACTS: Readonly<Record<DavMethod, MethodFacts>> = {
  OPTIONS: READ,
  GET: READ,
  HEAD: READ,
  PROPFIND: READ,
  REPORT: READ,
  SEARCH: READ,
  PUT: {
    safe: false,
    creates: 'target',
    repeatable: true,
    impliesAncestors: false,
    lockEffects: { target: MEMBER },
  },
  PROPPATCH: {
    safe: false,
    repeatable: true,
    impliesAncestors: false,
    lockEffects: { target: { recursive: false, membership: false } },
  },
  MKCOL: {
    safe: false,
    creates: 'target',
    repeatable: false,
    impliesAncestors: false,
    lockEffects: { target: MEMBER },
  },
  DELETE: { safe: false, repeatable: false, impliesAncestors: true, lockEffects: { target: REPLACE } },
  COPY: {
    safe: false,
    creates: 'destination',
    repeatable: false,
    impliesAncestors: true,
    lockEffects: { destination: REPLACE },
  },
  MOVE: {
    safe: false,
    creates: 'destination',
    repeatable: false,
    impliesAncestors: true,
    lockEffects: { target: REPLACE, destination: REPLACE },
  },
  LOCK: { safe: false, repeatable: false, impliesAncestors: false, lockEffects: {} },
  UNLOCK: { safe: false, repeatable: false, impliesAncestors: false, lockEffects: {} },
  // Partial updates only (SabreDAV's `X-Update-Range`, RFC 5789): an append is not repeatable.
  PATCH: {
    safe: false,
    repeatable: false,
    impliesAncestors: false,
    lockEffects: { target: { recursive: false, membership: false } },
  },
} satisfies Record<DavMethod, MethodFacts>;

/**
 * The facts davkit assumes for a method it does not know (`dav.request('MKCALENDAR', …)`, `POST`,
 * `BIND`, a custom one): it may change the server, so it is a write (never retried, its 207 checked
 * for failures), it may not end the same way twice, and it may add or remove a member of the target's
 * parent, so the held locks of the target and its parent are submitted.
 *
 * @example
 * ```ts
 * methodFacts('MKCALENDAR') === EXTENSION_METHOD_FACTS; // true
 * ```
 */
export const EXTENSION_METHOD_FACTS: MethodFacts = {
  safe: false,
  repeatable: false,
  impliesAncestors: false,
  lockEffects: { target: MEMBER },
};

/**
 * The facts of any method: its row of {@link METHOD_FACTS}, or {@link EXTENSION_METHOD_FACTS} for one
 * davkit does not know. Methods are case-sensitive (RFC 9110 §9.1): `propfind` is not `PROPFIND`.
 *
 * @example
 * ```ts
 * methodFacts('POST').safe; // false
 * ```
 */
export function methodFacts(method: string): MethodFacts {
  return factsOf(method) ?? EXTENSION_METHOD_FACTS;
}

/**
 * The facts of a method, or `undefined` for one davkit does not send (a request rebuilt from data).
 *
 * @example
 * ```ts
 * factsOf('PUT')?.safe; // false
 * ```
 */
export function factsOf(method: string): MethodFacts | undefined {
  return Object.hasOwn(METHOD_FACTS, method) ? METHOD_FACTS[method as DavMethod] : undefined;
}

/**
 * Whether a method changes nothing on the server (GET, HEAD, OPTIONS, PROPFIND, REPORT, SEARCH): it
 * may be retried automatically. Everything else is never repeated behind the caller's back.
 *
 * @example
 * ```ts
 * isSafeMethod('PROPFIND'); // true
 * isSafeMethod('MOVE');     // false
 * ```
 */
export function isSafeMethod(method: string): boolean {
  return factsOf(method)?.safe === true;
}

/**
 * Whether a method may change the server (PUT, DELETE, PROPPATCH, MKCOL, COPY, MOVE, LOCK, UNLOCK, PATCH,
 * and every method davkit does not know): the methods a lock can refuse, and whose 207 answer is checked
 * for failures.
 *
 * @example
 * ```ts
 * isWriteMethod('PUT');      // true
 * isWriteMethod('POST');     // true
 * isWriteMethod('PROPFIND'); // false
 * ```
 */
export function isWriteMethod(method: string): boolean {
  return !methodFacts(method).safe;
}
