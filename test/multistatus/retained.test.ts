/**
 * Decoded results keep no view of the body (issue 18.1: `list()` needs the memory of its result, not
 * of its body). A substring may be a view of the string it was cut from (V8 makes one from 13
 * characters on), so a kept href or date would keep its whole piece of the body alive: 20,000 Apache
 * entries then held ~45 MiB more than a copy of the same data. Heap sizes are read after forced
 * garbage collections and compared only as a bound.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { expect, it } from 'vitest';
import type { DavResponse } from '../../src/model/multistatus.ts';
import { decodeMultiStatus } from '../../src/multistatus/decode.ts';
import { MultiStatusReader } from '../../src/multistatus/incremental.ts';
import { apacheListing } from '../stream/apache-listing.ts';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function heapMiB(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed / 2 ** 20;
}

/** What `responses` keep alive beyond themselves, compared with a copy that shares nothing. */
function retained(decode: () => DavResponse[]): { kept: number; copy: number } {
  const base = heapMiB();
  let responses: DavResponse[] | undefined = decode();
  const kept = heapMiB() - base;
  const copy = structuredClone(responses);
  const withCopy = heapMiB() - base;
  responses = undefined;
  expect(copy).toHaveLength(20_001);
  return { kept, copy: withCopy - kept };
}

it.each([
  [
    'incremental (list(), davkit/stream)',
    (text: string) => {
      const reader = new MultiStatusReader({});
      for (let at = 0; at < text.length; at += 16_384) {
        reader.write(text.slice(at, at + 16_384));
      }
      return reader.close().responses;
    },
  ],
  ['buffered (decodeMultiStatus)', (text: string) => decodeMultiStatus(text).responses],
])(
  '%s: 20,000 entries keep about what a copy of them keeps',
  (_label, decode) => {
    const { kept, copy } = retained(() => decode(apacheListing(20_000)) as DavResponse[]);
    expect(kept, `kept ${kept.toFixed(1)} MiB, a copy ${copy.toFixed(1)} MiB`).toBeLessThan(copy * 1.5 + 2);
    // Decoding and forcing garbage collection of 20,000 entries takes ~3 s alone, far more on a loaded machine.
  },
  60_000,
);
