import { describe, expect, it } from 'vitest';
import { isDavHttpError, isDavParseError, isMultiStatusError } from '../../src/errors/guards.ts';
import type { RawResponse } from '../../src/transport/raw-response.ts';
import { buildLock, readLock, timeoutHeader } from '../../src/verbs/lock.ts';

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
  it('writes Second-n (rounded, at least 1), Infinite with a fallback, or nothing', () => {
    expect(timeoutHeader(600)).toEqual({ timeout: 'Second-600' });
    expect(timeoutHeader(0.4)).toEqual({ timeout: 'Second-1' });
    expect(timeoutHeader(59.6)).toEqual({ timeout: 'Second-60' });
    expect(timeoutHeader('infinite')).toEqual({ timeout: 'Infinite, Second-4100000000' });
    expect(timeoutHeader(undefined)).toEqual({});
  });
});

describe('buildLock', () => {
  it('asks for an exclusive write lock, Depth infinity, by default', () => {
    const spec = buildLock('/a.txt');
    expect([spec.method, spec.path, spec.headers]).toEqual([
      'LOCK',
      '/a.txt',
      { 'content-type': 'application/xml; charset=utf-8', depth: 'infinity' },
    ]);
    expect(spec.body).toMatch(/lockscope><(\w+:)?exclusive\/>/);
    expect(spec.body).toMatch(/locktype><(\w+:)?write\/>/);
  });

  it('sends scope, Depth 0, Timeout and owner as asked', () => {
    const spec = buildLock('/a.txt', {
      scope: 'shared',
      depth: 0,
      timeout: 120,
      owner: 'mailto:a@example.com',
    });
    expect([spec.headers.depth, spec.headers.timeout]).toEqual(['0', 'Second-120']);
    expect(spec.body).toMatch(/shared\/>/);
    expect(spec.body).toMatch(/owner>mailto:a@example.com</);
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
