import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { isDavUsageError } from '../../src/errors/guards.ts';
import { checkDownloadState, parseContentRange, resumeHeaders } from '../../src/transfer/download-state.ts';
import type { DownloadState, SeekableSink } from '../../src/transfer/download-types.ts';
import { sinkWriter } from '../../src/transfer/sink.ts';
import { observedClient } from '../helpers/clients.ts';

const STATE: DownloadState = {
  kind: 'davkit-download',
  version: 1,
  source: 'https://h/dav/a.bin',
  received: 0,
};

function caught(run: () => unknown): unknown {
  try {
    return run();
  } catch (error) {
    return error;
  }
}

/** A file as a seekable sink, in memory. */
function memorySink(initial: number[] = []) {
  let bytes = [...initial];
  const calls: string[] = [];
  const sink: SeekableSink = {
    write: async (chunk, offset) => {
      calls.push(`write ${offset}+${chunk.byteLength}`);
      bytes.splice(offset, chunk.byteLength, ...chunk);
    },
    truncate: async (size) => {
      calls.push(`truncate ${size}`);
      bytes = bytes.slice(0, size);
    },
    close: async () => {
      calls.push('close');
    },
  };
  return { sink, calls, bytes: () => bytes };
}

describe('resuming a download', () => {
  it('asks for the rest with Range, and If-Range only on a strong ETag', () => {
    expect(resumeHeaders(STATE)).toEqual({ 'accept-encoding': 'identity' });
    expect(resumeHeaders({ ...STATE, received: 100, etag: '"v1"' })).toEqual({
      'accept-encoding': 'identity',
      range: 'bytes=100-',
      'if-range': '"v1"',
    });
    expect(resumeHeaders({ ...STATE, received: 100, etag: 'W/"v1"' })).toEqual({
      'accept-encoding': 'identity',
      range: 'bytes=100-',
    });
  });

  it('reads Content-Range', () => {
    expect(parseContentRange('bytes 100-199/1000')).toEqual({ start: 100, end: 199, total: 1000 });
    expect(parseContentRange('bytes 0-0/*')).toEqual({ start: 0, end: 0, total: undefined });
    expect(parseContentRange('items 1-2/3')).toBeUndefined();
    expect(parseContentRange(null)).toBeUndefined();
  });

  it('accepts only a state of this file', () => {
    expect(caught(() => checkDownloadState(STATE, STATE.source))).toBeUndefined();
    expect(isDavUsageError(caught(() => checkDownloadState(STATE, 'https://h/dav/b.bin')))).toBe(true);
    for (const wrong of [
      null,
      {},
      { ...STATE, received: -1 },
      { ...STATE, version: 2 },
      { ...STATE, etag: 5 },
    ]) {
      expect(isDavUsageError(caught(() => checkDownloadState(wrong, STATE.source)))).toBe(true);
    }
  });
});

describe('sinks', () => {
  it('a seekable sink is cut after what the state counts, then written from there', async () => {
    const file = memorySink([1, 2, 3, 4, 5, 6]);
    const writer = sinkWriter(file.sink, 3);
    await writer.write(new Uint8Array([9, 9]));
    await writer.close();
    expect(file.calls).toEqual(['truncate 3', 'write 3+2', 'close']);
    expect(file.bytes()).toEqual([1, 2, 3, 9, 9]);
  });

  it('a WritableStream gets the bytes in order, and stays open for a resume when the download stops', async () => {
    const got: number[] = [];
    const stream = new WritableStream<Uint8Array>({ write: (chunk) => void got.push(...chunk) });
    const writer = sinkWriter(stream, 0);
    await writer.write(new Uint8Array([1, 2]));
    await writer.release();
    const again = sinkWriter(stream, 2);
    await again.write(new Uint8Array([3]));
    await again.close();
    expect(got).toEqual([1, 2, 3]);
    expect(writer.seekable).toBe(false);
  });

  it('a Node Writable is written with its backpressure and ended', async () => {
    const node = new PassThrough({ highWaterMark: 1 });
    const got: number[] = [];
    node.on('data', (chunk: Buffer) => got.push(...chunk));
    const writer = sinkWriter(node, 0);
    await writer.write(new Uint8Array([1, 2, 3]));
    await writer.close();
    expect(got).toEqual([1, 2, 3]);
  });

  it('refuses a FileHandle (its write takes a buffer offset) and what is not a sink', () => {
    const handle = { fd: 3, write: () => undefined, truncate: () => undefined, close: () => undefined };
    expect(isDavUsageError(caught(() => sinkWriter(handle as never, 0)))).toBe(true);
    expect(isDavUsageError(caught(() => sinkWriter('/tmp/x' as never, 0)))).toBe(true);
  });
});

describe('download()', () => {
  it('a server that ignores Range sends the same version whole: the bytes already written are skipped', async () => {
    const body = new Uint8Array([0, 1, 2, 3, 4, 5, 6, 7]);
    const { dav, requests } = observedClient(() => new Response(body, { headers: { etag: '"v1"' } }));
    const file = memorySink([0, 1, 2]);
    const state = { ...STATE, source: dav.url('/a.bin'), etag: '"v1"', size: 8, received: 3 };
    const down = await dav.download('/a.bin', file.sink, { resume: state });
    expect(down.ok).toBe(true);
    expect(requests[0]?.headers.range).toBe('bytes=3-');
    expect(file.bytes()).toEqual([...body]);
  });

  it('a body that ends before its Content-Length is never ok: the rest is asked for, then it is a cause', async () => {
    const { dav, requests } = observedClient(() => {
      const five = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new Uint8Array(5));
          controller.close();
        },
      });
      return new Response(five, { headers: { etag: '"v1"', 'content-length': '8' } });
    });
    const down = await dav.download('/a.bin', memorySink().sink, { retries: 1 });
    expect(down.ok).toBe(false);
    expect(requests.map((request) => request.headers.range)).toEqual([undefined, 'bytes=5-']);
    expect(down.state).toMatchObject({ size: 8, received: 5 });
    expect(down.rootCauses()[0]?.description).toMatch(/the body ended after 5 of 8 bytes/);
  });
});
