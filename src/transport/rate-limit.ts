import { DavUsageError } from '../errors/transport-errors.ts';

/**
 * The client's `rateLimit` option: a ceiling on what one origin is sent.
 *
 * @group Client
 */
export interface RateLimitOptions {
  /** Requests started per second at most, per origin (default: no limit). */
  readonly requestsPerSecond?: number;
  /** Requests in flight at once at most, per origin (default: no limit until the server throttles). */
  readonly maxConcurrency?: number;
}

/**
 * The `rateLimit` option, checked: positive numbers (`maxConcurrency` whole), unknown keys refused.
 *
 * @throws {DavUsageError}
 * @example
 * ```ts
 * checkRateLimit({ requestsPerSecond: 20 }); // returned as it is
 * checkRateLimit({ maxConcurrency: 0 });     // throws DavUsageError
 * ```
 */
export function checkRateLimit(options: unknown): RateLimitOptions {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new DavUsageError('rateLimit must be an object: { requestsPerSecond?, maxConcurrency? }');
  }
  const { requestsPerSecond, maxConcurrency, ...rest } = options as Record<string, unknown>;
  const unknown = Object.keys(rest);
  if (unknown.length > 0) {
    throw new DavUsageError(`rateLimit: unknown option ${unknown.join(', ')}`);
  }
  if (
    requestsPerSecond !== undefined &&
    !(typeof requestsPerSecond === 'number' && requestsPerSecond > 0 && Number.isFinite(requestsPerSecond))
  ) {
    throw new DavUsageError('rateLimit.requestsPerSecond must be a positive number');
  }
  if (
    maxConcurrency !== undefined &&
    !(typeof maxConcurrency === 'number' && Number.isInteger(maxConcurrency) && maxConcurrency >= 1)
  ) {
    throw new DavUsageError('rateLimit.maxConcurrency must be a whole number of at least 1');
  }
  return options as RateLimitOptions;
}
