import { describe, expect, it } from 'vitest';
import { isDavHttpError, isDavParseError, isMultiStatusError } from '../../src/errors/guards.ts';
import { DavUsageError } from '../../src/errors/transport-errors.ts';
import { buildLock, type LockTimeout, readLock, timeoutHeader } from '../../src/operations/lock.ts';
import type { RawResponse } from '../../src/transport/raw-response.ts';

function raw(status: number, text: string, headers: Record<string, string> = {}): RawResponse {
  return {
    status,
    statusText: '',
    headers: { 'content-type': 'application/xml', ...headers },
    text,
    request: { method: 'LOCK', url: 'https://h/dav/a.txt', path: '/dav/a.txt', baseUrl: 'https://h/dav/' },
  };
}

const activelock = (token: string, extra = '') =>
  `<D:activelock><D:locktype><D:write/></D:locktype><D:lockscope><D:shared/></D:lockscope><D:depth>0</D:depth>` +
  `<D:timeout>Second-600</D:timeout><D:locktoken><D:href>${token}</D:href></D:locktoken>${extra}</D:activelock>`;
const discovery = (...locks: string[]) =>
  `<?xml version="1.0"?><D:prop xmlns:D="DAV:"><D:lockdiscovery>${locks.join('')}</D:lockdiscovery></D:prop>`;

describe('timeoutHeader', () => {
  it('writes Second-n, Infinite with a fallback, or nothing', () => {
    expect(timeoutHeader(600)).toEqual({ timeout: 'Second-600' });
    expect(timeoutHeader(1)).toEqual({ timeout: 'Second-1' });
    expect(timeoutHeader(2 ** 32 - 1)).toEqual({ timeout: 'Second-4294967295' });
    expect(timeoutHeader('infinite')).toEqual({ timeout: 'Infinite, Second-4100000000' });
    expect(timeoutHeader(undefined)).toEqual({});
  });

  // Issue 11.8: `Second-NaN` went on the wire for `{ timeout: 900 }`; 0.4 was silently sent as 1.
  it.each([
    ['NaN', Number.NaN],
    ['an object', { timeout: 900 }],
    ['zero', 0],
    ['a negative number', -5],
    ['a fraction', 59.6],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['more than 2^32 - 1', 2 ** 32],
    ['a numeric string', '600'],
    ['null', null],
  ])('refuses %s with DavUsageError, before anything is built', (_what, value) => {
    expect(() => timeoutHeader(value as LockTimeout)).toThrow(DavUsageError);
    expect(() => buildLock('/a.txt', { lockTimeout: value as LockTimeout })).toThrow(
      /lock timeout must be whole seconds/,
    );
  });
});

describe('buildLock', () => {
  it('asks for an exclusive write lock, Depth infinity, for 10 minutes, by default', () => {
    // Issue 14.4: without a Timeout, Apache and nginx grant an infinite lock, an orphan when the client dies.
    const spec = buildLock('/a.txt');
    expect([spec.method, spec.path, spec.headers]).toEqual([
      'LOCK',
      '/a.txt',
      { 'content-type': 'application/xml; charset=utf-8', depth: 'infinity', timeout: 'Second-600' },
    ]);
    expect(spec.body).toMatch(/lockscope><(\w+:)?exclusive\/>/);
    expect(spec.body).toMatch(/locktype><(\w+:)?write\/>/);
  });

  it('sends scope, Depth 0, Timeout and owner as asked', () => {
    const spec = buildLock('/a.txt', {
      scope: 'shared',
      depth: 0,
      lockTimeout: 120,
      owner: 'mailto:a@example.com',
    });
    expect([spec.headers.depth, spec.headers.timeout]).toEqual(['0', 'Second-120']);
    expect(spec.body).toMatch(/shared\/>/);
    expect(spec.body).toMatch(/owner>mailto:a@example.com</);
  });
});

describe('buildLock: values that cannot go on the wire', () => {
  it.each([
    ['depth 1', { depth: 1 }],
    ['depth "0"', { depth: '0' }],
    ['a scope that is not exclusive or shared', { scope: 'owner-only' }],
  ])('refuses %s with DavUsageError', (_what, options) => {
    expect(() => buildLock('/a.txt', options as never)).toThrow(DavUsageError);
  });

  // `timeout` was the lock's life before the renovation: it must never be read silently as a wait.
  it('refuses a timeout without a lockTimeout, naming both; accepts the two together', () => {
    expect(() => buildLock('/a.txt', { timeout: 600 } as never)).toThrow(
      /lockTimeout.*seconds.*timeout.*wait/,
    );
    const spec = buildLock('/a.txt', { timeout: 5000, lockTimeout: 60 } as never);
    expect(spec.headers?.timeout).toBe('Second-60');
  });
});

