import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { isDavUsageError } from '../../src/errors/guards.ts';
import { lengthHeaders, toRequestBody } from '../../src/operations/body.ts';

async function drain(stream: ReadableStream<Uint8Array>): Promise<string> {
  return new Response(stream).text();
}

describe('toRequestBody', () => {
  it('passes the bodies fetch takes as they are', () => {
    const bytes = new Uint8Array([1, 2]);
    expect(toRequestBody(bytes, 'PUT')).toBe(bytes);
    expect(toRequestBody('text', 'PUT')).toBe('text');
  });

  it('turns a Node Readable (Buffers, strings) into a web stream of its bytes', async () => {
    const body = toRequestBody(Readable.from([Buffer.from('one '), 'twö']), 'PUT');
    expect(body).toBeInstanceOf(ReadableStream);
    expect(await drain(body as ReadableStream<Uint8Array>)).toBe('one twö');
  });

  it('reads an async iterable one chunk per pull, never ahead of the upload', async () => {
    let produced = 0;
    async function* counting(): AsyncGenerator<Uint8Array> {
      for (let i = 0; i < 100; i++) {
        produced++;
        yield new Uint8Array(10);
      }
    }
    const stream = toRequestBody(counting(), 'PUT') as ReadableStream<Uint8Array>;
    const reader = stream.getReader();
    await reader.read();
    await reader.read();
    expect(produced).toBeLessThanOrEqual(3); // the stream's high-water mark of 1 chunk
    await reader.cancel();
  });

  it('ends the iterable when the upload is cancelled (a Node Readable is destroyed)', async () => {
    const source = Readable.from(['a', 'b', 'c']);
    const reader = (toRequestBody(source, 'PUT') as ReadableStream<Uint8Array>).getReader();
    await reader.read();
    await reader.cancel();
    expect(source.destroyed).toBe(true);
  });

  it('errors the stream with a DavUsageError when a chunk is not bytes', async () => {
    const body = toRequestBody(Readable.from([{ not: 'bytes' }]), 'PUT') as ReadableStream<Uint8Array>;
    const error = await drain(body).catch((e: unknown) => e);
    expect(isDavUsageError(error) && error.message).toContain('a stream body must give bytes');
  });

  it('refuses what is no body, naming the method', () => {
    expect(() => toRequestBody(null, 'POST')).toThrow(/a POST body must be .*got null/);
    expect(() => toRequestBody({ length: 3 }, 'PUT')).toThrow(/AsyncIterable of bytes .*got a plain object/);
  });
});

describe('lengthHeaders', () => {
  it('declares a stream’s length, and checks a whole body’s against it', () => {
    expect(lengthHeaders(new ReadableStream(), 1_048_576)).toEqual({ 'content-length': '1048576' });
    expect(lengthHeaders('grüße', 7)).toEqual({});
    expect(lengthHeaders(new Uint8Array(3), undefined)).toEqual({});
    expect(() => lengthHeaders('grüße', 5)).toThrow('contentLength is 5, but the body has 7 bytes');
    expect(() => lengthHeaders(new ReadableStream(), -1)).toThrow(/contentLength/);
    expect(() => lengthHeaders(new ReadableStream(), 1.5)).toThrow(/contentLength/);
  });
});
