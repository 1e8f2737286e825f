import type { DavErrorData } from '../model/error-data.ts';
import { DavError, type DavErrorOptions } from './dav-error.ts';

/** Context of a {@link DavVerificationError}. */
export interface DavVerificationErrorOptions extends DavErrorOptions {
  /** The resource checked (client path or absolute URL). */
  readonly path: string;
  readonly expected: { readonly size?: number | undefined; readonly etag?: string | undefined };
  readonly actual: { readonly size?: number | undefined; readonly etag?: string | undefined };
  /** What the difference means, in words. */
  readonly reason: string;
}

/**
 * The plain data of a {@link DavVerificationError} (see `DavError.toJSON`).
 *
 * @group Errors
 */
export interface DavVerificationErrorData extends DavErrorData {
  readonly name: 'DavVerificationError';
  readonly path: string;
  readonly expected: DavVerificationErrorOptions['expected'];
  readonly actual: DavVerificationErrorOptions['actual'];
}

/**
 * A transfer's check failed: the server answered every request with a success, yet the file does not
 * hold what was sent (its size, its ETag). It is never reported as a success: an upload whose
 * temporary file fails the check is not moved into place.
 *
 * @example
 * ```ts
 * if (isDavVerificationError(error)) console.log(error.expected.size, error.actual.size);
 * ```
 *
 * @group Errors
 */
export class DavVerificationError extends DavError {
  override name = 'DavVerificationError' as const;
  readonly path: string;
  readonly expected: DavVerificationErrorOptions['expected'];
  readonly actual: DavVerificationErrorOptions['actual'];

  constructor(options: DavVerificationErrorOptions) {
    super(`${options.path}: ${options.reason}`, options);
    this.path = options.path;
    this.expected = options.expected;
    this.actual = options.actual;
  }

  override toJSON(): DavVerificationErrorData {
    const { name, message, path, expected, actual } = this;
    return { name, message, path, expected, actual };
  }
}
