import { OriginLimiter } from './limiter.ts';
import { checkRateLimit, type RateLimitOptions } from './rate-limit.ts';

/**
 * The limiters of a client and the clients `extend()`ed from it: one per origin, made on first use.
 *
 * @example
 * ```ts
 * const limiters = new Limiters({ maxConcurrency: 8 });
 * limiters.of('https://dav.example') === limiters.of('https://dav.example'); // true
 * ```
 */
export class Limiters {
  #options: RateLimitOptions;
  readonly #byOrigin = new Map<string, OriginLimiter>();

  constructor(options: RateLimitOptions = {}) {
    this.#options = checkRateLimit(options);
  }

  /** The limiter of an origin. */
  of(origin: string): OriginLimiter {
    let limiter = this.#byOrigin.get(origin);
    if (limiter === undefined) {
      limiter = new OriginLimiter(origin, this.#options);
      this.#byOrigin.set(origin, limiter);
    }
    return limiter;
  }

  /** New `rateLimit` settings, for every origin (what `extend({ rateLimit })` does). */
  configure(options: RateLimitOptions): void {
    this.#options = checkRateLimit(options);
    for (const limiter of this.#byOrigin.values()) {
      limiter.configure(this.#options);
    }
  }
}
