import type { LockStore } from '../locks/lock-store.ts';
import type { RunOptions } from '../operations/call-options.ts';
import type { Operation, Performed } from '../operations/operation.ts';
import type { XmlLimits } from '../xml/limits.ts';

/** What a decode that reads an answer as it arrives may hold (see `ClientOptions.limits`). */
export interface IncrementalLimits {
  readonly limits: XmlLimits;
  /** The total cap: `maxBodySize` when the user set it, otherwise none. */
  readonly maxBodySize: number;
}

/**
 * The client as features see it: the few members the file helpers, batches, recovery and
 * `davkit/stream` use, and nothing else (a streaming read is an operation that takes its answer
 * unread, `AnswerReader.takeUnread`). `DavClient` implements it; a feature that takes a `Session`
 * can be tested, and grown, without the whole client.
 *
 * @example
 * ```ts
 * async function exists(session: Session, path: string): Promise<boolean> {
 *   return session.run(operations.head(path)).then(() => true, () => false);
 * }
 * ```
 *
 * @group Low level
 */
export interface Session {
  /** The normalised base URL (trailing slash, no credentials). */
  readonly baseUrl: string;
  /** The absolute URL of a client path. */
  url(path: string): string;
  /** A server path (as in `RootCause.serverPath`) as a client path. */
  relativePath(serverPath: string): string;
  /** The locks this client holds; their tokens are submitted automatically. */
  readonly locks: LockStore;
  /**
   * Sends an operation (lock tokens added, the answer read, lock bookkeeping done) and resolves with
   * its value and the answer's status. An error it throws can `retryAfterFix()`.
   */
  perform<T>(operation: Operation<T>, options?: RunOptions): Promise<Performed<T>>;
  /** {@link Session.perform}, resolving with the value only. */
  run<T>(operation: Operation<T>, options?: RunOptions): Promise<T>;
  /** The client's `verify` option: whether writes check an ambiguous failure by default. */
  readonly verifyWrites: boolean;
  /** The client's timeout, in ms (`false`: none). */
  readonly timeout: number | false;
  /** The largest XML body read whole, in bytes. */
  readonly maxBodySize: number;
  /** The limits of a decode that reads an answer as it arrives. */
  readonly incrementalLimits: IncrementalLimits;
}
