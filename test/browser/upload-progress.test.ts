import { describe, expect, it } from 'vitest';
import { isDavHttpError } from '../../src/errors/guards.ts';
import { createClient } from '../../src/index.ts';
import type { Progress } from '../../src/model/progress.ts';
import { davServer } from '../harness/dav-servers.ts';

// Upload progress of a single PUT in real headless Chromium, cross-origin to Apache (a real CORS
// preflight): fetch has no upload events and Chromium streams request bodies only over HTTP/2, so
// davkit sends this one request with XMLHttpRequest (issue 16).

const SIZE = 4 * 1024 * 1024;

function content(): Uint8Array {
  return Uint8Array.from({ length: SIZE }, (_, i) => (i * 7) % 253);
}

describe('upload progress in a browser', () => {
  it('reports a PUT’s progress to its end, and the server stores the whole body', async () => {
    const dav = createClient({ baseUrl: davServer('apache').baseUrl });
    const path = `/browser-progress-${Math.random().toString(36).slice(2, 10)}.bin`;
    const bytes = content();
    const seen: Progress[] = [];
    const result = await dav.put(path, bytes, { onUploadProgress: (progress) => seen.push(progress) });
    expect(result).toMatchObject({ status: 201, created: true });
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.at(-1)).toEqual({ percent: 1, totalBytes: SIZE, transferredBytes: SIZE });
    const back = await dav.getBytes(path);
    expect([back.byteLength, back.every((value, i) => value === bytes[i])]).toEqual([SIZE, true]);
    await dav.delete(path);
  });

  it('keeps a refused PUT a DavHttpError with its status and headers', async () => {
    const dav = createClient({ baseUrl: davServer('apache').baseUrl });
    const seen: Progress[] = [];
    const error = await dav
      .put('/no-such-dir/x/up.txt', 'lost', { onUploadProgress: (progress) => seen.push(progress) })
      .catch((e: unknown) => e);
    expect(isDavHttpError(error) && [error.status, error.method, error.statusText]).toEqual([
      409,
      'PUT',
      'Conflict',
    ]);
    expect(isDavHttpError(error) && error.headers['content-type']).toMatch(/^text\/html/);
  });
});
