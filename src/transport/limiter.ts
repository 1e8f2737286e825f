import { checkRateLimit, type RateLimitOptions } from './rate-limit.ts';

/**
 * A snapshot of one origin's limiter (see {@link OriginLimiter}).
 *
 * @group Client
 */
export interface LimiterState {
  readonly origin: string;
  /** Epoch ms until which no request is started (a 429/503 `Retry-After`), or `undefined`. */
  readonly pausedUntil: number | undefined;
  /** Requests allowed in flight now: cut on throttling, grown back slowly (`Infinity`: no limit). */
  readonly concurrency: number;
  readonly inFlight: number;
  /** Requests waiting for a slot. */
  readonly queued: number;
  /** Retries of failures (not of throttling) still allowed now: the retry budget. */
  readonly retryBudget: number;
  /** Throttling answers (429, 503 + `Retry-After`) seen so far. */
  readonly throttled: number;
}

/**
 * How an exchange that held a slot ended.
 *
 * @group Low level
 */
export type SlotOutcome =
  /** The server throttled: pause the origin for `waitMs` and cut concurrency. */
  | { readonly kind: 'throttled'; readonly waitMs: number }
  /** A 2xx–4xx answer (a refusal is not the server failing). */
  | { readonly kind: 'answered' }
  /** A 5xx answer or no answer at all. */
  | { readonly kind: 'failed' };

/**
 * A slot held for one exchange; release it exactly once.
 *
 * @group Low level
 */
export interface Slot {
  release(outcome: SlotOutcome): void;
}

interface Waiter {
  readonly resolve: (slot: Slot) => void;
  cancelled: boolean;
}

/** Retries a budget starts with, and what each success deposits (Finagle's shape: 10 and 20 %). */
const BUDGET_RESERVE = 10;
const BUDGET_RATIO = 0.2;
/** The queue's dead prefix is dropped once it is this long and half the array. */
const COMPACT_AT = 1024;

/**
 * The limiter of one origin: every request of a client (and of its `extend()`ed clients, its
 * batches and listings) to that origin takes a slot here first. A throttling answer (429, or 503 with
 * `Retry-After`) pauses the whole origin for as long as it says and halves the concurrency; each
 * `concurrency` answers in a row without throttling grow it back by one, until the limit it was cut
 * from. `rateLimit` adds a fixed ceiling and a start rate. A retry budget (10 retries, plus one per
 * five answers) bounds retries of failures, so a failing server is not hammered. Waiting is FIFO and
 * O(1) per request.
 *
 * @example
 * ```ts
 * const limiter = new OriginLimiter('https://dav.example', { maxConcurrency: 4 });
 * const slot = await limiter.acquire();
 * slot.release({ kind: 'throttled', waitMs: 1000 }); // the origin pauses for a second
 * limiter.state().pausedUntil; // Date.now() + 1000
 * ```
 *
 * @group Client
 */
export class OriginLimiter {
  readonly origin: string;
  #max = Number.POSITIVE_INFINITY;
  #spacing = 0;
  #limit = Number.POSITIVE_INFINITY;
  /** The limit a cut started from: growing back stops there. */
  #ceiling = Number.POSITIVE_INFINITY;
  #successes = 0;
  #inFlight = 0;
  #pausedUntil = 0;
  #nextStart = 0;
  #budget = BUDGET_RESERVE;
  #throttled = 0;
  #queue: Waiter[] = [];
  #head = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  readonly #listeners = new Set<(state: LimiterState) => void>();

  constructor(origin: string, options: RateLimitOptions = {}) {
    this.origin = origin;
    this.configure(options);
  }

  /** Applies `rateLimit` settings (checked). */
  configure(options: RateLimitOptions): void {
    const { requestsPerSecond, maxConcurrency } = checkRateLimit(options);
    this.#max = maxConcurrency ?? Number.POSITIVE_INFINITY;
    this.#spacing = requestsPerSecond === undefined ? 0 : 1000 / requestsPerSecond;
    this.#limit = Math.min(this.#limit, this.#max);
    this.#ceiling = Math.min(this.#ceiling, this.#max);
  }

