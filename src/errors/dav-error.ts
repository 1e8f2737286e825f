import type { DavErrorData } from '../model/error-data.ts';
import type { Replay } from '../model/recovery.ts';

/**
 * Hands an error the way to fix and resubmit what failed: what its sender (the client) does once,
 * so that `error.retryAfterFix()` works. Internal: not part of davkit's public API.
 */
export let attachReplay: (error: DavError, replay: Replay<unknown>) => void;

/** The way to fix and resubmit what failed, if the error's sender handed one (a copy has none). */
export let replayOf: (error: DavError) => Replay<unknown> | undefined;

/** Options every davkit error accepts. */
export interface DavErrorOptions {
  /** The underlying error, kept for debugging (never includes credentials). */
  readonly cause?: unknown;
}

/**
 * The base class of every error davkit throws.
 *
 * davkit throws only for transport failures (network, timeout, abort), malformed responses, failed
 * HTTP statuses and programmer errors (bad arguments). Partial failure inside a batch is returned as
 * data, never thrown. Use {@link isDavError} rather than `instanceof` when the error may come from
 * another copy of davkit (a CommonJS consumer, another realm). Errors are data: `toJSON()` gives
 * every field as plain data (a `structuredClone` of the error itself keeps only its message).
 *
 * @example
 * ```ts
 * try {
 *   await dav.delete('/reports/');
 * } catch (error) {
 *   if (isDavError(error)) console.error(error.name, error.message);
 * }
 * ```
 *
 * @group Errors
 */
export class DavError extends Error {
  override name: string = 'DavError';
  // How to fix and send again what failed, handed over by its sender (see `attachReplay`). Private:
  // it never shows in JSON, `util.inspect` or a clone, and a copy of the error has none.
  #replay: Replay<unknown> | undefined;

  static {
    attachReplay = (error, replay) => {
      error.#replay = replay;
    };
    replayOf = (error) => error.#replay;
  }

  constructor(message: string, options: DavErrorOptions = {}) {
    super(message, 'cause' in options ? { cause: options.cause } : undefined);
  }

  /** A brand that survives realms and bundling: `true` on every davkit error. */
  get isDavError(): true {
    return true;
  }

  /**
   * The error as plain data, named by `name`: what `JSON.stringify` writes and what survives
   * `structuredClone`. The free functions (`rootCauses`, `explain`) accept it as they accept the error.
   *
   * @example
   * ```ts
   * rootCauses(structuredClone(error.toJSON())); // the same causes as rootCauses(error)
   * ```
   */
  toJSON(): DavErrorData {
    return { name: this.name, message: this.message };
  }
}
