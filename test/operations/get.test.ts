import { describe, expect, it } from 'vitest';
import { isDavHttpError } from '../../src/errors/guards.ts';
import { buildGet } from '../../src/operations/get.ts';
import { observedClient } from '../helpers/clients.ts';

describe('buildGet', () => {
  it('asks for the response unread (a stream)', () => {
    expect(buildGet('/v.mp4')).toEqual({ method: 'GET', path: '/v.mp4', headers: {}, response: 'stream' });
  });

  it('turns a range and ifNoneMatch into headers', () => {
    expect(buildGet('/v', { range: { start: 0, end: 1023 } }).headers).toEqual({ range: 'bytes=0-1023' });
    expect(buildGet('/v', { range: { start: 1024 } }).headers).toEqual({ range: 'bytes=1024-' });
    expect(buildGet('/v', { ifNoneMatch: '"e1"' }).headers).toEqual({ 'if-none-match': '"e1"' });
  });
});

describe('GET on the wire', () => {
  it('get() hands the Response over unread', async () => {
    const { dav } = observedClient(() => new Response('streamed'));
    const response = await dav.get('/a.txt');
    expect(response.bodyUsed).toBe(false);
    expect(await response.text()).toBe('streamed');
  });

  it('getText() decodes with the declared charset', async () => {
    const latin1 = new Uint8Array([0x63, 0x61, 0x66, 0xe9]); // "café" in ISO-8859-1
    const { dav } = observedClient(
      () => new Response(latin1, { headers: { 'content-type': 'text/plain; charset=iso-8859-1' } }),
    );
    expect(await dav.getText('/a.txt')).toBe('café');
  });

  it('getBytes() returns the bytes', async () => {
    const { dav } = observedClient(() => new Response(new Uint8Array([0, 255, 7])));
    expect(await dav.getBytes('/a.bin')).toEqual(new Uint8Array([0, 255, 7]));
  });

  it('a 304 for ifNoneMatch throws a DavHttpError (nothing to read)', async () => {
    const { dav, requests } = observedClient(() => new Response(null, { status: 304 }));
    const error = await dav.getText('/a.txt', { ifNoneMatch: '"e1"' }).catch((e: unknown) => e);
    expect(isDavHttpError(error) && [error.status, error.message.includes('not followed')]).toEqual([
      304,
      false,
    ]);
    expect(requests[0]?.headers['if-none-match']).toBe('"e1"');
  });

  it('a failed GET keeps the body snippet and the response headers', async () => {
    const { dav } = observedClient(
      () =>
        new Response('<html>gone</html>', {
          status: 410,
          headers: { 'content-type': 'text/html', 'x-id': '7' },
        }),
    );
    const error = await dav.get('/a.txt').catch((e: unknown) => e);
    expect(isDavHttpError(error) && [error.status, error.bodySnippet, error.headers['x-id']]).toEqual([
      410,
      '<html>gone</html>',
      '7',
    ]);
  });
});
