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
 * another copy of davkit (a CommonJS consumer, another realm).
 *
 * @example
 * ```ts
 * try {
 *   await dav.delete('/reports/');
 * } catch (error) {
 *   if (isDavError(error)) console.error(error.name, error.message);
 * }
 * ```
 */
export class DavError extends Error {
  override name: string = 'DavError';

  constructor(message: string, options: DavErrorOptions = {}) {
    super(message, 'cause' in options ? { cause: options.cause } : undefined);
  }

  /** A brand that survives realms and bundling: `true` on every davkit error. */
  get isDavError(): true {
    return true;
  }
}
