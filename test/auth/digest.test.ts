import { createHash, randomBytes } from 'node:crypto';
import { HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { digestResponse, parseDigestChallenge } from '../../src/auth/digest.ts';
import { createClient } from '../../src/client/create-client.ts';
import { isDavHttpError } from '../../src/errors/guards.ts';
import { MOCK_BASE, mswServer, okMultistatus, on } from '../helpers/msw.ts';

const server = mswServer();

const USER = 'Mufasa';
const PASSWORD = 'Circle of Life';
const REALM = 'http-auth@example.org';

/** RFC 7616 §3.9.1. */
const RFC_VECTOR = {
  username: USER,
  password: PASSWORD,
  realm: REALM,
  nonce: '7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v',
  method: 'GET',
  uri: '/dir/index.html',
  qop: 'auth',
  nc: '00000001',
  cnonce: 'f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ',
};

describe('digestResponse', () => {
  it('matches the RFC 7616 §3.9.1 example for MD5', async () => {
    expect(await digestResponse({ ...RFC_VECTOR, algorithm: 'MD5' })).toBe(
      '8ca523f5e9506fed4657c9700eebdbec',
    );
  });

  it('matches the RFC 7616 §3.9.1 example for SHA-256', async () => {
    expect(await digestResponse({ ...RFC_VECTOR, algorithm: 'SHA-256' })).toBe(
      '753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1',
    );
  });

  it('matches RFC 2617 §3.5 (MD5, qop=auth) and the legacy form without qop', async () => {
    const rfc2617 = {
      algorithm: 'MD5',
      username: 'Mufasa',
      password: 'Circle Of Life',
      realm: 'testrealm@host.com',
      nonce: 'dcd98b7102dd2f0e8b11d0f600bfb0c093',
      method: 'GET',
      uri: '/dir/index.html',
    };
    expect(await digestResponse({ ...rfc2617, qop: 'auth', nc: '00000001', cnonce: '0a4f113b' })).toBe(
      '6629fae49393a05397450978507c4ef1',
    );
    const ha1 = md5(`${rfc2617.username}:${rfc2617.realm}:${rfc2617.password}`);
    const ha2 = md5(`GET:${rfc2617.uri}`);
    expect(await digestResponse(rfc2617)).toBe(md5(`${ha1}:${rfc2617.nonce}:${ha2}`));
  });
});

describe('parseDigestChallenge', () => {
  it('reads the Digest challenge among other schemes, quoted and unquoted values', () => {
    expect(
      parseDigestChallenge(
        'Basic realm="files", Digest realm="dav \\"main\\"", nonce="n-1", opaque=op1, algorithm=SHA-256, qop="auth-int, auth"',
      ),
    ).toEqual({ realm: 'dav "main"', nonce: 'n-1', opaque: 'op1', algorithm: 'SHA-256', qop: 'auth' });
  });

  it('defaults to MD5 and leaves qop out when the server offers no "auth"', () => {
    expect(parseDigestChallenge('Digest realm="r", nonce="n"')).toEqual({
      realm: 'r',
      nonce: 'n',
      algorithm: 'MD5',
    });
    expect(parseDigestChallenge('Digest realm="r", nonce="n", qop="auth-int"')).toEqual({
      realm: 'r',
      nonce: 'n',
      algorithm: 'MD5',
    });
  });

  it('stops at the next challenge', () => {
    expect(parseDigestChallenge('Digest realm="a", nonce="1", Digest realm="b", nonce="2"')).toEqual({
      realm: 'a',
      nonce: '1',
      algorithm: 'MD5',
    });
  });

  it('returns undefined without Digest, without realm or nonce, or for an algorithm davkit cannot compute', () => {
    expect(parseDigestChallenge('Basic realm="x"')).toBeUndefined();
    expect(parseDigestChallenge('Digest realm="x"')).toBeUndefined();
    expect(parseDigestChallenge('Digest realm="x", nonce="n", algorithm=SHA-512-256')).toBeUndefined();
  });
});

function md5(text: string): string {
  return createHash('md5').update(text).digest('hex');
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Parses `Digest k=v, k="v"` with node's own code path (a regex independent of davkit's). */
function authParams(header: string): Record<string, string> {
  const params: Record<string, string> = {};
  for (const match of header.replace(/^Digest\s+/, '').matchAll(/(\w+)=(?:"([^"]*)"|([^,\s]+))/g)) {
    params[match[1] as string] = match[2] ?? match[3] ?? '';
  }
  return params;
}

/**
 * A Digest server per RFC 7616: challenges, then checks the client's answer by recomputing it with
 * node:crypto. Records every request, and whether each one was accepted.
 */
function digestServer(algorithm: 'MD5' | 'SHA-256', options: { staleAfter?: number } = {}) {
  const H = algorithm === 'MD5' ? md5 : sha256;
  let nonce = randomBytes(8).toString('hex');
  const opaque = randomBytes(4).toString('hex');
  const log: { method: string; authorized: boolean; nc?: string; params?: Record<string, string> }[] = [];
  const challenge = (stale = false) =>
    new HttpResponse('auth needed', {
      status: 401,
      headers: {
        'www-authenticate': `Digest realm="${REALM}", qop="auth", algorithm=${algorithm}, nonce="${nonce}", opaque="${opaque}"${stale ? ', stale=true' : ''}`,
      },
    });
  const handle = (request: Request) => {
    const header = request.headers.get('authorization');
    if (header === null || !header.startsWith('Digest ')) {
      log.push({ method: request.method, authorized: false });
      return challenge();
    }
    const p = authParams(header);
    const url = new URL(request.url);
    const ha1 = H(`${USER}:${REALM}:${PASSWORD}`);
    const ha2 = H(`${request.method}:${p.uri}`);
    const expected = H(`${ha1}:${p.nonce}:${p.nc}:${p.cnonce}:${p.qop}:${ha2}`);
    const fresh = p.nonce === nonce;
    const ok =
      p.username === USER &&
      p.realm === REALM &&
      p.uri === `${url.pathname}${url.search}` &&
      p.algorithm === algorithm &&
      p.opaque === opaque &&
      p.qop === 'auth' &&
      p.response === expected;
    log.push({
      method: request.method,
      authorized: ok && fresh,
      ...(p.nc === undefined ? {} : { nc: p.nc }),
      params: p,
    });
    if (ok && !fresh) {
      return challenge(true);
    }
    if (!ok) {
      return challenge();
    }
    if (options.staleAfter !== undefined && log.filter((e) => e.authorized).length >= options.staleAfter) {
      nonce = randomBytes(8).toString('hex');
    }
    return request.method === 'PROPFIND'
      ? HttpResponse.xml(okMultistatus(url.pathname), { status: 207 })
      : new HttpResponse(null, { status: 201 });
  };
  return { handle, log };
}

describe.each(['MD5', 'SHA-256'] as const)('digest auth with %s, qop=auth', (algorithm) => {
  it('answers the challenge with a response the server verifies, then reuses the nonce', async () => {
    const digest = digestServer(algorithm);
    server.use(
      on('PROPFIND', `${MOCK_BASE}:path*`, ({ request }) => digest.handle(request)),
      on('PUT', `${MOCK_BASE}:path*`, ({ request }) => digest.handle(request)),
    );
    const dav = createClient({
      baseUrl: MOCK_BASE,
      auth: { type: 'digest', username: USER, password: PASSWORD },
    });
    const ms = await dav.propfind('/a b/', { depth: 0 });
    expect(ms.responses).toHaveLength(1);
    await dav.put('/a b/c.txt', 'body survives the challenge');
    expect(digest.log.map((e) => [e.method, e.authorized, e.nc])).toEqual([
      ['PROPFIND', false, undefined],
      ['PROPFIND', true, '00000001'],
      ['PUT', true, '00000002'],
    ]);
    expect(digest.log.map((e) => e.params?.uri)).toEqual([undefined, '/dav/a%20b/', '/dav/a%20b/c.txt']);
  });

  it('re-answers a stale nonce once, without failing the request', async () => {
    const digest = digestServer(algorithm, { staleAfter: 1 });
    server.use(on('PUT', `${MOCK_BASE}:path*`, ({ request }) => digest.handle(request)));
    const dav = createClient({
      baseUrl: MOCK_BASE,
      auth: { type: 'digest', username: USER, password: PASSWORD },
    });
    await dav.put('/one.txt', '1');
    await dav.put('/two.txt', '2');
    expect(digest.log.map((e) => e.authorized)).toEqual([false, true, false, true]);
    expect(digest.log.map((e) => e.nc)).toEqual([undefined, '00000001', '00000002', '00000001']);
  });

  it('gives up with a 401 DavHttpError after one answered challenge when the password is wrong', async () => {
    const digest = digestServer(algorithm);
    server.use(on('PUT', `${MOCK_BASE}:path*`, ({ request }) => digest.handle(request)));
    const dav = createClient({
      baseUrl: MOCK_BASE,
      auth: { type: 'digest', username: USER, password: 'wrong' },
    });
    const error = await dav.put('/a.txt', 'x').catch((e: unknown) => e);
    expect(isDavHttpError(error) && error.status).toBe(401);
    expect(digest.log.map((e) => e.authorized)).toEqual([false, false]);
  });
});

describe('digest auth limits', () => {
  it('does not answer a challenge for an algorithm it cannot compute', async () => {
    let attempts = 0;
    server.use(
      on('PROPFIND', `${MOCK_BASE}x/`, () => {
        attempts++;
        return new HttpResponse(null, {
          status: 401,
          headers: { 'www-authenticate': 'Digest realm="r", nonce="n", algorithm=SHA-512-256, qop="auth"' },
        });
      }),
    );
    const dav = createClient({
      baseUrl: MOCK_BASE,
      auth: { type: 'digest', username: USER, password: PASSWORD },
    });
    const error = await dav.propfind('/x/').catch((e: unknown) => e);
    expect(isDavHttpError(error) && error.status).toBe(401);
    expect(attempts).toBe(1);
  });

  it('never answers a challenge from another origin', async () => {
    const seen: (string | null)[] = [];
    server.use(
      on(
        'PROPFIND',
        `${MOCK_BASE}away/`,
        () =>
          new HttpResponse(null, { status: 302, headers: { location: 'https://other.mock.test/dav/away/' } }),
      ),
      on('PROPFIND', 'https://other.mock.test/dav/away/', ({ request }) => {
        seen.push(request.headers.get('authorization'));
        return new HttpResponse(null, {
          status: 401,
          headers: { 'www-authenticate': 'Digest realm="r", nonce="n", qop="auth"' },
        });
      }),
    );
    const dav = createClient({
      baseUrl: MOCK_BASE,
      auth: { type: 'digest', username: USER, password: PASSWORD },
    });
    const error = await dav.propfind('/away/').catch((e: unknown) => e);
    expect(isDavHttpError(error) && error.status).toBe(401);
    expect(seen).toEqual([null]);
  });
});
