/**
 * Keeps a long decode from holding the main thread: once a stretch of synchronous work has run
 * longer than the budget, the next call hands control back to the event loop (a macrotask), so a
 * page can paint and answer input between stretches. Work that arrives slowly never pauses.
 *
 * A streaming body whose chunks are already queued (a fast network, a string, an in-memory stream)
 * is otherwise read entirely in microtasks: one long task, as long as the buffered decode.
 */
export class Pacer {
  private readonly budget: number;
  private since: number = now();

  /** @param budget longest stretch of work, in ms, before control goes back to the event loop */
  constructor(budget: number) {
    this.budget = budget;
  }

  /** A pause to await when the budget is spent; `undefined` (no await needed) otherwise. */
  pause(): Promise<void> | undefined {
    if (now() - this.since < this.budget) {
      return undefined;
    }
    return yieldToEventLoop().then(() => {
      this.since = now();
    });
  }
}

// Items mapped between two looks at the clock.
const MAP_STRETCH = 256;

/**
 * `items.map(map)`, handing control back to the event loop whenever the work budget is spent: the
 * entries of a 100,000-entry listing are made without holding a page's main thread.
 *
 * @example
 * ```ts
 * const entries = await mapPaced(responses, (response) => toEntry(response, base));
 * ```
 */
export async function mapPaced<T, U>(
  items: readonly T[],
  map: (item: T) => U,
  pacer: Pacer = new Pacer(10),
): Promise<U[]> {
  const mapped: U[] = [];
  for (let from = 0; from < items.length; from += MAP_STRETCH) {
    const end = Math.min(items.length, from + MAP_STRETCH);
    for (let i = from; i < end; i++) {
      mapped.push(map(items[i] as T));
    }
    const pause = pacer.pause();
    if (pause !== undefined) {
      await pause;
    }
  }
  return mapped;
}

function now(): number {
  return performance.now();
}

interface SchedulingGlobals {
  readonly scheduler?: { readonly yield?: () => Promise<void> };
  readonly setImmediate?: (callback: () => void) => unknown;
  readonly MessageChannel?: typeof MessageChannel;
}

/**
 * A macrotask boundary, the cheapest the platform has: `scheduler.yield()` (Chromium), `setImmediate`
 * (Node, which a MessageChannel would keep alive), a message to a MessageChannel (other browsers,
 * where nested `setTimeout(0)` is clamped to 4 ms), else `setTimeout`.
 */
export function yieldToEventLoop(): Promise<void> {
  const globals = globalThis as SchedulingGlobals;
  if (typeof globals.scheduler?.yield === 'function') {
    return globals.scheduler.yield();
  }
  const immediate = globals.setImmediate;
  if (typeof immediate === 'function') {
    return new Promise((resolve) => immediate(resolve));
  }
  if (typeof globals.MessageChannel === 'function') {
    const channel = new globals.MessageChannel();
    return new Promise((resolve) => {
      channel.port1.onmessage = () => resolve();
      channel.port2.postMessage(0);
    });
  }
  return new Promise((resolve) => setTimeout(resolve, 0));
}
