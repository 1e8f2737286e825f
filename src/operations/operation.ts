import type { LockChange } from '../model/locks.ts';
import type { AnswerReader } from '../transport/incremental.ts';
import type { RequestSpec } from '../transport/request-spec.ts';

/**
 * What a client learns about a server by being refused, remembered per origin:
 * - `untagged-lock-refresh`: it answers a LOCK refresh with a tagged `If` with 400 and accepts the
 *   untagged form (RFC 4918 §10.4 allows both);
 * - `lock-owner-required`: it answers a LOCK without `DAV:owner` with 400 (the owner is optional in
 *   RFC 4918 §14.17) and accepts one with the client's `defaultLockOwner`.
 */
export const SERVER_QUIRKS = ['untagged-lock-refresh', 'lock-owner-required'] as const;

/**
 * What a client learned about a server by being refused:
 * - `'untagged-lock-refresh'`: it answers a LOCK refresh with a tagged `If` with 400 and accepts the
 *   untagged form (RFC 4918 §10.4 allows both);
 * - `'lock-owner-required'`: it answers a LOCK without `DAV:owner` with 400 (the owner is optional
 *   in RFC 4918 §14.17) and accepts one with the client's `defaultLockOwner`.
 *
 * @group Client
 */
export type ServerQuirk = (typeof SERVER_QUIRKS)[number];

/** The client's settings an adaptation may need. */
export interface AdaptationSettings {
  /** The owner sent when a server requires one (`false`: never send one the caller did not give). */
  readonly defaultLockOwner: string | false;
}

/**
 * Another form of an operation, for servers that refuse the standard one. The client sends the
 * standard form first; only when the server refuses it as `refusedBy` says does it send this form
 * (once), and then remembers the quirk for that origin and sends this form straight away.
 */
export interface Adaptation<T> {
  readonly quirk: ServerQuirk;
  /** Whether a failure of the standard form is the refusal this adaptation answers. */
  readonly refusedBy: (error: unknown) => boolean;
  /** The other form; `undefined` when the client's settings rule it out. */
  readonly build: (settings: AdaptationSettings) => Operation<T> | undefined;
}

/**
 * A verb call as data: the request to send and the pure function that reads its answer. The client
 * and the batch engine run the very same operations, so a verb cannot behave differently in a batch.
 *
 * @group Low level
 */
export interface Operation<T> extends AnswerReader<T> {
  readonly spec: RequestSpec;
  /** How to adapt to servers that refuse this request's standard form (LOCK only, today). */
  readonly adaptation?: Adaptation<T>;
  /**
   * What the request did to the locks its client holds once it succeeded (LOCK, UNLOCK, DELETE,
   * MOVE), as data: `resolve` turns a client path into its URL. The client's lock store applies it.
   * (A method, so that an `Operation<ActiveLock>` is still an `Operation<unknown>`.)
   */
  lockChange?(value: T, resolve: (path: string) => URL): LockChange | undefined;
  /**
   * What `retryAfterFix()` sends again after a failure, when it is not this operation: a PROPFIND
   * streamed by `davkit/stream` is read whole then.
   */
  readonly resend?: Operation<unknown>;
}

/**
 * An operation's value with the HTTP status of the answer that produced it.
 *
 * @group Low level
 */
export interface Performed<T> {
  readonly status: number;
  readonly value: T;
}
