import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Progress } from 'ky';
import { describe, expect, it } from 'vitest';
import { scratch } from '../helpers/interop.ts';

// Transfer progress (ky's callbacks, passed through). In Node both directions report; in browsers
// upload progress needs a streaming request body, which Chromium allows only over HTTP/2 (README).

const SIZE = 2 * 1024 * 1024;

describe('progress callbacks against Apache', () => {
  it('report a download as it arrives, ending at 100 %', async () => {
    const s = await scratch('apache', 'progress-down');
    await s.seed('big.bin', new Uint8Array(SIZE).fill(7));
    const seen: Progress[] = [];
    const bytes = await s.dav.getBytes('/big.bin', { onDownloadProgress: (progress) => seen.push(progress) });
    expect(bytes.byteLength).toBe(SIZE);
    expect(seen.length).toBeGreaterThan(1);
    expect(seen.at(-1)).toMatchObject({ percent: 1, transferredBytes: SIZE });
    expect(seen.map((each) => each.transferredBytes)).toEqual(
      [...seen.map((each) => each.transferredBytes)].sort((a, b) => a - b),
    );
  });

  it('report an upload as it is sent', async () => {
    const s = await scratch('apache', 'progress-up');
    const seen: Progress[] = [];
    const result = await s.dav.put('/up.bin', new Uint8Array(SIZE).fill(3), {
      onUploadProgress: (progress) => seen.push(progress),
    });
    expect(result.created).toBe(true);
    expect(seen.length).toBeGreaterThan(1);
    expect(seen.at(-1)?.transferredBytes).toBe(SIZE);
    expect((await readFile(join(s.dir.dir, 'up.bin'))).byteLength).toBe(SIZE);
  });
});
