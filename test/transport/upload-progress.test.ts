import { describe, expect, it } from 'vitest';
import { isDavUsageError } from '../../src/errors/guards.ts';
import type { Progress } from '../../src/model/progress.ts';
import { countedStream } from '../../src/transport/upload-progress.ts';

function source(...sizes: number[]): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      for (const size of sizes) {
        controller.enqueue(new Uint8Array(size));
      }
      controller.close();
    },
  });
}

/** Reads a counted body to its end (or its error): the bytes that went out, and the error. */
async function send(body: ReadableStream<Uint8Array>): Promise<{ sent: number; error?: unknown }> {
  const reader = body.getReader();
  let sent = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        return { sent };
      }
      sent += value.byteLength;
    }
  } catch (error) {
    return { sent, error };
  }
}

describe('countedStream', () => {
  it('reports each chunk against the declared length', async () => {
    const seen: Progress[] = [];
    const counted = countedStream(source(40, 60), 100, (progress) => seen.push(progress));
    expect(await send(counted.body)).toEqual({ sent: 100 });
    expect(seen).toEqual([
      { percent: 0.4, totalBytes: 100, transferredBytes: 40 },
      { percent: 1, totalBytes: 100, transferredBytes: 100 },
    ]);
    expect(counted.refusal()).toBeUndefined();
  });

  it('ends at percent 1 when no length was declared', async () => {
    const seen: Progress[] = [];
    await send(countedStream(source(10, 20), undefined, (progress) => seen.push(progress)).body);
    expect(seen.map((each) => [each.percent, each.transferredBytes, each.totalBytes])).toEqual([
      [0, 10, 0],
      [0, 30, 0],
      [1, 30, 30],
    ]);
  });

  it('never lets the last declared byte out of a stream that goes on', async () => {
    const counted = countedStream(source(50, 50, 1), 100, undefined);
    const { sent, error } = await send(counted.body);
    expect(sent).toBe(50);
    expect(error).toBe(counted.refusal());
    expect(isDavUsageError(error) && error.message).toContain('more than its contentLength of 100 bytes');
  });

  it('stops a stream that ends short of its declared length', async () => {
    const counted = countedStream(source(30), 100, undefined);
    const { sent, error } = await send(counted.body);
    expect(sent).toBe(30);
    expect(isDavUsageError(error) && error.message).toContain(
      'ended after 30 bytes, but its contentLength is 100',
    );
  });

  it('stops a chunk that crosses the declared length before it goes out', async () => {
    const { sent, error } = await send(countedStream(source(60, 60), 100, undefined).body);
    expect([sent, isDavUsageError(error)]).toEqual([60, true]);
  });
});
