import { HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { createClient } from '../../src/client/create-client.ts';
import { isDavHttpError } from '../../src/errors/guards.ts';
import { decideRedirect } from '../../src/transport/redirects.ts';
import { MOCK_BASE, MOCK_ORIGIN, mswServer, okMultistatus, on } from '../helpers/msw.ts';

const server = mswServer();
const OTHER = 'https://elsewhere.mock.test';
const from = new URL(`${MOCK_BASE}a/`);

describe('decideRedirect', () => {
  it.each([301, 302, 307, 308])(
    'follows a %i for PROPFIND on the same origin, keeping the method',
    (status) => {
      expect(decideRedirect(status, '/dav/b/', from, 'PROPFIND', 0, 5)).toEqual({
        follow: true,
        url: new URL(`${MOCK_ORIGIN}/dav/b/`),
        crossOrigin: false,
      });
    },
  );

  it('resolves a relative Location against the request URL', () => {
    const decision = decideRedirect(301, 'c/', from, 'GET', 0, 5);
    expect(decision.follow && decision.url.href).toBe(`${MOCK_BASE}a/c/`);
  });

  it('does not follow a 303 for anything but GET and HEAD', () => {
    expect(decideRedirect(303, '/x', from, 'PROPFIND', 0, 5)).toEqual({
      follow: false,
      reason: '303 See Other is not followed for PROPFIND',
    });
    expect(decideRedirect(303, '/x', from, 'GET', 0, 5).follow).toBe(true);
    expect(decideRedirect(303, '/x', from, 'HEAD', 0, 5).follow).toBe(true);
  });

  it.each(['PUT', 'DELETE', 'PROPPATCH', 'MOVE'])('does not replay a %s on another origin', (method) => {
    const decision = decideRedirect(307, `${OTHER}/dav/a/`, from, method, 0, 5);
    expect(decision).toEqual({
      follow: false,
      reason: `a ${method} is not replayed on another origin (${OTHER})`,
    });
  });

  it('follows a safe method to another origin and says so', () => {
    expect(decideRedirect(308, `${OTHER}/x`, from, 'PROPFIND', 0, 5)).toEqual({
      follow: true,
      url: new URL(`${OTHER}/x`),
      crossOrigin: true,
    });
  });

  it('stops at the hop limit, on a missing or invalid Location, and on other statuses', () => {
    expect(decideRedirect(301, '/x', from, 'GET', 5, 5)).toEqual({
      follow: false,
      reason: 'more than 5 redirects',
    });
    expect(decideRedirect(301, null, from, 'GET', 0, 5)).toEqual({ follow: false });
    expect(decideRedirect(301, 'http://[bad', from, 'GET', 0, 5)).toEqual({
      follow: false,
      reason: 'the Location header is not a valid URL',
    });
    expect(decideRedirect(200, '/x', from, 'GET', 0, 5)).toEqual({ follow: false });
    expect(decideRedirect(304, '/x', from, 'GET', 0, 5)).toEqual({ follow: false });
  });
});

interface Seen {
  method: string;
  url: string;
  body: string;
  depth: string | null;
  authorization: string | null;
}

async function record(request: Request, seen: Seen[]): Promise<void> {
  seen.push({
    method: request.method,
    url: request.url,
    body: await request.text(),
    depth: request.headers.get('depth'),
    authorization: request.headers.get('authorization'),
  });
}

describe('redirects on the wire', () => {
  it.each([301, 302, 307, 308])('a %i keeps PROPFIND, its Depth and its body', async (status) => {
    const seen: Seen[] = [];
    server.use(
      on('PROPFIND', `${MOCK_BASE}old/`, async ({ request }) => {
        await record(request, seen);
        return new HttpResponse(null, { status, headers: { location: '/dav/new/' } });
      }),
      on('PROPFIND', `${MOCK_BASE}new/`, async ({ request }) => {
        await record(request, seen);
        return HttpResponse.xml(okMultistatus('/dav/new/'), { status: 207 });
      }),
    );
    const dav = createClient({ baseUrl: MOCK_BASE });
    const ms = await dav.propfind('/old/', { depth: 0, props: ['{DAV:}getetag'] });
    expect(ms.responses.map((r) => r.path)).toEqual(['/dav/new/']);
    expect(seen.map((s) => [s.method, s.url, s.depth])).toEqual([
      ['PROPFIND', `${MOCK_BASE}old/`, '0'],
      ['PROPFIND', `${MOCK_BASE}new/`, '0'],
    ]);
    expect(seen[1]?.body).toBe(seen[0]?.body);
    expect(seen[1]?.body).toContain('getetag');
  });

  it('a 307 on PUT within the origin resends the body to the new location, with credentials', async () => {
    const seen: Seen[] = [];
    server.use(
      on('PUT', `${MOCK_BASE}a.txt`, async ({ request }) => {
        await record(request, seen);
        return new HttpResponse(null, { status: 307, headers: { location: `${MOCK_BASE}moved/a.txt` } });
      }),
      on('PUT', `${MOCK_BASE}moved/a.txt`, async ({ request }) => {
        await record(request, seen);
        return new HttpResponse(null, { status: 201 });
      }),
    );
    const dav = createClient({ baseUrl: MOCK_BASE, auth: { type: 'basic', username: 'u', password: 'p' } });
    expect(await dav.put('/a.txt', 'hello')).toEqual({ status: 201, created: true });
    expect(seen.map((s) => [s.method, s.body, s.authorization])).toEqual([
      ['PUT', 'hello', `Basic ${btoa('u:p')}`],
      ['PUT', 'hello', `Basic ${btoa('u:p')}`],
    ]);
  });

  it('follows a PROPFIND to another origin without its Authorization header', async () => {
    const seen: Seen[] = [];
    server.use(
      on('PROPFIND', `${MOCK_BASE}shared/`, async ({ request }) => {
        await record(request, seen);
        return new HttpResponse(null, { status: 301, headers: { location: `${OTHER}/dav/shared/` } });
      }),
      on('PROPFIND', `${OTHER}/dav/shared/`, async ({ request }) => {
        await record(request, seen);
        return HttpResponse.xml(okMultistatus('/dav/shared/'), { status: 207 });
      }),
    );
    const dav = createClient({
      baseUrl: MOCK_BASE,
      auth: { type: 'basic', username: 'alice', password: 's3cret' },
      headers: { 'X-Trace': 't1' },
    });
    await dav.propfind('/shared/');
    expect(seen.map((s) => [s.url, s.authorization])).toEqual([
      [`${MOCK_BASE}shared/`, `Basic ${btoa('alice:s3cret')}`],
      [`${OTHER}/dav/shared/`, null],
    ]);
  });

  it('drops an Authorization header set by hand too when the redirect leaves the origin', async () => {
    const seen: Seen[] = [];
    server.use(
      on(
        'GET',
        `${MOCK_BASE}f.txt`,
        () => new HttpResponse(null, { status: 302, headers: { location: `${OTHER}/f.txt` } }),
      ),
      on('GET', `${OTHER}/f.txt`, async ({ request }) => {
        await record(request, seen);
        return new HttpResponse('content');
      }),
    );
    const dav = createClient({ baseUrl: MOCK_BASE, headers: { Authorization: 'Bearer hand-made' } });
    expect(await dav.getText('/f.txt')).toBe('content');
    expect(seen.map((s) => s.authorization)).toEqual([null]);
  });

  it.each([
    ['PUT', (dav: ReturnType<typeof createClient>) => dav.put('/a.txt', 'x')],
    ['DELETE', (dav: ReturnType<typeof createClient>) => dav.delete('/a.txt')],
  ] as const)('does not follow a %s to another origin: DavHttpError with a hint', async (method, call) => {
    let reachedOther = 0;
    server.use(
      on(
        method,
        `${MOCK_BASE}a.txt`,
        () => new HttpResponse(null, { status: 307, headers: { location: `${OTHER}/a.txt` } }),
      ),
      on(method, `${OTHER}/a.txt`, () => {
        reachedOther++;
        return new HttpResponse(null, { status: 204 });
      }),
    );
    const dav = createClient({ baseUrl: MOCK_BASE, auth: { type: 'basic', username: 'u', password: 'p' } });
    const error = await call(dav).catch((e: unknown) => e);
    expect(isDavHttpError(error) && [error.status, error.method]).toEqual([307, method]);
    expect(isDavHttpError(error) && error.message).toContain(`a ${method} is not replayed on another origin`);
    expect(reachedOther).toBe(0);
  });

  it('does not follow a 303 answering a PROPFIND', async () => {
    let followed = 0;
    server.use(
      on(
        'PROPFIND',
        `${MOCK_BASE}see/`,
        () => new HttpResponse(null, { status: 303, headers: { location: '/dav/other/' } }),
      ),
      on('GET', `${MOCK_BASE}other/`, () => {
        followed++;
        return new HttpResponse('page');
      }),
    );
    const dav = createClient({ baseUrl: MOCK_BASE });
    const error = await dav.propfind('/see/').catch((e: unknown) => e);
    expect(isDavHttpError(error) && error.status).toBe(303);
    expect(isDavHttpError(error) && error.message).toContain('303 See Other is not followed for PROPFIND');
    expect(followed).toBe(0);
  });

  it('follows a 303 answering a GET with a GET', async () => {
    server.use(
      on(
        'GET',
        `${MOCK_BASE}see.txt`,
        () => new HttpResponse(null, { status: 303, headers: { location: '/dav/seen.txt' } }),
      ),
      on('GET', `${MOCK_BASE}seen.txt`, () => new HttpResponse('seen')),
    );
    const dav = createClient({ baseUrl: MOCK_BASE });
    expect(await dav.getText('/see.txt')).toBe('seen');
  });

  it('stops after maxRedirects hops', async () => {
    let hops = 0;
    server.use(
      on('PROPFIND', `${MOCK_BASE}loop/:n`, ({ params }) => {
        hops++;
        return new HttpResponse(null, {
          status: 301,
          headers: { location: `/dav/loop/${Number(params.n) + 1}` },
        });
      }),
    );
    const dav = createClient({ baseUrl: MOCK_BASE, maxRedirects: 3 });
    const error = await dav.propfind('/loop/0').catch((e: unknown) => e);
    expect(isDavHttpError(error) && error.status).toBe(301);
    expect(isDavHttpError(error) && error.message).toContain('more than 3 redirects');
    expect(hops).toBe(4);
  });
});
