import { describe, expect, it } from 'vitest';
import { isDavHttpError } from '../../src/errors/guards.ts';
import { buildPropfind, readPropfind } from '../../src/operations/propfind.ts';
import type { RawResponse } from '../../src/transport/raw-response.ts';
import { multistatusResponse, observedClient } from '../helpers/clients.ts';

const MS =
  '<d:multistatus xmlns:d="DAV:" xmlns:x="urn:x"><d:response><d:href>/root/a.txt</d:href>' +
  '<d:propstat><d:prop><d:getcontentlength>5</d:getcontentlength><d:getetag>"e1"</d:getetag></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat>' +
  '<d:propstat><d:prop><x:color/></d:prop><d:status>HTTP/1.1 404 Not Found</d:status></d:propstat>' +
  '</d:response></d:multistatus>';

function raw(status: number, text: string): RawResponse {
  return {
    status,
    statusText: '',
    headers: { 'content-type': 'application/xml' },
    text,
    request: { method: 'PROPFIND', url: 'https://dav.test/root/a.txt', path: '/root/a.txt' },
  };
}

describe('buildPropfind', () => {
  it('asks for allprop at Depth 1 by default, as UTF-8 XML', () => {
    const spec = buildPropfind('/docs/');
    expect([spec.method, spec.path, spec.response]).toEqual(['PROPFIND', '/docs/', 'text']);
    expect(spec.headers).toEqual({ 'content-type': 'application/xml; charset=utf-8', depth: '1' });
    expect(spec.body).toMatch(
      /<(\w+:)?propfind [^>]*xmlns(:\w+)?="DAV:"[^>]*><(\w+:)?allprop\/><\/(\w+:)?propfind>$/,
    );
  });

  it.each([
    [0, '0'],
    [1, '1'],
    ['infinity', 'infinity'],
  ] as const)('sends Depth %s as %j', (depth, header) => {
    expect(buildPropfind('/', { depth }).headers.depth).toBe(header);
  });

  it('names properties in their namespaces, propname, or allprop with include', () => {
    const named = buildPropfind('/', { props: ['{DAV:}getetag', '{urn:acme}state'] }).body as string;
    expect(named).toContain('getetag');
    expect(named).toMatch(/xmlns(:\w+)?="urn:acme"/);
    expect(named).not.toContain('allprop');
    expect(buildPropfind('/', { props: 'propname' }).body).toMatch(/propname\/>/);
    const include = buildPropfind('/', { props: { allprop: true, include: ['{urn:acme}state'] } })
      .body as string;
    expect(include).toMatch(/allprop\/>/);
    expect(include).toMatch(/include>/);
  });

  it('sends a bare name in no namespace, and rejects a malformed Clark name before sending', () => {
    expect(buildPropfind('/', { props: ['plain'] }).body).toContain('<plain/>');
    expect(() => buildPropfind('/', { props: ['{urn:x}'] })).toThrow(/Not a Clark name/);
  });
});

describe('readPropfind', () => {
  it('returns every propstat, 404s included, as data', () => {
    const ms = readPropfind(raw(207, MS));
    const [response] = ms.responses;
    expect(
      response?.kind === 'propstat' && response.propstats.map((p) => [p.status, Object.keys(p.props)]),
    ).toEqual([
      [200, ['{DAV:}getcontentlength', '{DAV:}getetag']],
      [404, ['{urn:x}color']],
    ]);
  });

  it('gives every value as null for propname', () => {
    const ms = readPropfind(raw(207, MS), { props: 'propname' });
    const [response] = ms.responses;
    expect(response?.kind === 'propstat' && response.propstats[0]?.props).toEqual({
      '{DAV:}getcontentlength': null,
      '{DAV:}getetag': null,
    });
  });

  it('throws a DavHttpError for a non-2xx answer', () => {
    expect(() => readPropfind(raw(403, ''))).toThrow('[PROPFIND] "https://dav.test/root/a.txt": 403');
  });
});

describe('PROPFIND on the wire', () => {
  it('sends PROPFIND in upper case with Depth and body, and decodes the answer', async () => {
    const { dav, requests } = observedClient(() => multistatusResponse(MS));
    const ms = await dav.propfind('/a.txt', { depth: 0, props: ['{DAV:}getetag'] });
    expect(requests.map((r) => [r.method, r.url, r.headers.depth, r.headers['content-type']])).toEqual([
      ['PROPFIND', 'https://dav.test/root/a.txt', '0', 'application/xml; charset=utf-8'],
    ]);
    expect(requests[0]?.body).toContain('getetag');
    expect(ms.responses[0]?.path).toBe('/root/a.txt');
  });

  it('lets call headers add to and override the request headers', async () => {
    const { dav, requests } = observedClient(() => multistatusResponse(MS), {
      headers: { 'X-App': 'a', Depth: '1' },
    });
    await dav.propfind('/a.txt', { depth: 0, headers: { 'x-call': 'c' } });
    expect([
      requests[0]?.headers['x-app'],
      requests[0]?.headers['x-call'],
      requests[0]?.headers.depth,
    ]).toEqual(['a', 'c', '0']);
  });

  it('reports a 404 as a DavHttpError with the request’s method and URL', async () => {
    const { dav } = observedClient(() => new Response('', { status: 404, statusText: 'Not Found' }));
    const error = await dav.propfind('/missing/').catch((e: unknown) => e);
    expect(isDavHttpError(error) && [error.status, error.method, error.url, error.request.path]).toEqual([
      404,
      'PROPFIND',
      'https://dav.test/root/missing/',
      '/root/missing/',
    ]);
  });
});
