import { DavError, type DavErrorOptions } from '../errors/dav-error.ts';

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
 * A transfer's check failed: the server answered every request with a success, yet the file does not
 * hold what was sent (its size, its ETag). It is never reported as a success: an upload whose
 * temporary file fails the check is not moved into place.
 *
 * @example
 * ```ts
 * if (isDavVerificationError(error)) console.log(error.expected.size, error.actual.size);
 * ```
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
}

/**
 * Whether a value is a {@link DavVerificationError} (from any copy of davkit).
 *
 * @example
 * ```ts
 * catch (error) { if (isDavVerificationError(error)) console.log(error.message); }
 * ```
 */
export function isDavVerificationError(value: unknown): value is DavVerificationError {
  return (
    value instanceof DavVerificationError ||
    (typeof value === 'object' &&
      value !== null &&
      (value as { name?: unknown }).name === 'DavVerificationError')
  );
}
