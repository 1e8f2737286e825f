import { describe, expect, it } from 'vitest';
import { buildPut, readPut } from '../../src/operations/put.ts';
import type { RawResponse } from '../../src/transport/raw-response.ts';
import { observedClient } from '../helpers/clients.ts';

function raw(status: number, headers: Record<string, string> = {}): RawResponse {
  return {
    status,
    statusText: '',
    headers,
    text: '',
    request: { method: 'PUT', url: 'https://h/a', path: '/a' },
  };
}

describe('buildPut', () => {
  it('sends strings as UTF-8 text and everything else as octets by default', () => {
    expect(buildPut('/a.txt', 'x').headers).toEqual({ 'content-type': 'text/plain; charset=utf-8' });
    expect(buildPut('/a.bin', new Uint8Array(2)).headers).toEqual({
      'content-type': 'application/octet-stream',
    });
    expect(buildPut('/a.bin', new ArrayBuffer(2)).headers).toEqual({
      'content-type': 'application/octet-stream',
    });
  });

  it('takes a Blob’s own type, and an explicit contentType over anything', () => {
    expect(buildPut('/a.json', new Blob(['{}'], { type: 'application/json' })).headers['content-type']).toBe(
      'application/json',
    );
    expect(buildPut('/a.bin', new Blob(['x'])).headers['content-type']).toBe('application/octet-stream');
    expect(buildPut('/a.csv', 'q,r', { contentType: 'text/csv' }).headers['content-type']).toBe('text/csv');
  });

  it('turns ifMatch, ifNoneMatch and overwrite: false into conditional headers', () => {
    expect(buildPut('/a', 'x', { ifMatch: '"e1"' }).headers['if-match']).toBe('"e1"');
    expect(buildPut('/a', 'x', { ifNoneMatch: '"e2"' }).headers['if-none-match']).toBe('"e2"');
    expect(buildPut('/a', 'x', { overwrite: false }).headers['if-none-match']).toBe('*');
    expect(buildPut('/a', 'x', { overwrite: true }).headers['if-none-match']).toBeUndefined();
  });

  it('keeps the body as given', () => {
    const body = new Uint8Array([1, 2, 3]);
    expect(buildPut('/a', body)).toMatchObject({ method: 'PUT', path: '/a', body, response: 'text' });
  });
});

describe('readPut', () => {
  it('tells created from replaced, and passes the new ETag on', () => {
    expect(readPut(raw(201))).toEqual({ status: 201, created: true });
    expect(readPut(raw(204, { etag: '"e2"' }))).toEqual({ status: 204, created: false, etag: '"e2"' });
  });

  it('throws for 409, 412 and 423', () => {
    for (const status of [409, 412, 423]) {
      expect(() => readPut(raw(status))).toThrow(String(status));
    }
  });
});

describe('PUT on the wire', () => {
  it('sends the body and headers as built', async () => {
    const { dav, requests } = observedClient(() => new Response(null, { status: 201 }));
    await dav.put('/dir/a b.txt', 'hello ✓', { ifMatch: '"e1"' });
    expect(
      requests.map((r) => [r.method, r.url, r.body, r.headers['if-match'], r.headers['content-type']]),
    ).toEqual([
      ['PUT', 'https://dav.test/root/dir/a%20b.txt', 'hello ✓', '"e1"', 'text/plain; charset=utf-8'],
    ]);
  });
});
