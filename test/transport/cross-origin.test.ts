/**
 * Credentials never cross origins (issue 11.2): on a redirect to another origin (another port here:
 * two real servers on 127.0.0.1), `Authorization`, `Cookie`, `Proxy-Authorization` and the headers a
 * user marks secret are dropped, whoever set them: the `auth` option, the client's `headers`, the
 * call's `headers`. Before, only `Authorization` was dropped.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '../../src/client/create-client.ts';
import type { ClientOptions } from '../../src/client/options.ts';
import type { CallOptions } from '../../src/transport/request-spec.ts';
import { type HostileServer, startHostileServer } from '../helpers/hostile-server.ts';

let hostile: HostileServer;
beforeAll(async () => {
  hostile = await startHostileServer();
});
afterAll(() => hostile.close());

const SECRET_HEADERS = {
  Cookie: 'session=c00kie-value-1',
  'Proxy-Authorization': 'Basic cHJveHk6cHcxMjM0',
  'X-Api-Key': 'api-key-777',
};

/** Every way credentials reach a request: [label, client options, call options]. */
const WAYS: [string, Partial<ClientOptions>, CallOptions][] = [
  ['the basic auth option', { auth: { type: 'basic', username: 'u', password: 'p@ss-1' } }, {}],
  ['the bearer auth option', { auth: { type: 'bearer', token: 'bearer-tok-1' } }, {}],
  ['a bearer token function', { auth: { type: 'bearer', token: () => 'bearer-tok-2' } }, {}],
  ['userinfo in the base URL', { baseUrl: 'userinfo' }, {}],
  [
    'client headers',
    { headers: { Authorization: 'Bearer hdr-tok', ...SECRET_HEADERS }, secretHeaders: ['X-Api-Key'] },
    {},
  ],
  [
    'call headers',
    { secretHeaders: ['x-api-key'] },
    { headers: { authorization: 'Bearer call-tok', ...SECRET_HEADERS } },
  ],
];

const CREDENTIAL_HEADERS = ['authorization', 'cookie', 'proxy-authorization', 'x-api-key'];

function clientFor(options: Partial<ClientOptions>) {
  const baseUrl =
    options.baseUrl === 'userinfo' ? hostile.baseUrl.replace('//', '//u:p%40ss-2@') : hostile.baseUrl;
  return createClient({ retry: 0, ...options, baseUrl });
}

describe.each(WAYS)('credentials from %s', (_how, options, call) => {
  it.each([
    ['PROPFIND', (dav: ReturnType<typeof clientFor>) => dav.propfind('/redirect/a/', { ...call, depth: 0 })],
    ['GET', (dav: ReturnType<typeof clientFor>) => dav.getText('/redirect/a.txt', call)],
    ['HEAD', (dav: ReturnType<typeof clientFor>) => dav.head('/redirect/a.txt', call)],
  ] as const)('a %s followed to another origin carries none of them there', async (method, send) => {
    const before = hostile.other.requests.length;
    const sentBefore = hostile.received.length;
    await send(clientFor(options));
    const own = hostile.received.slice(sentBefore);
    const there = hostile.other.requests.slice(before);
    expect(there.map((r) => r.method)).toEqual([method]);
    // They were sent to the base URL's origin…
    expect(own.some((headers) => CREDENTIAL_HEADERS.some((name) => headers[name] !== undefined))).toBe(true);
    // …and none of them to the other one.
    for (const name of CREDENTIAL_HEADERS) {
      expect(there[0]?.headers[name], name).toBeUndefined();
    }
  });

  it('an unsafe request is not replayed there at all', async () => {
    const before = hostile.other.requests.length;
    const error = await clientFor(options)
      .put('/redirect/a.txt', 'x', call)
      .catch((e: unknown) => e);
    expect((error as { status?: number }).status).toBe(307);
    expect(hostile.other.requests.length).toBe(before);
  });
});

describe('an absolute URL on another origin, given directly', () => {
  it('gets no credentials either, whoever set them', async () => {
    const dav = clientFor({
      auth: { type: 'basic', username: 'u', password: 'p@ss-3' },
      headers: SECRET_HEADERS,
      secretHeaders: ['X-Api-Key'],
    });
    const before = hostile.other.requests.length;
    await dav.propfind(`${hostile.other.origin}/dav/x/`, { depth: 0, headers: { Cookie: 'call=c00kie-2' } });
    const there = hostile.other.requests.slice(before);
    expect(there).toHaveLength(1);
    for (const name of CREDENTIAL_HEADERS) {
      expect(there[0]?.headers[name], name).toBeUndefined();
    }
  });
});
