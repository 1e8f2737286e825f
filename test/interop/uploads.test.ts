import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isDavUsageError } from '../../src/errors/guards.ts';
import type { UploadProgress, UploadState } from '../../src/transfer/types.ts';
import type { ServerName } from '../harness/servers/types.ts';
import { failure, scratch } from '../helpers/interop.ts';
import { MiB, monotonic, pattern, sameBytes } from '../helpers/transfers.ts';

// Uploads against the real Apache and SabreDAV of the harness: every strategy each server supports,
// byte for byte on the served disk, progress, the target's guard, and resuming from a saved state.

/** What 'auto' picks on each server (verified with a scratch file, not assumed). */
const AUTO: Partial<Record<ServerName, string>> = { apache: 'content-range', sabredav: 'sabredav-patch' };
const SERVERS = ['apache', 'sabredav'] as const;

/** The files of a directory, without SabreDAV's own `.sabredav` (where it keeps dead properties). */
async function files(dir: string): Promise<string[]> {
  return (await readdir(dir)).filter((file) => file !== '.sabredav');
}

async function onDisk(dir: string, name: string): Promise<Uint8Array> {
  return new Uint8Array(await readFile(join(dir, name)));
}

describe.each(SERVERS)('uploads to %s', (name) => {
  it(`'auto' verifies and uses ${AUTO[name]}: chunks in parallel, then one move; the bytes arrive exactly`, async () => {
    const s = await scratch(name, 'up-auto');
    const data = pattern(3 * MiB + 123, 1);
    const seen: UploadProgress[] = [];
    const result = await s.dav.upload('/big.bin', data, { chunkSize: MiB, onProgress: (p) => seen.push(p) });
    expect(result.ok).toBe(true);
    expect(result.strategy).toBe(AUTO[name]);
    expect(sameBytes(await onDisk(s.dir.dir, 'big.bin'), data)).toBe(true);
    // One step per chunk, the checks and the move, all successful.
    const chunks = result.batch.steps.filter((step) => step.id.startsWith('bytes-'));
    expect(chunks.map((step) => step.id)).toEqual([
      'bytes-0-1048575',
      'bytes-1048576-2097151',
      'bytes-2097152-3145727',
      'bytes-3145728-3145850',
    ]);
    expect(result.batch.steps.slice(-3).map((step) => `${step.id}:${step.kind}`)).toEqual([
      'check-temp:success',
      'assemble:success',
      'check-target:success',
    ]);
    // Progress counts confirmed bytes only: never down, ending at the size, with the state to save.
    expect(monotonic(seen.map((p) => p.loaded))).toBe(true);
    expect(seen.at(-1)).toMatchObject({ loaded: data.byteLength, total: data.byteLength });
    expect(seen.at(-1)?.state.confirmed).toEqual([0, 1, 2, 3]);
    // Nothing is left next to it: the scratch file of the check and the temporary file are gone.
    expect(await files(s.dir.dir)).toEqual(['big.bin']);
  });

  it("'single' sends one PUT to a temporary file and moves it in", async () => {
    const s = await scratch(name, 'up-single');
    const data = pattern(2 * MiB, 2);
    const result = await s.dav.upload('/one.bin', new Blob([data]), { strategy: 'single', chunkSize: MiB });
    expect(result.ok).toBe(true);
    expect(result.batch.steps.map((step) => step.id)).toEqual([
      'put',
      'check-temp',
      'assemble',
      'check-target',
    ]);
    expect(sameBytes(await onDisk(s.dir.dir, 'one.bin'), data)).toBe(true);
  });

  it('readers never see a partial file: the target appears only once complete', async () => {
    const s = await scratch(name, 'up-atomic');
    const data = pattern(4 * MiB, 3);
    const seenBeforeLastChunk: boolean[] = [];
    const reader = {
      size: data.byteLength,
      read: async (start: number, end: number) => {
        if (end === data.byteLength) {
          // Three chunks are on the server; the last is about to be read and sent.
          seenBeforeLastChunk.push(await s.other.exists('/new.bin'));
        }
        return data.slice(start, end);
      },
    };
    const result = await s.dav.upload('/new.bin', reader, { chunkSize: MiB, concurrency: 1 });
    expect(result.ok).toBe(true);
    expect(seenBeforeLastChunk).toEqual([false]);
    expect(await s.other.exists('/new.bin')).toBe(true);
  });

  it('replaces only the version that was there when the upload began (tagged If on its ETag)', async () => {
    const s = await scratch(name, 'up-guard');
    await s.dav.put('/doc.bin', 'old version');
    const data = pattern(3 * MiB, 4);
    let replaced = false;
    const result = await s.dav.upload('/doc.bin', data, {
      chunkSize: MiB,
      concurrency: 1,
      onProgress: ({ loaded }) => {
        if (loaded > 0 && !replaced) {
          replaced = true;
          void s.other.put('/doc.bin', 'a concurrent writer');
        }
      },
    });
    expect(result.ok).toBe(false);
    const [cause] = result.rootCauses();
    expect(cause).toMatchObject({ status: 412, step: 'assemble', fix: { kind: 'refresh-etag' } });
    expect(cause?.description).toMatch(/the target changed on the server since the upload began/);
    // The other writer's version stands; the uploaded file waits at the temporary name.
    expect(new TextDecoder().decode(await onDisk(s.dir.dir, 'doc.bin'))).toBe('a concurrent writer');
    expect((await readdir(s.dir.dir)).some((file) => file.endsWith('.part'))).toBe(true);
  });

  it('with overwrite: false, a file created meanwhile is not replaced; after the fix only the move is sent', async () => {
    const s = await scratch(name, 'up-absent');
    const data = pattern(2 * MiB + 5, 5);
    await s.dav.put('/taken.bin', 'someone else');
    const first = await s.dav.upload('/taken.bin', data, { chunkSize: MiB, overwrite: false });
    expect(first.ok).toBe(false);
    expect(first.rootCauses()[0]).toMatchObject({ status: 412, fix: { kind: 'destination-exists' } });
    const sent: string[] = [];
    const next = await first.retryAfterFix(async () => {
      await s.other.delete('/taken.bin');
    });
    sent.push(...next.batch.steps.filter((step) => step.attempt === 2).map((step) => step.id));
    expect(next.ok).toBe(true);
    expect(sent).toEqual(['assemble', 'check-target']);
    expect(sameBytes(await onDisk(s.dir.dir, 'taken.bin'), data)).toBe(true);
  });

  it('waits for a lock on the target during assembly, as the lock fixer does, then moves the file in', async () => {
    const s = await scratch(name, 'up-locked');
    await s.dav.put('/locked.bin', 'v1');
    const lock = await s.other.lock('/locked.bin', { lockTimeout: 60 });
    setTimeout(() => void s.other.unlock('/locked.bin', lock.token as string), 1500);
    const data = pattern(2 * MiB, 6);
    const result = await s.dav.upload('/locked.bin', data, { chunkSize: MiB, maxWaitMs: 20_000 });
    expect(result.rootCauses()).toEqual([]);
    expect(result.ok).toBe(true);
    const assembly = result.batch.steps.find((step) => step.id === 'assemble');
    expect(assembly?.attempt).toBeGreaterThan(1); // the first MOVE met the lock
    expect(sameBytes(await onDisk(s.dir.dir, 'locked.bin'), data)).toBe(true);
  });

  it('resumes from a state saved as JSON, sending only the chunks the server does not have', async () => {
    const s = await scratch(name, 'up-resume');
    const data = pattern(4 * MiB, 7);
    const stop = new AbortController();
    let saved = '';
    const first = await s.dav.upload('/r.bin', data, {
      chunkSize: MiB,
      concurrency: 1,
      signal: stop.signal,
      onProgress: ({ state }) => {
        saved = JSON.stringify(state);
        if (state.confirmed.length === 2) {
          stop.abort();
        }
      },
    });
    expect(first.ok).toBe(false);
    const state = JSON.parse(saved) as UploadState;
    expect(state.confirmed).toEqual([0, 1]);
    const resumed = await s.dav.upload('/r.bin', data, { resume: state as UploadState });
    expect(resumed.ok).toBe(true);
    expect(resumed.batch.steps.filter((step) => step.id.startsWith('bytes-')).map((step) => step.id)).toEqual(
      ['bytes-2097152-3145727', 'bytes-3145728-4194303'],
    );
    expect(sameBytes(await onDisk(s.dir.dir, 'r.bin'), data)).toBe(true);
  });

  it('refuses to resume with a changed source, or a stream', async () => {
    const s = await scratch(name, 'up-changed');
    const data = pattern(2 * MiB + 1, 8);
    const stop = new AbortController();
    let state: UploadState | undefined;
    await s.dav.upload('/c.bin', data, {
      chunkSize: MiB,
      concurrency: 1,
      signal: stop.signal,
      onProgress: (p) => {
        state = p.state;
        if (p.loaded > 0) {
          stop.abort();
        }
      },
    });
    const longer = await failure(
      s.dav.upload('/c.bin', pattern(2 * MiB + 2, 8), { resume: state as UploadState }),
    );
    expect(isDavUsageError(longer) && longer.message).toMatch(/the source changed since the upload began/);
    const stream = new Blob([data]).stream();
    const streamed = await failure(
      s.dav.upload('/c.bin', stream, { resume: state as UploadState, size: data.byteLength }),
    );
    expect(isDavUsageError(streamed) && streamed.message).toMatch(/a stream cannot be rewound/);
    const versioned = await failure(
      s.dav.upload('/c.bin', data, {
        resume: { ...(state as UploadState), source: { size: data.byteLength, version: 'v1' } },
        sourceVersion: 'v2',
      }),
    );
    expect(isDavUsageError(versioned)).toBe(true);
  });

  it('a stream of known size is sent in chunks; one of unknown size in one PUT, its size checked', async () => {
    const s = await scratch(name, 'up-stream');
    const data = pattern(3 * MiB, 9);
    const known = await s.dav.upload('/known.bin', new Blob([data]).stream(), {
      size: data.byteLength,
      chunkSize: MiB,
    });
    expect(known.ok).toBe(true);
    expect(known.strategy).toBe(AUTO[name]);
    const unknown = await s.dav.upload('/unknown.bin', new Blob([data]).stream(), { chunkSize: MiB });
    expect([unknown.ok, unknown.strategy, unknown.size]).toEqual([true, 'single', data.byteLength]);
    expect(sameBytes(await onDisk(s.dir.dir, 'known.bin'), data)).toBe(true);
    expect(sameBytes(await onDisk(s.dir.dir, 'unknown.bin'), data)).toBe(true);
  });

  it('an explicit strategy the server does not support is refused before anything is written', async () => {
    const s = await scratch(name, 'up-wrong');
    const other = name === 'apache' ? 'sabredav-patch' : 'content-range';
    const error = await failure(
      s.dav.upload('/w.bin', pattern(2 * MiB), { strategy: other, chunkSize: MiB }),
    );
    expect(isDavUsageError(error) && error.message).toMatch(
      new RegExp(`strategy '${other}' does not work on this server`),
    );
    expect(await files(s.dir.dir)).toEqual([]);
  });
});

