import { describe, expect, it } from 'vitest';
import { buildRefreshLock, buildUnlock, readUnlock } from '../../src/operations/unlock.ts';
import type { RawResponse } from '../../src/transport/raw-response.ts';
import { observedClient } from '../helpers/clients.ts';

describe('buildUnlock', () => {
  it('sends the token as a Coded-URL in Lock-Token, without a body', () => {
    expect(buildUnlock('/a.txt', 'opaquelocktoken:1234')).toEqual({
      method: 'UNLOCK',
      path: '/a.txt',
      headers: { 'lock-token': '<opaquelocktoken:1234>' },
      response: 'text',
    });
  });
});

describe('buildRefreshLock', () => {
  it('sends no body, the token in a tagged If, and the Timeout', () => {
    expect(buildRefreshLock('/a.txt', 'https://h/dav/a.txt', 'urn:t', { lockTimeout: 600 })).toEqual({
      method: 'LOCK',
      path: '/a.txt',
      headers: { if: '<https://h/dav/a.txt> (<urn:t>)', timeout: 'Second-600' },
      response: 'text',
    });
    expect(
      buildRefreshLock('/a.txt', 'https://h/dav/a.txt', 'urn:t', { lockTimeout: 'infinite' }).headers.timeout,
    ).toBe('Infinite, Second-4100000000');
    expect(buildRefreshLock('/a.txt', 'https://h/dav/a.txt', 'urn:t').headers.timeout).toBeUndefined();
  });

  it('takes { lockTimeout } as lock() does; a bare lock timeout (the older form) is refused', () => {
    const object = buildRefreshLock('/a.txt', 'https://h/dav/a.txt', 'urn:t', { lockTimeout: 900 });
    expect(object.headers).toEqual({ if: '<https://h/dav/a.txt> (<urn:t>)', timeout: 'Second-900' });
    expect(() => buildRefreshLock('/a.txt', 'https://h/dav/a.txt', 'urn:t', 900 as never)).toThrow(
      /lock timeout/,
    );
    // { timeout } was the lock's life before the renovation: refused unless a lockTimeout says it.
    expect(() =>
      buildRefreshLock('/a.txt', 'https://h/dav/a.txt', 'urn:t', { timeout: 900 } as never),
    ).toThrow(/refreshLock\(\): a lock's life is `lockTimeout`/);
  });

  it('writes the untagged If only when asked (servers that refuse the tagged form)', () => {
    const spec = buildRefreshLock('/a.txt', 'https://h/dav/a.txt', 'urn:t', {
      lockTimeout: 60,
      untagged: true,
    });
    expect(spec.headers).toEqual({ if: '(<urn:t>)', timeout: 'Second-60' });
  });

  it('refuses a timeout that cannot go on the wire', () => {
    expect(() => buildRefreshLock('/a', 'https://h/a', 't', { lockTimeout: Number.NaN })).toThrow(
      /lock timeout/,
    );
    expect(() => buildRefreshLock('/a', 'https://h/a', 't', null as never)).toThrow(/lock timeout/);
  });
});

describe('readUnlock', () => {
  const raw = (status: number): RawResponse => ({
    status,
    statusText: '',
    headers: {},
    text: '',
    request: { method: 'UNLOCK', url: 'https://h/a', path: '/a' },
  });
  it('accepts 204; 400 (Apache) and 409 (RFC) throw', () => {
    expect(readUnlock(raw(204))).toBeUndefined();
    expect(() => readUnlock(raw(400))).toThrow(/400/);
    expect(() => readUnlock(raw(409))).toThrow(/409/);
  });
});

describe('UNLOCK and refresh on the wire', () => {
  it('refreshLock() sends a bodyless LOCK with the tagged If, unlock() an UNLOCK with Lock-Token', async () => {
    const { dav, requests } = observedClient((request) =>
      request.method === 'UNLOCK'
        ? new Response(null, { status: 204 })
        : new Response(
            '<D:prop xmlns:D="DAV:"><D:lockdiscovery><D:activelock><D:locktype><D:write/></D:locktype><D:lockscope><D:exclusive/></D:lockscope><D:depth>0</D:depth><D:timeout>Second-60</D:timeout><D:locktoken><D:href>urn:t</D:href></D:locktoken></D:activelock></D:lockdiscovery></D:prop>',
            { headers: { 'content-type': 'application/xml' } },
          ),
    );
    const lock = await dav.refreshLock('/a b.txt', 'urn:t', { lockTimeout: 60 });
    await dav.unlock('/a b.txt', 'urn:t');
    expect(lock.timeout).toBe(60);
    expect(
      requests.map((r) => [r.method, r.headers.if, r.headers['lock-token'], r.headers.timeout, r.body]),
    ).toEqual([
      ['LOCK', '<https://dav.test/root/a%20b.txt> (<urn:t>)', undefined, 'Second-60', ''],
      ['UNLOCK', undefined, '<urn:t>', undefined, ''],
    ]);
  });
});
