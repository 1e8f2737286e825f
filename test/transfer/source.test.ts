import { describe, expect, it } from 'vitest';
import { isDavUsageError } from '../../src/errors/guards.ts';
import { checkChunkSize, chunksOf } from '../../src/transfer/chunks.ts';
import { SequentialChunks } from '../../src/transfer/sequential-chunks.ts';
import { openSource } from '../../src/transfer/source.ts';
import type { UploadSource } from '../../src/transfer/types.ts';

const BYTES = new Uint8Array([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);

async function bytesOf(body: unknown): Promise<number[]> {
  return [...new Uint8Array(await new Response(body as BodyInit).arrayBuffer())];
}

async function* pieces(...sizes: number[]): AsyncGenerator<Uint8Array> {
  let at = 0;
  for (const size of sizes) {
    yield BYTES.slice(at, at + size);
    at += size;
  }
}

function caught(run: () => unknown): unknown {
  try {
    return run();
  } catch (error) {
    return error;
  }
}

describe('openSource', () => {
  it.each([
    ['a Blob', new Blob([BYTES])],
    ['bytes', BYTES],
    ['an ArrayBuffer', BYTES.slice().buffer],
    ['a view into a larger buffer', new Uint8Array(new Uint8Array([99, ...BYTES, 99]).buffer, 1, 10)],
    ['a reader', { size: 10, read: (start: number, end: number) => BYTES.slice(start, end) }],
  ] as [string, UploadSource][])('%s is seekable: any chunk, any number of times', async (_, source) => {
    const opened = openSource(source, { chunkSize: 4 });
    expect([opened.size, opened.seekable]).toEqual([10, true]);
    expect(await bytesOf(await opened.chunk(2, 8, 10))).toEqual([8, 9]);
    expect(await bytesOf(await opened.chunk(0, 0, 4))).toEqual([0, 1, 2, 3]);
    expect(await bytesOf(await opened.chunk(0, 0, 4))).toEqual([0, 1, 2, 3]);
    expect(await bytesOf(opened.whole())).toEqual([...BYTES]);
  });

  it('a File has a version from its name and modification time; sourceVersion overrides it', () => {
    const file = new File([BYTES], 'a.bin', { lastModified: 1234 });
    expect(openSource(file, { chunkSize: 4 }).version).toBe('a.bin@1234');
    expect(openSource(file, { chunkSize: 4, sourceVersion: 'rev-7' }).version).toBe('rev-7');
  });

  it('a reader that gives fewer bytes than asked is refused: never a short chunk', async () => {
    const opened = openSource({ size: 10, read: () => new Uint8Array(3) }, { chunkSize: 4 });
    const error = await opened.chunk(0, 0, 4).catch((e: unknown) => e);
    expect(isDavUsageError(error) && error.message).toMatch(/gave 3 bytes for bytes 0 to 4/);
  });

  it('a stream is not seekable; in chunks it needs its size, and it can be sent whole only once', async () => {
    const opened = openSource(new Blob([BYTES]).stream(), { chunkSize: 4 });
    expect([opened.size, opened.seekable]).toEqual([undefined, false]);
    expect(isDavUsageError(caught(() => opened.chunk(0, 0, 4)))).toBe(true);
    expect(await bytesOf(opened.whole())).toEqual([...BYTES]);
    expect(opened.streamed).toBe(10);
    expect(isDavUsageError(caught(() => opened.whole()))).toBe(true);
  });

  it('refuses what is not a source, and a size that contradicts the source', () => {
    for (const wrong of [undefined, null, 'text', 42, { size: 3 }, {}]) {
      expect(isDavUsageError(caught(() => openSource(wrong as never, { chunkSize: 4 })))).toBe(true);
    }
    expect(isDavUsageError(caught(() => openSource(BYTES, { chunkSize: 4, size: 11 })))).toBe(true);
  });
});

describe('SequentialChunks', () => {
  it('cuts a stream of any piece sizes into chunks, in order or ahead', async () => {
    const chunks = new SequentialChunks(pieces(3, 1, 5, 1)[Symbol.asyncIterator](), 10, 4);
    expect([...(await chunks.take(1))]).toEqual([4, 5, 6, 7]); // chunk 0 is read and kept on the way
    expect([...(await chunks.take(0))]).toEqual([0, 1, 2, 3]);
    expect([...(await chunks.take(2))]).toEqual([8, 9]);
  });

  it('keeps a chunk for a re-send until released, and refuses it after', async () => {
    const chunks = new SequentialChunks(pieces(10)[Symbol.asyncIterator](), 10, 4);
    await chunks.take(0);
    expect([...(await chunks.take(0))]).toEqual([0, 1, 2, 3]);
    chunks.release(0);
    expect(isDavUsageError(await chunks.take(0).catch((e: unknown) => e))).toBe(true);
  });

  it('refuses a stream shorter or longer than its size, and one that yields text', async () => {
    const short = new SequentialChunks(pieces(6)[Symbol.asyncIterator](), 10, 4);
    expect(await short.take(2).catch((e: unknown) => (e as Error).message)).toMatch(
      /ended before the 10 bytes/,
    );
    const long = new SequentialChunks(pieces(10)[Symbol.asyncIterator](), 8, 4);
    expect(await long.take(1).catch((e: unknown) => (e as Error).message)).toMatch(/longer than its size/);
    async function* text() {
      yield 'abc' as unknown as Uint8Array;
    }
    const words = new SequentialChunks(text(), 3, 4);
    expect(await words.take(0).catch((e: unknown) => (e as Error).message)).toMatch(/must yield bytes/);
  });
});

describe('chunks', () => {
  it('cover the file exactly, the last one shorter; an empty file is one empty chunk', () => {
    expect(chunksOf(10, 4).map((chunk) => [chunk.start, chunk.end])).toEqual([
      [0, 4],
      [4, 8],
      [8, 10],
    ]);
    expect(chunksOf(8, 4)).toHaveLength(2);
    expect(chunksOf(0, 4)).toEqual([{ index: 0, start: 0, end: 0 }]);
  });

  it('a chunk size is a whole number of bytes from 1 to 4 GiB', () => {
    for (const wrong of [0, -1, 1.5, '8M', 2 ** 33]) {
      expect(isDavUsageError(caught(() => checkChunkSize(wrong)))).toBe(true);
    }
    expect(caught(() => checkChunkSize(8 * 1024 * 1024))).toBeUndefined();
  });
});
