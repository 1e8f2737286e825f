/**
 * Downloads read whole (`getText`, `getBytes`) are bounded by their own `maxSize` (no limit by
 * default), and the error names that option, not the client's `maxBodySize` (issue 19).
 */
import { describe, expect, it } from 'vitest';
import { isDavBodyTooLargeError } from '../../src/errors/guards.ts';
import { observedClient } from '../helpers/clients.ts';

describe('maxSize of getText and getBytes', () => {
  const { dav } = observedClient(() => new Response(new Uint8Array(300_000)), { maxBodySize: 1_000 });

  it('is what bounds a download: the client maxBodySize does not', async () => {
    expect((await dav.getBytes('/f.bin')).byteLength).toBe(300_000);
  });

  it.each(['getBytes', 'getText'] as const)(
    '%s: the error names maxSize, its value and the option',
    async (verb) => {
      const error = await dav[verb]('/f.bin', { maxSize: 100 }).catch((e: unknown) => e);
      expect(isDavBodyTooLargeError(error) && [error.limitName, error.limit]).toEqual(['maxSize', 100]);
      expect((error as Error).message).toContain('the download exceeds 100 bytes, the maxSize limit');
    },
  );
});
