/**
 * Faults around credentials, against real servers on two ports (two origins): a redirect to the other
 * origin never carries them there, and a 401 loop ends after a bounded number of attempts with a
 * `DavHttpError` 401 whose root cause is `reauthenticate`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '../../src/client/create-client.ts';
import type { ClientOptions } from '../../src/client/options.ts';
import { isDavHttpError } from '../../src/errors/guards.ts';
import { type FaultServer, startFaultServer } from './fault-server.ts';

let server: FaultServer;

beforeAll(async () => {
  server = await startFaultServer();
  server.store.collections.add('/root/data/');
});
afterAll(() => server.close());

function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    (value) => {
      throw new Error(`expected a failure, got ${JSON.stringify(value)}`);
    },
    (error: unknown) => error,
  );
}

const USER = 'fault-user';
const PASSWORD = 'fault-p@ss';
const TOKEN = 'fault-token';

/** Every way to give a client credentials. */
const CREDENTIALS: [string, () => Partial<ClientOptions>][] = [
  ['basic', () => ({ auth: { type: 'basic', username: USER, password: PASSWORD } })],
  ['digest', () => ({ auth: { type: 'digest', username: USER, password: PASSWORD } })],
  ['bearer', () => ({ auth: { type: 'bearer', token: TOKEN } })],
  ['bearer function', () => ({ auth: { type: 'bearer', token: () => TOKEN } })],
  ['an Authorization header', () => ({ headers: { Authorization: `Bearer ${TOKEN}` } })],
  [
    'userinfo in the base URL',
    () => ({ baseUrl: server.baseUrl.replace('//', `//${USER}:${encodeURIComponent(PASSWORD)}@`) }),
  ],
];

function client(credentials: Partial<ClientOptions>) {
  return createClient({ baseUrl: server.baseUrl, retry: 0, timeout: 30_000, ...credentials });
}

describe('a redirect to another origin', () => {
  it.each(CREDENTIALS)('PROPFIND (308) is followed without the %s credentials', async (name, credentials) => {
    const path = `/root/data/away-${name.replace(/\W/g, '-')}/`;
    server.arm(path, 'redirect-other-origin');
    const before = server.other.authorizations.length;
    const result = await client(credentials()).propfind(path.replace('/root', ''), { depth: 1 });
    expect(result.responses[0]?.href).toBe(`${path}0`);
    expect(server.other.requests.slice(before)).toEqual([`PROPFIND ${path}`]);
    expect(server.other.authorizations.slice(before)).toEqual([null]);
  });

  it.each(CREDENTIALS)(
    'PUT (307) is not replayed there (%s): DavHttpError 307',
    async (name, credentials) => {
      const path = `/root/data/put-away-${name.replace(/\W/g, '-')}.txt`;
      server.arm(path, 'redirect-other-origin');
      const before = server.other.requests.length;
      const error = await failure(client(credentials()).put(path.replace('/root', ''), 'x'));
      expect(isDavHttpError(error) && error.status).toBe(307);
      expect(isDavHttpError(error) && error.message).toContain('is not replayed on another origin');
      expect(server.other.requests.length).toBe(before);
    },
  );
});

describe('a 401 loop (Basic and Digest challenges, whatever is sent)', () => {
  it.each([
    ['basic', { auth: { type: 'basic', username: USER, password: PASSWORD } }, 1],
    ['digest', { auth: { type: 'digest', username: USER, password: PASSWORD } }, 2],
    ['bearer', { auth: { type: 'bearer', token: TOKEN } }, 1],
    ['bearer function', { auth: { type: 'bearer', token: () => TOKEN } }, 2],
    ['no credentials', {}, 1],
  ] as const)(
    '%s: ends after %i attempt(s) with DavHttpError 401 → reauthenticate',
    async (name, auth, attempts) => {
      const path = `/root/data/loop-${name.replace(/\W/g, '-')}.txt`;
      server.store.files.set(path, 'x');
      server.arm(path, 'auth-loop', { times: Number.POSITIVE_INFINITY });
      const error = await failure(
        client(auth as Partial<ClientOptions>).propfind(path.replace('/root', ''), { depth: 0 }),
      );
      expect(isDavHttpError(error) && error.status).toBe(401);
      expect(isDavHttpError(error) && error.rootCauses().map((cause) => cause.fix)).toEqual([
        { kind: 'reauthenticate' },
      ]);
      // No challenge header in the error: it is a secret-bearing header.
      expect(isDavHttpError(error) && error.headers['www-authenticate']).toBeUndefined();
      expect(server.caught(path)).toBe(attempts);
    },
  );

  it('PUT with digest: the body is sent at most twice', async () => {
    const path = '/root/data/loop-put.txt';
    server.arm(path, 'auth-loop', { times: Number.POSITIVE_INFINITY });
    const error = await failure(
      client({ auth: { type: 'digest', username: USER, password: PASSWORD } }).put('/data/loop-put.txt', 'x'),
    );
    expect(isDavHttpError(error) && error.status).toBe(401);
    expect(server.caught(path)).toBe(2);
  });
});
