import { createReadStream, createWriteStream } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, expect, it } from 'vitest';
import { isDavHttpError, isDavUsageError } from '../../src/errors/guards.ts';
import type { Progress } from '../../src/model/progress.ts';
import { failure, scratch } from '../helpers/interop.ts';

// Node streams and async iterables as upload bodies (issue 16), against a real Apache.

const SIZE = 1_500_000;

function content(size: number): Uint8Array {
  return Uint8Array.from({ length: size }, (_, i) => (i * 31) % 251);
}

async function* pieces(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < bytes.byteLength; at += size) {
    yield bytes.subarray(at, at + size);
  }
}

describe('uploads from Node streams against Apache', () => {
  it('puts a fs.createReadStream with contentLength, reporting progress to 100 %', async () => {
    const s = await scratch('apache', 'node-stream-put');
    const bytes = content(SIZE);
    const source = join(tmpdir(), `davkit-node-stream-${process.pid}.bin`);
    await writeFile(source, bytes);
    const seen: Progress[] = [];
    const result = await s.dav.put('/big.bin', createReadStream(source), {
      contentLength: SIZE,
      onUploadProgress: (progress) => seen.push(progress),
    });
    expect(result.created).toBe(true);
    expect(Buffer.compare(await readFile(join(s.dir.dir, 'big.bin')), bytes)).toBe(0);
    expect(seen.length).toBeGreaterThan(5);
    expect(seen.at(-1)).toEqual({ percent: 1, totalBytes: SIZE, transferredBytes: SIZE });
    expect(
      seen.every((each, i) => i === 0 || each.transferredBytes > (seen[i - 1]?.transferredBytes ?? 0)),
    ).toBe(true);
  });

  it('puts an async generator without a length (chunked), progress ending at its size', async () => {
    const s = await scratch('apache', 'node-stream-gen');
    const bytes = content(300_000);
    const seen: Progress[] = [];
    await s.dav.put('/gen.bin', pieces(bytes, 50_000), {
      onUploadProgress: (progress) => seen.push(progress),
    });
    expect(Buffer.compare(await readFile(join(s.dir.dir, 'gen.bin')), bytes)).toBe(0);
    expect(seen.map((each) => each.transferredBytes)).toEqual([
      50_000, 100_000, 150_000, 200_000, 250_000, 300_000, 300_000,
    ]);
    expect(seen.at(-1)).toEqual({ percent: 1, totalBytes: 300_000, transferredBytes: 300_000 });
  });

  it('puts a Readable of strings (setEncoding) as UTF-8', async () => {
    const s = await scratch('apache', 'node-stream-text');
    await s.dav.put('/t.txt', Readable.from(['grüße ', 'aus ', 'Köln']));
    expect(await readFile(join(s.dir.dir, 't.txt'), 'utf8')).toBe('grüße aus Köln');
  });

  it.each([
    ['shorter', 1_000, 'ended after 500 bytes, but its contentLength is 1000'],
    ['longer', 400, 'gave more than its contentLength of 400 bytes'],
  ])(
    'stops a stream %s than its contentLength with a DavUsageError; the file keeps its content',
    async (_, declared, said) => {
      const s = await scratch('apache', 'node-stream-mismatch');
      await s.seed('kept.txt', 'kept');
      const error = await failure(
        s.dav.put('/kept.txt', pieces(content(500), 100), { contentLength: declared }),
      );
      expect(isDavUsageError(error) && error.message).toContain(said);
      expect(await readFile(join(s.dir.dir, 'kept.txt'), 'utf8')).toBe('kept');
    },
  );

  it('sends a Readable through dav.request() too', async () => {
    const s = await scratch('apache', 'node-stream-request');
    const result = await s.dav.request('PUT', '/r.txt', {
      body: Readable.from([Buffer.from('via request')]),
    });
    expect(result.status).toBe(201);
    expect(await readFile(join(s.dir.dir, 'r.txt'), 'utf8')).toBe('via request');
  });
});

describe('createReadStream / createWriteStream against Apache (for npm webdav users)', () => {
  it('downloads a file into fs.createWriteStream with pipeline', async () => {
    const s = await scratch('apache', 'read-stream');
    const bytes = content(SIZE);
    await s.seed('big.bin', bytes);
    const target = join(tmpdir(), `davkit-read-stream-${process.pid}.bin`);
    await pipeline(s.dav.createReadStream('/big.bin'), createWriteStream(target));
    expect(Buffer.compare(await readFile(target), bytes)).toBe(0);
  });

  it('downloads exactly the range asked for (Apache answers 206)', async () => {
    const s = await scratch('apache', 'read-stream-range');
    const bytes = content(SIZE);
    await s.seed('big.bin', bytes);
    const part = await new Response(
      s.dav.createReadStream('/big.bin', { range: { start: 100, end: 70_099 } }),
    ).bytes();
    expect(Buffer.compare(part, bytes.subarray(100, 70_100))).toBe(0);
  });

  it('errors the stream with the GET’s DavHttpError (404)', async () => {
    const s = await scratch('apache', 'read-stream-404');
    const target = join(tmpdir(), `davkit-read-stream-404-${process.pid}.bin`);
    const error = await failure(pipeline(s.dav.createReadStream('/absent.bin'), createWriteStream(target)));
    expect(isDavHttpError(error) && [error.status, error.method]).toEqual([404, 'GET']);
  });

  it('uploads fs.createReadStream through createWriteStream with pipeline; close waits for the server', async () => {
    const s = await scratch('apache', 'write-stream');
    const bytes = content(SIZE);
    const source = join(tmpdir(), `davkit-write-stream-${process.pid}.bin`);
    await writeFile(source, bytes);
    const upload = s.dav.createWriteStream('/up.bin', { contentLength: SIZE });
    await pipeline(createReadStream(source), Writable.fromWeb(upload));
    // pipeline resolved: the server has answered and stored the whole body.
    expect(Buffer.compare(await readFile(join(s.dir.dir, 'up.bin')), bytes)).toBe(0);
    expect(await upload.result).toMatchObject({ created: true, status: 201 });
  });

  it('rejects the pipeline with the PUT’s DavHttpError (409: no parent); nothing is created', async () => {
    const s = await scratch('apache', 'write-stream-409');
    const upload = s.dav.createWriteStream('/no/such/dir/up.txt');
    const error = await failure(Readable.toWeb(Readable.from([Buffer.from('lost?')])).pipeTo(upload));
    expect(isDavHttpError(error) && error.status).toBe(409);
    expect(await failure(upload.result)).toBe(error);
  });
});
