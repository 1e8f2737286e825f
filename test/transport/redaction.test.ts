import { inspect } from 'node:util';
import { HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { createClient } from '../../src/client/create-client.ts';
import type { ClientOptions } from '../../src/client/options.ts';
import { isDavError } from '../../src/errors/guards.ts';
import { MOCK_BASE, mswServer, on } from '../helpers/msw.ts';

const server = mswServer();

const USER = 'secret-user-qz';
const PASSWORD = 'pw-s3cret-9x';
const TOKEN = 'tok-bearer-77k';
const SECRETS = [USER, PASSWORD, TOKEN, btoa(`${USER}:${PASSWORD}`), 'Basic ', 'Bearer ', 'Digest '];

/** Every string reachable through an object's own enumerable fields. */
function enumerableStrings(value: unknown, seen = new Set<unknown>()): string[] {
  if (typeof value === 'string') {
    return [value];
  }
  if (typeof value !== 'object' || value === null || seen.has(value)) {
    return [];
  }
  seen.add(value);
  return Object.entries(value).flatMap(([key, field]) => [key, ...enumerableStrings(field, seen)]);
}

/** Everything a log line or a bug report could show of an error. */
function renderings(error: unknown): string[] {
  const e = error as Error;
  return [
    String(error),
    e.message,
    e.stack ?? '',
    JSON.stringify(error),
    ...enumerableStrings(error),
    inspect(error, { depth: 8 }),
    inspect(error, { depth: 8, showHidden: true }),
  ];
}

function expectNoSecrets(error: unknown): void {
  expect(isDavError(error)).toBe(true);
  for (const text of renderings(error)) {
    for (const secret of SECRETS) {
      expect(text, `${(error as Error).name} leaks ${JSON.stringify(secret)}`).not.toContain(secret);
    }
  }
}

const AUTHS: [string, Partial<ClientOptions>][] = [
  ['basic', { auth: { type: 'basic', username: USER, password: PASSWORD } }],
  ['bearer', { auth: { type: 'bearer', token: TOKEN } }],
  ['bearer function', { auth: { type: 'bearer', token: () => TOKEN } }],
  ['digest', { auth: { type: 'digest', username: USER, password: PASSWORD } }],
  ['userinfo in baseUrl', { baseUrl: `https://${USER}:${PASSWORD}@dav.mock.test/dav/` }],
  ['Authorization header', { headers: { Authorization: `Bearer ${TOKEN}` } }],
];

/** Each failure mode the client can end in, against a handler set up for it. */
const FAILURES: [string, (dav: ReturnType<typeof createClient>) => Promise<unknown>][] = [
  ['DavHttpError (500 HTML)', (dav) => dav.propfind('/http500/')],
  ['DavHttpError (401 after the challenge)', (dav) => dav.put('/http401', 'x')],
  ['MultiStatusError', (dav) => dav.proppatch('/ms', { set: { '{urn:x}a': '1' } })],
  ['DavParseError', (dav) => dav.propfind('/html207/')],
  ['DavNetworkError', (dav) => dav.delete('/network')],
  ['DavTimeoutError', (dav) => dav.propfind('/silent/', { timeout: 30 })],
  ['DavAbortError', (dav) => dav.mkcol('/aborted/', { signal: AbortSignal.abort() })],
  ['DavBodyTooLargeError', (dav) => dav.getBytes('/big.bin', { maxSize: 10 })],
];

function handlers() {
  const challenge = {
    'www-authenticate': 'Digest realm="r", nonce="n1", qop="auth"',
  };
  return [
    on('PROPFIND', `${MOCK_BASE}http500/`, ({ request }) =>
      HttpResponse.html(
        `<html><body>Internal error; you sent ${request.headers.get('authorization') === null ? 'nothing' : 'credentials'}</body></html>`,
        {
          status: 500,
        },
      ),
    ),
    on('PUT', `${MOCK_BASE}http401`, () => new HttpResponse('denied', { status: 401, headers: challenge })),
    on('PROPPATCH', `${MOCK_BASE}ms`, () =>
      HttpResponse.xml(
        '<D:multistatus xmlns:D="DAV:"><D:response><D:href>/dav/ms</D:href><D:propstat><D:prop><x:a xmlns:x="urn:x"/></D:prop>' +
          '<D:status>HTTP/1.1 403 Forbidden</D:status></D:propstat></D:response></D:multistatus>',
        { status: 207 },
      ),
    ),
    on('PROPFIND', `${MOCK_BASE}html207/`, () =>
      HttpResponse.html('<html><body>login page</body></html>', { status: 207 }),
    ),
    on('DELETE', `${MOCK_BASE}network`, () => HttpResponse.error()),
    on('PROPFIND', `${MOCK_BASE}silent/`, () => new Promise<never>(() => undefined)),
    on('GET', `${MOCK_BASE}big.bin`, () => new HttpResponse(new Uint8Array(100))),
  ];
}

describe.each(AUTHS)('with %s credentials', (_, auth) => {
  it.each(FAILURES)('a %s never shows them', async (_kind, call) => {
    server.use(...handlers());
    const dav = createClient({ baseUrl: MOCK_BASE, retry: 0, ...auth });
    const error = await call(dav).then(
      () => undefined,
      (e: unknown) => e,
    );
    expectNoSecrets(error);
  });
});

describe('base URLs with credentials', () => {
  it('are kept out of the client, its URLs and its results', () => {
    const dav = createClient({ baseUrl: `https://${USER}:${PASSWORD}@dav.mock.test/dav/` });
    expect(dav.baseUrl).toBe(MOCK_BASE);
    expect(dav.url('/a b.txt')).toBe(`${MOCK_BASE}a%20b.txt`);
  });

  it('are sent as Basic credentials, to the base origin only', async () => {
    const seen: (string | null)[] = [];
    server.use(
      on('GET', `${MOCK_BASE}a.txt`, ({ request }) => {
        seen.push(request.headers.get('authorization'));
        return new HttpResponse('a');
      }),
    );
    const dav = createClient({ baseUrl: `https://${USER}:${PASSWORD}@dav.mock.test/dav/` });
    await dav.getText('/a.txt');
    expect(seen).toEqual([`Basic ${btoa(`${USER}:${PASSWORD}`)}`]);
  });

  it.each([
    `http://${USER}:${PASSWORD}@exa mple.test/dav/`,
    `ftp://${USER}:${PASSWORD}@example.test/dav/`,
    `${USER}:${PASSWORD}@example.test/dav/`,
  ])('are not echoed when the base URL is rejected (%s)', (baseUrl) => {
    let error: unknown;
    try {
      createClient({ baseUrl });
    } catch (e) {
      error = e;
    }
    expect((error as Error).name).toBe('DavUsageError');
    expectNoSecrets(error);
  });

  it('are not echoed by errors for absolute request URLs that carry them', async () => {
    const dav = createClient({ baseUrl: MOCK_BASE, retry: 0 });
    const error = await dav
      .getText(`https://${USER}:${PASSWORD}@dav.mock.test/dav/x`)
      .catch((e: unknown) => e);
    expect((error as Error).name).toBe('DavNetworkError');
    expectNoSecrets(error);
  });
});
