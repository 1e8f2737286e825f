import { afterEach, describe, expect, it, vi } from 'vitest';
import { createClient } from '../../src/client/create-client.ts';
import { isDavTimeoutError } from '../../src/errors/guards.ts';
import { DAV_METHODS } from '../../src/model/methods.ts';
import {
  type Handler,
  multistatusResponse,
  type ObservedRequest,
  observedClient,
} from '../helpers/clients.ts';

afterEach(() => {
  vi.useRealTimers();
});

/** A LOCK answer as servers send it; `root` is the lockroot the server claims. */
function lockAnswer(
  token: string,
  options: { timeout?: string; root?: string; header?: boolean } = {},
): Response {
  const root = options.root === undefined ? '' : `<D:lockroot><D:href>${options.root}</D:href></D:lockroot>`;
  const body =
    '<D:prop xmlns:D="DAV:"><D:lockdiscovery><D:activelock><D:locktype><D:write/></D:locktype>' +
    '<D:lockscope><D:exclusive/></D:lockscope><D:depth>infinity</D:depth>' +
    `<D:timeout>${options.timeout ?? 'Second-600'}</D:timeout><D:locktoken><D:href>${token}</D:href></D:locktoken>${root}` +
    '</D:activelock></D:lockdiscovery></D:prop>';
  return new Response(body, {
    headers: {
      'content-type': 'application/xml',
      ...(options.header === false ? {} : { 'lock-token': `<${token}>` }),
    },
  });
}

const noContent = () => new Response(null, { status: 204 });

/** Answers LOCK with `lock`, everything else with 204 (201 for PUT). */
function server(lock: () => Response): Handler {
  return (request: ObservedRequest) => {
    if (request.method === 'LOCK') {
      return lock();
    }
    return request.method === 'PUT' ? new Response(null, { status: 201 }) : noContent();
  };
}

describe('lock bookkeeping', () => {
  it('remembers a new lock at the request URL, not at the lockroot the server reports', async () => {
    // rclone reports its lockroot without its --baseurl prefix.
    const { dav, requests } = observedClient(server(() => lockAnswer('1795308480', { root: '/a.txt' })));
    await dav.lock('/a.txt', { lockTimeout: 600 });
    expect(dav.locks.list().map((l) => [l.token, l.root, l.rootUrl, l.depth])).toEqual([
      ['1795308480', '/root/a.txt', 'https://dav.test/root/a.txt', 'infinity'],
    ]);
    await dav.put('/a.txt', 'x');
    expect(requests[1]?.headers.if).toBe('<https://dav.test/root/a.txt> (<1795308480>)');
  });

  it('sends no If on the LOCK itself, and remembers a depth-0 lock as depth 0', async () => {
    const { dav, requests } = observedClient(server(() => lockAnswer('urn:t1')));
    await dav.lock('/dir/', { depth: 0 });
    await dav.lock('/dir/', { depth: 0 });
    expect(requests.map((r) => [r.method, r.headers.depth, r.headers.if])).toEqual([
      ['LOCK', '0', undefined],
      ['LOCK', '0', undefined],
    ]);
    expect(dav.locks.list().map((l) => l.depth)).toEqual([0]);
  });

  it('computes the expiry from the granted timeout, and forgets the lock when it has passed', async () => {
    vi.useFakeTimers({ now: 1_000_000, toFake: ['Date'] });
    const { dav, requests } = observedClient(server(() => lockAnswer('urn:t1', { timeout: 'Second-60' })));
    await dav.lock('/a.txt', { lockTimeout: 600 });
    expect(dav.locks.list().map((l) => l.expiresAt)).toEqual([1_060_000]);
    vi.setSystemTime(1_060_000);
    expect(dav.locks.list()).toEqual([]);
    await dav.put('/a.txt', 'x');
    expect(requests.at(-1)?.headers.if).toBeUndefined();
  });

  it('keeps a lock granted with Second-0 (rclone without Timeout) or Infinite until UNLOCK', async () => {
    const { dav } = observedClient(server(() => lockAnswer('1795308481', { timeout: 'Second-0' })));
    await dav.lock('/a.txt');
    expect(dav.locks.list().map((l) => [l.token, l.expiresAt])).toEqual([['1795308481', null]]);
    const infinite = observedClient(server(() => lockAnswer('urn:inf', { timeout: 'Infinite' })));
    await infinite.dav.lock('/b.txt');
    expect(infinite.dav.locks.list().map((l) => l.expiresAt)).toEqual([null]);
  });

  it('a refresh keeps the root and depth it had, with the new expiry', async () => {
    vi.useFakeTimers({ now: 0, toFake: ['Date'] });
    let timeout = 'Second-600';
    const { dav, requests } = observedClient(server(() => lockAnswer('urn:t1', { timeout, header: false })));
    await dav.lock('/dir/', { depth: 0 });
    timeout = 'Second-900';
    await dav.refreshLock('/dir/', 'urn:t1', { lockTimeout: 900 });
    expect(dav.locks.list()).toEqual([
      {
        token: 'urn:t1',
        root: '/root/dir/',
        rootUrl: 'https://dav.test/root/dir/',
        depth: 0,
        scope: 'exclusive',
        expiresAt: 900_000,
      },
    ]);
    expect(requests[1]?.headers.if).toBe('<https://dav.test/root/dir/> (<urn:t1>)');
  });

  it('UNLOCK forgets the token; a failed UNLOCK keeps it', async () => {
    let unlockStatus = 409;
    const { dav } = observedClient((request) =>
      request.method === 'LOCK' ? lockAnswer('urn:t1') : new Response(null, { status: unlockStatus }),
    );
    await dav.lock('/a.txt');
    await dav.unlock('/a.txt', 'urn:t1').catch(() => undefined);
    expect(dav.locks.list().map((l) => l.token)).toEqual(['urn:t1']);
    unlockStatus = 204;
    await dav.unlock('/a.txt', 'urn:t1');
    expect(dav.locks.list()).toEqual([]);
  });

  it('a successful DELETE forgets the locks at and below the path; a failed one keeps them', async () => {
    let deleteStatus = 423;
    let n = 0;
    const { dav, requests } = observedClient((request) => {
      if (request.method === 'LOCK') {
        n++;
        return lockAnswer(`urn:t${n}`);
      }
      return new Response(null, { status: deleteStatus });
    });
    await dav.lock('/dir/a.txt');
    await dav.lock('/dir/sub/b.txt');
    await dav.lock('/other.txt');
    await dav.delete('/dir/').catch(() => undefined);
    expect(dav.locks.list()).toHaveLength(3);
    deleteStatus = 204;
    await dav.delete('/dir/');
    expect(dav.locks.list().map((l) => l.token)).toEqual(['urn:t3']);
    expect(requests.at(-1)?.headers.if).toContain('(<urn:t1>)');
  });

  it('a successful MOVE forgets the locks of the source (locks do not move)', async () => {
    const { dav } = observedClient((request) =>
      request.method === 'LOCK' ? lockAnswer('urn:src') : new Response(null, { status: 201 }),
    );
    await dav.lock('/src/m.txt');
    await dav.move('/src/', '/dst/');
    expect(dav.locks.list()).toEqual([]);
  });

  it('extend() gives a new client a copy of the held locks, not the same store', async () => {
    const { dav } = observedClient(server(() => lockAnswer('urn:t1')));
    await dav.lock('/a.txt');
    const child = dav.extend({ headers: { 'X-Child': '1' } });
    expect(child.locks.list().map((l) => l.token)).toEqual(['urn:t1']);
    child.locks.delete('urn:t1');
    expect(dav.locks.list().map((l) => l.token)).toEqual(['urn:t1']);
  });

  it('lockTokens: false in the client options turns automatic submission off', async () => {
    const { dav, requests } = observedClient(
      server(() => lockAnswer('urn:t1')),
      { lockTokens: false },
    );
    await dav.lock('/a.txt');
    await dav.put('/a.txt', 'x');
    expect(requests[1]?.headers.if).toBeUndefined();
  });
});