/**
 * What each server does with a PUT with Content-Range, in the capability probe's words: rclone and
 * webdav-server answer it with a success and overwrite the whole file with the range (what 'auto' must
 * never trust).
 */
const CONTENT_RANGE = {
  nginx: /was refused \(501\)/,
  rclone: /answered as a success but the file did not hold the range \(ignored\)/,
  'webdav-server': /answered as a success but the file did not hold the range \(ignored\)/,
};

describe.each(['nginx', 'rclone', 'webdav-server'] as const)('uploads to %s (no partial update)', (name) => {
  it("'auto' finds that Content-Range does not work there and sends one PUT; the file is exact", async () => {
    const s = await scratch(name, 'up-plain');
    const data = pattern(2 * MiB + 9, 31);
    const result = await s.dav.upload('/p.bin', data, { chunkSize: MiB });
    expect(result.rootCauses()).toEqual([]);
    expect([result.ok, result.strategy]).toEqual([true, 'single']);
    expect(sameBytes(await onDisk(s.dir.dir, 'p.bin'), data)).toBe(true);
  });

  it("an explicit 'content-range' is refused, and the file there is untouched", async () => {
    const s = await scratch(name, 'up-refused');
    await s.seed('keep.bin', 'precious');
    const error = await failure(
      s.dav.upload('/keep.bin', pattern(2 * MiB), { strategy: 'content-range', chunkSize: MiB }),
    );
    expect(isDavUsageError(error) && error.message).toMatch(
      /strategy 'content-range' does not work on this server/,
    );
    expect(isDavUsageError(error) && error.message).toMatch(CONTENT_RANGE[name]);
    expect(new TextDecoder().decode(await onDisk(s.dir.dir, 'keep.bin'))).toBe('precious');
    expect(await files(s.dir.dir)).toEqual(['keep.bin']);
  });
});
