import { describe, expect, it } from 'vitest';
import { buildHead, readHead } from '../../src/operations/head.ts';
import type { RawResponse } from '../../src/transport/raw-response.ts';
import { observedClient } from '../helpers/clients.ts';

function raw(status: number, headers: Record<string, string>): RawResponse {
  return {
    status,
    statusText: '',
    headers,
    text: '',
    request: { method: 'HEAD', url: 'https://h/a', path: '/a' },
  };
}

describe('buildHead', () => {
  it('asks for no body', () => {
    expect(buildHead('/a.txt')).toEqual({ method: 'HEAD', path: '/a.txt', headers: {}, response: 'none' });
  });
});

describe('readHead', () => {
  it('reads ETag, size, type and date (as ISO 8601)', () => {
    expect(
      readHead(
        raw(200, {
          etag: 'W/"5-abc"',
          'content-length': '5',
          'content-type': 'text/plain',
          'last-modified': 'Sun, 06 Nov 1994 08:49:37 GMT',
        }),
      ),
    ).toEqual({
      status: 200,
      etag: 'W/"5-abc"',
      size: 5,
      contentType: 'text/plain',
      lastModified: '1994-11-06T08:49:37.000Z',
      headers: {
        etag: 'W/"5-abc"',
        'content-length': '5',
        'content-type': 'text/plain',
        'last-modified': 'Sun, 06 Nov 1994 08:49:37 GMT',
      },
    });
  });

  it('leaves out what is missing or unreadable', () => {
    expect(readHead(raw(200, { 'content-length': 'lots', 'last-modified': 'yesterday' }))).toEqual({
      status: 200,
      headers: { 'content-length': 'lots', 'last-modified': 'yesterday' },
    });
  });

  it('throws for a 404', () => {
    expect(() => readHead(raw(404, {}))).toThrow(/404/);
  });
});

describe('HEAD on the wire', () => {
  it('sends HEAD and reads the headers', async () => {
    const { dav, requests } = observedClient(
      () => new Response(null, { headers: { 'content-length': '12', etag: '"e"' } }),
    );
    const head = await dav.head('/a.txt');
    expect([requests[0]?.method, head.size, head.etag]).toEqual(['HEAD', 12, '"e"']);
  });
});