describe('readLock', () => {
  it('takes the token from Lock-Token and the lock from the body (Apache: no lockroot)', () => {
    const token = 'opaquelocktoken:e71d4fae-5dec-22d6-fea5-00a0c91e6be4';
    expect(readLock(raw(200, discovery(activelock(token)), { 'lock-token': `<${token}>` }))).toEqual({
      scope: 'shared',
      type: 'write',
      depth: 0,
      timeout: 600,
      token,
    });
  });

  it('picks the lock whose token the header names among several (shared locks)', () => {
    const lock = readLock(
      raw(200, discovery(activelock('urn:other'), activelock('urn:mine')), { 'lock-token': '<urn:mine>' }),
    );
    expect(lock.token).toBe('urn:mine');
  });

  it('reads webdav-server’s bare token header and absolute lockroot', () => {
    const body = discovery(
      activelock(
        'urn:uuid:00f0',
        '<D:lockroot><D:href>http://127.0.0.1:8080/dav/a.txt</D:href></D:lockroot>',
      ),
    );
    const lock = readLock(raw(200, body, { 'lock-token': 'urn:uuid:00f0' }));
    expect([lock.token, lock.root, lock.rootHref]).toEqual([
      'urn:uuid:00f0',
      '/dav/a.txt',
      'http://127.0.0.1:8080/dav/a.txt',
    ]);
  });

  it('finds a refreshed lock by the token it was asked about (no Lock-Token header)', () => {
    expect(readLock(raw(200, discovery(activelock('urn:a'), activelock('urn:b'))), 'urn:b').token).toBe(
      'urn:b',
    );
  });

  it('makes do with the header when the body is empty', () => {
    expect(readLock(raw(201, '', { 'lock-token': '<1795301444>' }))).toEqual({
      scope: 'exclusive',
      type: 'write',
      depth: 'infinity',
      token: '1795301444',
      root: '/dav/a.txt',
    });
  });

  // Issue 17: a server reports `Second-599.998`; the timeout was dropped from the lock.
  it('reads a fractional DAV:timeout, rounded down', () => {
    const body = discovery(activelock('urn:t').replace('Second-600', 'Second-599.998'));
    expect(readLock(raw(200, body, { 'lock-token': '<urn:t>' })).timeout).toBe(599);
  });

  it('takes the Timeout response header when the body has none (fractional too), never over the body', () => {
    expect(readLock(raw(200, '', { 'lock-token': '<urn:t>', timeout: 'Second-599.998' })).timeout).toBe(599);
    const noTimeout = discovery(activelock('urn:t').replace('<D:timeout>Second-600</D:timeout>', ''));
    expect(readLock(raw(200, noTimeout, { 'lock-token': '<urn:t>', timeout: 'Second-42' })).timeout).toBe(42);
    const withTimeout = discovery(activelock('urn:t'));
    expect(readLock(raw(200, withTimeout, { 'lock-token': '<urn:t>', timeout: 'Second-42' })).timeout).toBe(
      600,
    );
    expect(
      readLock(raw(200, '', { 'lock-token': '<urn:t>', timeout: 'Second-soon' })).timeout,
    ).toBeUndefined();
  });

  it('recovers a LOCK answer written with undeclared prefixes, and says so on the lock', () => {
    const body =
      '<D:prop xmlns:D="DAV:"><D:lockdiscovery><DAV:activelock><D:locktype><D:write/></D:locktype>' +
      '<D:lockscope><D:exclusive/></D:lockscope><D:depth>0</D:depth><DAV:timeout>Second-599.998</DAV:timeout>' +
      '<D:locktoken><D:href>urn:t</D:href></D:locktoken></DAV:activelock></D:lockdiscovery></D:prop>';
    const lock = readLock(raw(200, body, { 'lock-token': '<urn:t>' }));
    expect(lock).toMatchObject({ scope: 'exclusive', depth: 0, timeout: 599, token: 'urn:t' });
    expect(lock.warnings).toEqual([
      expect.objectContaining({ kind: 'unbound-prefix', prefix: 'DAV', namespace: 'DAV:', occurrences: 2 }),
    ]);
    expect(
      readLock(raw(200, discovery(activelock('urn:t')), { 'lock-token': '<urn:t>' })).warnings,
    ).toBeUndefined();
  });

  it('throws DavParseError when neither header nor body names a lock', () => {
    expect(isDavParseError(catching(() => readLock(raw(200, ''))))).toBe(true);
    expect(
      isDavParseError(
        catching(() => readLock(raw(200, '<D:multistatus xmlns:D="DAV:"/>', { 'lock-token': '<x>' }))),
      ),
    ).toBe(true);
  });

  it('throws MultiStatusError for Apache’s 207 (member 423, collection 424)', () => {
    const text =
      '<D:multistatus xmlns:D="DAV:"><D:response><D:href>/dav/lk1</D:href><D:propstat><D:prop><D:lockdiscovery/></D:prop>' +
      '<D:status>HTTP/1.1 424 Failed Dependency</D:status></D:propstat></D:response>' +
      '<D:response><D:href>/dav/lk1/m.txt</D:href><D:status>HTTP/1.1 423 Locked</D:status></D:response></D:multistatus>';
    expect(isMultiStatusError(catching(() => readLock(raw(207, text))))).toBe(true);
  });

  it('throws DavHttpError for 423 with SabreDAV’s no-conflicting-lock', () => {
    const text =
      '<d:error xmlns:d="DAV:"><d:no-conflicting-lock><d:href>/dav/a.txt</d:href></d:no-conflicting-lock></d:error>';
    const error = catching(() => readLock(raw(423, text)));
    expect(isDavHttpError(error) && error.conditions.map((c) => c.name)).toEqual([
      '{DAV:}no-conflicting-lock',
    ]);
  });
});

function catching(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}