  /** Waits for a slot (FIFO); rejects with the signal's reason when it aborts first. */
  acquire(signal?: AbortSignal): Promise<Slot> {
    if (signal?.aborted) {
      return Promise.reject(signal.reason);
    }
    if (this.#queue.length === this.#head && this.#canStart(Date.now())) {
      return Promise.resolve(this.#start());
    }
    return new Promise((resolve, reject) => {
      const waiter: Waiter = { resolve, cancelled: false };
      this.#queue.push(waiter);
      signal?.addEventListener(
        'abort',
        () => {
          if (!waiter.cancelled) {
            waiter.cancelled = true;
            reject(signal.reason);
          }
        },
        { once: true },
      );
      this.#drain();
    });
  }

  /**
   * Takes one retry of a failure from the budget: `false` when it is spent (the failure is then
   * reported, not retried). Waiting out throttling needs no budget: the pause already paces it.
   */
  takeRetry(): boolean {
    if (this.#budget < 1) {
      return false;
    }
    this.#budget -= 1;
    return true;
  }

  /** The limiter's state now. @example `dav.limiter.state().queued` */
  state(): LimiterState {
    const now = Date.now();
    return {
      origin: this.origin,
      pausedUntil: this.#pausedUntil > now ? this.#pausedUntil : undefined,
      concurrency: this.#limit,
      inFlight: this.#inFlight,
      queued: this.#waiting(),
      retryBudget: Math.floor(this.#budget),
      throttled: this.#throttled,
    };
  }

  /**
   * Calls `listener` with the state whenever the origin is throttled or its concurrency changes.
   * Returns the function that stops it.
   */
  subscribe(listener: (state: LimiterState) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #waiting(): number {
    let count = 0;
    for (let index = this.#head; index < this.#queue.length; index++) {
      count += (this.#queue[index] as Waiter).cancelled ? 0 : 1;
    }
    return count;
  }

  #canStart(now: number): boolean {
    return now >= this.#pausedUntil && this.#inFlight < this.#limit && now >= this.#nextStart;
  }

  #start(): Slot {
    this.#inFlight++;
    if (this.#spacing > 0) {
      this.#nextStart = Math.max(Date.now(), this.#nextStart) + this.#spacing;
    }
    let released = false;
    return {
      release: (outcome) => {
        if (!released) {
          released = true;
          this.#release(outcome);
        }
      },
    };
  }

  #release(outcome: SlotOutcome): void {
    this.#inFlight--;
    if (outcome.kind === 'answered' && this.#limit >= this.#max && this.#head === this.#queue.length) {
      // The common case, kept cheap: nothing waits, nothing to grow back.
      this.#budget = Math.min(this.#budget + BUDGET_RATIO, BUDGET_RESERVE * 2);
      return;
    }
    if (outcome.kind === 'throttled') {
      this.#throttle(outcome.waitMs);
    } else if (outcome.kind === 'answered') {
      this.#budget = Math.min(this.#budget + BUDGET_RATIO, BUDGET_RESERVE * 2);
      this.#grow();
    }
    this.#drain();
  }

  #throttle(waitMs: number): void {
    const now = Date.now();
    this.#throttled++;
    // Answers to requests sent before the pause began say the same thing once: cut once per pause.
    if (now >= this.#pausedUntil) {
      const current = Number.isFinite(this.#limit) ? this.#limit : this.#inFlight + 1;
      this.#ceiling = Math.min(current, this.#max);
      this.#limit = Math.max(1, Math.floor(current / 2));
      this.#successes = 0;
    }
    this.#pausedUntil = Math.max(this.#pausedUntil, now + waitMs);
    this.#notify();
  }

  #grow(): void {
    if (this.#limit >= this.#max) {
      return;
    }
    this.#successes++;
    if (this.#successes >= this.#limit) {
      this.#successes = 0;
      this.#limit++;
      if (this.#limit >= this.#ceiling) {
        // Back where it was cut from: the configured maximum applies again (no limit by default).
        this.#limit = this.#max;
        this.#ceiling = this.#max;
      }
      this.#notify();
    }
  }

  #drain(): void {
    const now = Date.now();
    while (this.#head < this.#queue.length) {
      const waiter = this.#queue[this.#head] as Waiter;
      if (waiter.cancelled) {
        this.#head++;
        continue;
      }
      if (!this.#canStart(now)) {
        this.#wakeAt(now);
        break;
      }
      this.#head++;
      waiter.cancelled = true;
      waiter.resolve(this.#start());
    }
    if (this.#head >= COMPACT_AT && this.#head * 2 >= this.#queue.length) {
      this.#queue = this.#queue.slice(this.#head);
      this.#head = 0;
    }
  }

  /** A timer for the moment a pause or the start rate lets the next waiter go (a free slot wakes it anyway). */
  #wakeAt(now: number): void {
    const at = Math.max(this.#pausedUntil, this.#inFlight < this.#limit ? this.#nextStart : 0);
    if (at <= now || this.#timer !== undefined) {
      return;
    }
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#drain();
    }, at - now);
  }

  #notify(): void {
    if (this.#listeners.size === 0) {
      return;
    }
    const state = this.state();
    for (const listener of this.#listeners) {
      try {
        listener(state);
      } catch {
        // An observer's failure must not stall the origin's requests.
      }
    }
  }
}
