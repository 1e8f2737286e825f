import { HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { createClient } from '../../src/client/create-client.ts';
import {
  isDavBodyTooLargeError,
  isDavHttpError,
  isDavNetworkError,
  isDavUsageError,
  isMultiStatusError,
} from '../../src/errors/guards.ts';
import type { HeldLock } from '../../src/model/locks.ts';
import { EXTENSION_METHOD_FACTS, methodFacts } from '../../src/model/methods.ts';
import { MOCK_BASE, mswServer, okMultistatus, on } from '../helpers/msw.ts';

// dav.request() with methods no harness server answers the way these cases need (a 503 or a 207 with
// a failure on demand, a record of the headers a custom method carried): msw. Real servers: see
// test/interop/request.test.ts.

const server = mswServer();

function heldLock(path: string, token: string): HeldLock {
  return {
    token,
    root: `/dav${path}`,
    rootUrl: `${MOCK_BASE.slice(0, -1)}${path}`,
    depth: 'infinity',
    scope: 'exclusive',
    expiresAt: null,
  };
}

/** Answers every request with `answer`, counting them and keeping the last one's headers and body. */
function record(method: string, path: string, answer: () => Response) {
  const seen = { count: 0, headers: {} as Record<string, string>, body: '', method: '' };
  server.use(
    on(method, `${MOCK_BASE}${path}`, async ({ request }) => {
      seen.count++;
      seen.method = request.method;
      seen.headers = Object.fromEntries(request.headers);
      seen.body = await request.text();
      return answer();
    }),
  );
  return seen;
}

describe('method facts of a method davkit does not know', () => {
  it('are a write’s: unsafe, not repeatable, tokens for the target and its parent', () => {
    expect(methodFacts('MKCALENDAR')).toBe(EXTENSION_METHOD_FACTS);
    expect(methodFacts('propfind')).toBe(EXTENSION_METHOD_FACTS); // methods are case-sensitive
    expect(EXTENSION_METHOD_FACTS).toEqual({
      safe: false,
      repeatable: false,
      impliesAncestors: false,
      lockEffects: { target: { recursive: false, membership: true } },
    });
    expect(methodFacts('PROPFIND').safe).toBe(true);
  });
});

describe('dav.request()', () => {
  it.each([
    ['', '""'],
    ['GET /x', '"GET /x"'],
    ['MKCALENDÄR', '"MKCALENDÄR"'],
    ['BIND\r\nX-Evil: 1', '"BIND\\r\\nX-Evil: 1"'],
    [42, 'number'],
  ])('refuses the method %j (not an RFC 9110 token) and sends nothing', async (method, shown) => {
    const dav = createClient({ baseUrl: MOCK_BASE });
    const error = await dav.request(method as string, '/x').catch((e: unknown) => e);
    expect(isDavUsageError(error) && error.message).toContain(`got ${shown}`);
  });

  it.each(['TRACE', 'connect', 'Track'])('refuses %s, which fetch forbids', async (method) => {
    const error = await createClient({ baseUrl: MOCK_BASE })
      .request(method, '/x')
      .catch((e: unknown) => e);
    expect(isDavUsageError(error) && error.message).toContain('fetch forbids it');
  });

  it('sends a custom method as written, with the client’s auth and headers, body and content type', async () => {
    const seen = record('BIND', 'coll/', () => new HttpResponse('bound', { status: 201 }));
    const dav = createClient({
      baseUrl: MOCK_BASE,
      auth: { type: 'bearer', token: 'tok-1234567' },
      headers: { 'x-app': 'davkit-test' },
    });
    const body = '<D:bind xmlns:D="DAV:"><D:segment>b</D:segment><D:href>/dav/a</D:href></D:bind>';
    const result = await dav.request('BIND', '/coll/', { body, contentType: 'application/xml' });
    expect(result).toEqual({
      status: 201,
      statusText: 'Created',
      headers: expect.any(Object),
      text: 'bound',
    });
    expect(seen).toMatchObject({
      method: 'BIND',
      body,
      headers: {
        authorization: 'Bearer tok-1234567',
        'x-app': 'davkit-test',
        'content-type': 'application/xml',
      },
    });
  });

  it('never retries a method it does not know (503, network error), as a write', async () => {
    const busy = record('POST', 'busy', () => new HttpResponse('busy', { status: 503 }));
    const down = record('MKCALENDAR', 'down/', () => HttpResponse.error());
    const dav = createClient({ baseUrl: MOCK_BASE, retry: { limit: 3, backoffLimit: 1 } });
    const error = await dav.request('POST', '/busy').catch((e: unknown) => e);
    expect(isDavHttpError(error) && [error.status, error.method]).toEqual([503, 'POST']);
    expect(isDavNetworkError(await dav.request('MKCALENDAR', '/down/').catch((e: unknown) => e))).toBe(true);
    expect([busy.count, down.count]).toEqual([1, 1]);
  });

  it('retries a safe verb sent through it, as the verb itself would be', async () => {
    let attempts = 0;
    server.use(
      on('PROPFIND', `${MOCK_BASE}flaky/`, () =>
        ++attempts === 1
          ? new HttpResponse(null, { status: 503 })
          : HttpResponse.xml(okMultistatus('/dav/flaky/'), { status: 207 }),
      ),
    );
    const dav = createClient({ baseUrl: MOCK_BASE, retry: { backoffLimit: 1 } });
    const ms = await dav.request('PROPFIND', '/flaky/', { headers: { depth: '0' }, response: 'multistatus' });
    expect([attempts, ms.responses.map((each) => each.path)]).toEqual([2, ['/dav/flaky/']]);
  });

  it('calls a 207 with a failure inside a failure: MultiStatusError', async () => {
    const failed =
      '<D:multistatus xmlns:D="DAV:"><D:response><D:href>/dav/acl.txt</D:href>' +
      '<D:status>HTTP/1.1 403 Forbidden</D:status></D:response></D:multistatus>';
    record('ACL', 'acl.txt', () => HttpResponse.xml(failed, { status: 207 }));
    const dav = createClient({ baseUrl: MOCK_BASE });
    const error = await dav
      .request('ACL', '/acl.txt', { body: '<D:acl xmlns:D="DAV:"/>' })
      .catch((e: unknown) => e);
    expect(isMultiStatusError(error) && error.multistatus.responses.map((each) => each.path)).toEqual([
      '/dav/acl.txt',
    ]);
  });

  it('submits held lock tokens for the target and its parent', async () => {
    const seen = record('MKCALENDAR', 'cals/work/', () => new HttpResponse(null, { status: 201 }));
    const dav = createClient({ baseUrl: MOCK_BASE });
    dav.locks.add(heldLock('/cals/', 'opaquelocktoken:cals'));
    await dav.request('MKCALENDAR', '/cals/work/');
    expect(seen.headers.if).toBe(`<${MOCK_BASE}cals/> (<opaquelocktoken:cals>)`);
    await dav.request('MKCALENDAR', '/cals/work/', { lockTokens: false });
    expect(seen.headers.if).toBeUndefined();
  });

  it('keeps the body out of its errors’ data (it is the caller’s content), with the method and status', async () => {
    record('POST', 'api', () => new HttpResponse('no such endpoint', { status: 404 }));
    const dav = createClient({ baseUrl: MOCK_BASE });
    const error = await dav
      .request('POST', '/api', { body: '{"secret-ish":"payload"}' })
      .catch((e: unknown) => e);
    expect(isDavHttpError(error) && [error.status, error.request.method, error.request.body]).toEqual([
      404,
      'POST',
      undefined,
    ]);
    expect(JSON.stringify(error)).not.toContain('payload');
  });

  it('reads the answer within maxBodySize', async () => {
    record('POST', 'big', () => new HttpResponse('x'.repeat(5_000)));
    const dav = createClient({ baseUrl: MOCK_BASE, maxBodySize: 1_024 });
    const error = await dav.request('POST', '/big').catch((e: unknown) => e);
    expect(isDavBodyTooLargeError(error) && error.limit).toBe(1_024);
  });

  it('hands the answer over as asked: none, stream', async () => {
    record('POST', 'stream', () => new HttpResponse('streamed body', { status: 200 }));
    const dav = createClient({ baseUrl: MOCK_BASE });
    expect((await dav.request('POST', '/stream', { response: 'none' })).text).toBe('');
    const response = await dav.request('POST', '/stream', { response: 'stream' });
    expect([response instanceof Response, await response.text()]).toEqual([true, 'streamed body']);
  });

  it('refuses a body that is not one', async () => {
    const dav = createClient({ baseUrl: MOCK_BASE });
    const error = await dav
      .request('POST', '/x', { body: { a: 1 } as unknown as string })
      .catch((e: unknown) => e);
    expect(isDavUsageError(error) && error.message).toContain('a POST body must be');
  });
});