describe('the wire', () => {
  it('every verb goes out in upper case', async () => {
    const { dav, requests } = observedClient((request) => {
      if (request.method === 'LOCK') {
        return lockAnswer('urn:t');
      }
      if (['PROPFIND', 'PROPPATCH', 'REPORT', 'SEARCH'].includes(request.method)) {
        return multistatusResponse('<D:multistatus xmlns:D="DAV:"/>');
      }
      return request.method === 'GET' ? new Response('x') : new Response(null, { status: 201 });
    });
    await dav.options('/');
    await dav.getText('/a');
    await dav.head('/a');
    await dav.put('/a', 'x');
    await dav.delete('/a');
    await dav.propfind('/');
    await dav.proppatch('/a', { set: { '{urn:x}a': '1' } });
    await dav.mkcol('/c/');
    await dav.copy('/a', '/b');
    await dav.move('/a', '/b');
    await dav.lock('/a');
    await dav.unlock('/a', 'urn:t');
    await dav.report('/', '<x/>');
    await dav.search('/', '<x/>');
    // PATCH has no verb method: the probe sends it as an operation (SabreDAV's partial updates).
    await dav.run({
      spec: { method: 'PATCH', path: '/a', headers: {}, body: 'x', response: 'none' },
      read: () => 0,
    });
    expect(requests.map((r) => r.method)).toEqual([...DAV_METHODS]);
  });

  it('url() resolves client paths; baseUrl is normalised without credentials', () => {
    const dav = createClient({ baseUrl: 'https://u:p@h/remote.php/dav/files/alice' });
    expect(dav.baseUrl).toBe('https://h/remote.php/dav/files/alice/');
    expect(dav.url('/a b/ü.txt')).toBe('https://h/remote.php/dav/files/alice/a%20b/%C3%BC.txt');
  });
});

describe('lock() timeouts', () => {
  it('takes `lockTimeout` as the lock’s Timeout (seconds), not as a 600 ms request timeout', async () => {
    vi.useFakeTimers();
    const { dav, requests } = observedClient(
      () => new Promise<Response>((resolve) => setTimeout(() => resolve(lockAnswer('urn:slow')), 2_000)),
      { timeout: 10_000 },
    );
    const pending = dav.lock('/a.txt', { lockTimeout: 600 }).then(
      (lock) => lock.token,
      (error: unknown) => error,
    );
    await vi.advanceTimersByTimeAsync(2_000);
    expect(await pending).toBe('urn:slow');
    expect(requests[0]?.headers.timeout).toBe('Second-600');
  });

  it('takes `timeout`, as every call does, as how long the request may wait (ms)', async () => {
    vi.useFakeTimers();
    const { dav, requests } = observedClient(
      () => new Promise<Response>((resolve) => setTimeout(() => resolve(lockAnswer('urn:slow')), 2_000)),
    );
    const pending = dav.lock('/a.txt', { timeout: 500, lockTimeout: 600 }).catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(isDavTimeoutError(await pending)).toBe(true);
    expect(requests[0]?.headers.timeout).toBe('Second-600');
  });

  it('accepts an infinite lock timeout', async () => {
    const { dav, requests } = observedClient(() => lockAnswer('urn:inf', { timeout: 'Infinite' }));
    await dav.lock('/a.txt', { lockTimeout: 'infinite' });
    expect(requests[0]?.headers.timeout).toBe('Infinite, Second-4100000000');
  });
});
