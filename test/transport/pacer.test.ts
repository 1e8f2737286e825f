/**
 * Pacing (issue 18.1): long synchronous work hands control back to the event loop between stretches,
 * so that a page's main thread is never held for long. No durations are asserted: the work is made
 * long enough to span many stretches anywhere, and what is checked is that timers ran in between.
 */
import { describe, expect, it } from 'vitest';
import { mapPaced, Pacer, yieldToEventLoop } from '../../src/transport/pacer.ts';

/** Busy work of about `ms` milliseconds. */
function spin(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {}
}

describe('mapPaced', () => {
  it('maps like Array.prototype.map', async () => {
    const items = Array.from({ length: 1000 }, (_, i) => i);
    expect(await mapPaced(items, (i) => i * 2)).toStrictEqual(items.map((i) => i * 2));
    expect(await mapPaced([], (i: number) => i)).toStrictEqual([]);
  });

  it('lets timers run while a long mapping goes on', async () => {
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 0);
    try {
      // 2,560 items of 0.1 ms: 256 ms of work, ten stretches of 256 items.
      await mapPaced(Array.from({ length: 2560 }), () => spin(0.1), new Pacer(5));
    } finally {
      clearInterval(ticker);
    }
    expect(ticks).toBeGreaterThan(2);
  });
});

describe('Pacer', () => {
  it('needs no pause before its budget is spent, and one after', async () => {
    const pacer = new Pacer(50);
    expect(pacer.pause()).toBeUndefined();
    spin(60);
    const pause = pacer.pause();
    expect(pause).toBeInstanceOf(Promise);
    await pause;
    expect(pacer.pause()).toBeUndefined();
  });

  it('yieldToEventLoop lets a timer that is due run first', async () => {
    let ran = false;
    setTimeout(() => {
      ran = true;
    }, 0);
    spin(5);
    await yieldToEventLoop();
    await yieldToEventLoop();
    expect(ran).toBe(true);
  });
});
