import { describe, expect, it } from 'vitest';
import { buildOptions, readOptions } from '../../src/operations/options.ts';
import type { RawResponse } from '../../src/transport/raw-response.ts';
import { observedClient } from '../helpers/clients.ts';

describe('OPTIONS', () => {
  it('buildOptions asks for no body', () => {
    expect(buildOptions('/')).toEqual({ method: 'OPTIONS', path: '/', headers: {}, response: 'none' });
  });

  it('reads compliance classes (Apache’s two DAV headers arrive joined) and upper-cases Allow', () => {
    const raw: RawResponse = {
      status: 200,
      statusText: 'OK',
      headers: { dav: '1,2, <http://apache.org/dav/propset/fs/1>', allow: 'OPTIONS, get,PROPFIND , lock' },
      text: '',
      request: { method: 'OPTIONS', url: 'https://h/', path: '/' },
    };
    expect(readOptions(raw)).toEqual({
      dav: ['1', '2', '<http://apache.org/dav/propset/fs/1>'],
      allow: ['OPTIONS', 'GET', 'PROPFIND', 'LOCK'],
      headers: raw.headers,
    });
  });

  it('gives empty lists without the headers, and throws for a failure', () => {
    const request = { method: 'OPTIONS', url: 'https://h/', path: '/' };
    expect(readOptions({ status: 200, statusText: '', headers: {}, text: '', request })).toEqual({
      dav: [],
      allow: [],
      headers: {},
    });
    expect(() => readOptions({ status: 401, statusText: '', headers: {}, text: '', request })).toThrow(/401/);
  });

  it('sends OPTIONS to the base URL by default', async () => {
    const { dav, requests } = observedClient(() => new Response(null, { headers: { dav: '1, 2, 3' } }));
    expect((await dav.options()).dav).toEqual(['1', '2', '3']);
    expect(requests.map((r) => [r.method, r.url])).toEqual([['OPTIONS', 'https://dav.test/root/']]);
  });
});
