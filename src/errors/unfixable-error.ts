import type { BatchResultData } from '../model/batch-result.ts';
import type { DavUnfixableErrorData } from '../model/error-data.ts';
import type { RootCause } from '../model/root-cause.ts';
import { DavError, type DavErrorOptions } from './dav-error.ts';

/** Context of a {@link DavUnfixableError}. */
export interface DavUnfixableErrorOptions extends DavErrorOptions {
  /** The causes nothing could fix. */
  readonly causes: readonly RootCause[];
  /** The last batch result, when the failure came from a batch. */
  readonly result?: BatchResultData;
  readonly reason?: string;
}

/**
 * `retryAfterFix()` refused to resubmit: some root causes have no fix davkit can apply (a protected
 * property, a full disk, refused credentials, a lock that outlived `maxWaitMs`), and no `fix`
 * function was given. Nothing was resubmitted.
 *
 * @example
 * ```ts
 * try {
 *   await result.retryAfterFix();
 * } catch (error) {
 *   if (isDavUnfixableError(error)) console.log(error.causes.map((c) => c.fix.kind));
 * }
 * ```
 *
 * @group Errors
 */
export class DavUnfixableError extends DavError {
  override name = 'DavUnfixableError' as const;
  readonly causes: readonly RootCause[];
  readonly result: BatchResultData | undefined;

  constructor(options: DavUnfixableErrorOptions) {
    const list = options.causes
      .map((cause) => `${cause.status || 'no answer'} at ${cause.path} (${cause.fix.kind})`)
      .join('; ');
    super(`Cannot fix automatically${options.reason ? ` (${options.reason})` : ''}: ${list}`, options);
    this.causes = options.causes;
    this.result = options.result;
  }

  override toJSON(): DavUnfixableErrorData {
    return {
      name: this.name,
      message: this.message,
      causes: this.causes,
      ...(this.result === undefined ? {} : { result: this.result }),
    };
  }
}
