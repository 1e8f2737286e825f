/**
 * Lock calls that adapt (issue 17, point 2) and `refreshLock`'s option shape (issue 11, point 8),
 * through davkit's real transport against in-process servers that answer exactly as the servers of
 * the issue did (test/helpers/quirky-server.ts: no harness server refuses the tagged `If` or an
 * ownerless LOCK). test/interop/servers-as-they-are.test.ts shows the harness servers never trigger
 * an adaptation.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createClient } from '../../src/client/create-client.ts';
import { isDavHttpError, isDavUsageError } from '../../src/errors/guards.ts';
import { type QuirkyServer, startQuirkyServer } from '../helpers/quirky-server.ts';

let server: QuirkyServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(quirk: Parameters<typeof startQuirkyServer>[0]): Promise<QuirkyServer> {
  server = await startQuirkyServer(quirk);
  return server;
}

function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (error: unknown) => error,
  );
}

describe('a refresh refused with 400 for its tagged If', () => {
  it('is sent once more with the untagged If, and the lock comes back with its fractional Timeout', async () => {
    const nas = await start('undeclared-dav');
    const dav = createClient({ baseUrl: nas.baseUrl, retry: 0 });
    const lock = await dav.lock('/a.txt', { lockTimeout: 600 });
    expect(lock.timeout).toBe(599); // `Second-599.998`, rounded down
    const token = lock.token as string;

    const refreshed = await dav.refreshLock('/a.txt', token, { lockTimeout: 600 });

    expect(refreshed).toMatchObject({ token, timeout: 599 });
    const refreshes = nas.log.filter((entry) => entry.method === 'LOCK' && entry.if !== undefined);
    expect(refreshes.map((entry) => entry.if)).toEqual([
      `<${nas.baseUrl}a.txt> (<${token}>)`,
      `(<${token}>)`,
    ]);
    expect(dav.quirks.list()).toEqual([{ origin: nas.origin, quirk: 'untagged-lock-refresh' }]);
  });

  it('is remembered: the next refresh on that server goes untagged at once, also from extend()ed clients', async () => {
    const nas = await start('undeclared-dav');
    const dav = createClient({ baseUrl: nas.baseUrl, retry: 0 });
    const token = (await dav.lock('/a.txt')).token as string;
    await dav.refreshLock('/a.txt', token);
    const before = nas.log.length;

    await dav.refreshLock('/a.txt', token, { lockTimeout: 'infinite' });
    await dav.extend({ headers: { 'x-extra': '1' } }).refreshLock('/a.txt', token);

    expect(nas.log.slice(before).map((entry) => entry.if)).toEqual([`(<${token}>)`, `(<${token}>)`]);
  });

  it('is not learned by another client: its first refresh goes tagged', async () => {
    const nas = await start('undeclared-dav');
    const first = createClient({ baseUrl: nas.baseUrl, retry: 0 });
    const token = (await first.lock('/a.txt')).token as string;
    await first.refreshLock('/a.txt', token);
    const other = createClient({ baseUrl: nas.baseUrl, retry: 0 });
    const before = nas.log.length;
    await other.refreshLock('/a.txt', token);
    expect(nas.log.slice(before).map((entry) => entry.if?.startsWith('<http'))).toEqual([true, false]);
  });

  it('is retried only for a 400: a 412 (token unknown) is reported as it is, untagged never sent', async () => {
    const nas = await start('owner-required'); // accepts the tagged If; unknown tokens get 412
    const dav = createClient({ baseUrl: nas.baseUrl, retry: 0 });
    const error = await failure(dav.refreshLock('/a.txt', 'opaquelocktoken:nobody'));
    expect(isDavHttpError(error) && error.status).toBe(412);
    expect(nas.log.filter((entry) => entry.if?.startsWith('(')).length).toBe(0);
    expect(dav.quirks.list()).toEqual([]);
  });

  it('adapts in batches too (they run the same operations through the same client)', async () => {
    const nas = await start('undeclared-dav');
    const dav = createClient({ baseUrl: nas.baseUrl, retry: 0 });
    const batch = dav.batch();
    const locked = batch.lock('/a.txt', { lockTimeout: 60 });
    batch.refreshLock('/a.txt', locked, { lockTimeout: 120 });
    const result = await batch.run();
    expect(result.ok).toBe(true);
    expect(dav.quirks.list()).toEqual([{ origin: nas.origin, quirk: 'untagged-lock-refresh' }]);
  });
});

describe('a LOCK refused with 400 because it names no owner', () => {
  it('is sent once more with the default owner "davkit", and the server is remembered', async () => {
    const box = await start('owner-required');
    const dav = createClient({ baseUrl: box.baseUrl, retry: 0 });

    const lock = await dav.lock('/a.txt');

    expect(lock.token).toMatch(/^opaquelocktoken:quirky-/);
    const locks = box.log.filter((entry) => entry.method === 'LOCK');
    expect(locks.map((entry) => /<D:owner>davkit<\/D:owner>/.test(entry.body))).toEqual([false, true]);
    expect(dav.quirks.list()).toEqual([{ origin: box.origin, quirk: 'lock-owner-required' }]);
    await dav.lock('/b.txt');
    expect(box.log.filter((entry) => entry.method === 'LOCK').length).toBe(3); // no second refusal
  });

  it('uses the client’s defaultLockOwner, and never replaces an owner the caller gave', async () => {
    const box = await start('owner-required');
    const dav = createClient({ baseUrl: box.baseUrl, retry: 0, defaultLockOwner: 'mailto:ops@example.com' });
    await dav.lock('/a.txt');
    await dav.lock('/b.txt', { owner: 'alice' });
    const owners = box.log
      .filter((entry) => entry.method === 'LOCK')
      .map((entry) => /<D:owner>([^<]*)</.exec(entry.body)?.[1]);
    expect(owners).toEqual([undefined, 'mailto:ops@example.com', 'alice']);
  });

  it('is not retried with defaultLockOwner: false; the 400 is the answer', async () => {
    const box = await start('owner-required');
    const dav = createClient({ baseUrl: box.baseUrl, retry: 0, defaultLockOwner: false });
    const error = await failure(dav.lock('/a.txt'));
    expect(isDavHttpError(error) && [error.status, error.bodySnippet]).toEqual([
      400,
      'Lock request requires a filled owner element',
    ]);
    expect(box.log.filter((entry) => entry.method === 'LOCK').length).toBe(1);
  });

  it('refuses a defaultLockOwner that is not a non-empty string or false', () => {
    for (const bad of ['', '  ', 42, true]) {
      expect(() => createClient({ baseUrl: 'http://127.0.0.1:1/', defaultLockOwner: bad as never })).toThrow(
        /defaultLockOwner/,
      );
    }
  });
});

describe('refreshLock takes lock()’s { lockTimeout } (issue 11.8; `timeout` is the request’s wait, issue 12)', () => {
  it('sends Second-900 for { lockTimeout: 900 } (it sent Second-NaN), beside a request timeout too', async () => {
    const box = await start('owner-required');
    const dav = createClient({ baseUrl: box.baseUrl, retry: 0 });
    const token = (await dav.lock('/a.txt', { owner: 'me' })).token as string;
    const seen: string[] = [];
    const watching = dav.extend({
      hooks: { beforeRequest: [({ request }) => void seen.push(request.headers.get('timeout') ?? '')] },
    });
    await watching.refreshLock('/a.txt', token, { lockTimeout: 900 });
    await watching.refreshLock('/a.txt', token, { lockTimeout: 'infinite', timeout: 5_000 });
    await watching.refreshLock('/a.txt', token);
    expect(seen).toEqual(['Second-900', 'Infinite, Second-4100000000', '']);
  });

  it('refuses timeouts that cannot go on the wire with DavUsageError, sending nothing', async () => {
    const box = await start('owner-required');
    const dav = createClient({ baseUrl: box.baseUrl, retry: 0 });
    for (const timeout of [Number.NaN, 0, -1, 1.5, 2 ** 32, '600']) {
      const error = await failure(dav.refreshLock('/a.txt', 't', { lockTimeout: timeout as never }));
      expect(isDavUsageError(error), String(timeout)).toBe(true);
      expect(isDavUsageError(await failure(dav.lock('/a.txt', { lockTimeout: timeout as never })))).toBe(
        true,
      );
    }
    expect(isDavUsageError(await failure(dav.refreshLock('/a.txt', 't', null as never)))).toBe(true);
    // The older positional lock timeout is refused, not read as "no options".
    expect(isDavUsageError(await failure(dav.refreshLock('/a.txt', 't', 600 as never)))).toBe(true);
    expect(box.log).toEqual([]);
  });
});
