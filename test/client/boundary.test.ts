/**
 * JavaScript callers cannot hurt themselves silently (issue 11.5): the public boundary validates what
 * the types promise. Every bad argument gives a `DavUsageError` and sends nothing. Before, an
 * `undefined` PUT body truncated the file to 0 bytes, a plain object uploaded "[object Object]", a
 * number path was sent as a path, a huge timeout fired at once, and a CR/LF in a header became a
 * `DavNetworkError` telling the user to check their connection.
 */
import { describe, expect, it } from 'vitest';
import type { DavClient } from '../../src/client/client.ts';
import { createClient } from '../../src/client/create-client.ts';
import type { ClientOptions } from '../../src/client/options.ts';
import { isDavUsageError } from '../../src/errors/guards.ts';
import { observedClient } from '../helpers/clients.ts';

/** A client that answers everything with success, and the requests it sent. */
function client() {
  return observedClient((request) =>
    request.method === 'PROPFIND'
      ? new Response(
          '<D:multistatus xmlns:D="DAV:"><D:response><D:href>/root/</D:href><D:status>HTTP/1.1 200 OK</D:status></D:response></D:multistatus>',
          { status: 207, headers: { 'content-type': 'application/xml' } },
        )
      : new Response('ok', { status: 200 }),
  );
}

async function expectRefused(call: (dav: DavClient) => unknown, message?: string | RegExp): Promise<void> {
  const { dav, requests } = client();
  let error: unknown;
  try {
    await call(dav);
  } catch (thrown) {
    error = thrown;
  }
  expect(isDavUsageError(error), `expected DavUsageError, got ${String(error)}`).toBe(true);
  if (message !== undefined) {
    expect((error as Error).message).toMatch(message);
  }
  expect(requests.map((r) => `${r.method} ${r.url}`)).toEqual([]);
}

const NOT_STRINGS: [string, unknown][] = [
  ['undefined', undefined],
  ['null', null],
  ['a number', 42],
  ['a URL object', new URL('https://dav.test/root/a.txt')],
  ['a plain object', { path: '/a' }],
];

describe('paths must be strings', () => {
  const calls: [string, (dav: DavClient, path: never) => unknown][] = [
    ['propfind', (dav, path) => dav.propfind(path)],
    ['proppatch', (dav, path) => dav.proppatch(path, { set: { '{urn:x}a': '1' } })],
    ['mkcol', (dav, path) => dav.mkcol(path)],
    ['put', (dav, path) => dav.put(path, 'x')],
    ['head', (dav, path) => dav.head(path)],
    ['get', (dav, path) => dav.get(path)],
    ['getText', (dav, path) => dav.getText(path)],
    ['getBytes', (dav, path) => dav.getBytes(path)],
    ['delete', (dav, path) => dav.delete(path)],
    ['copy (source)', (dav, path) => dav.copy(path, '/b')],
    ['move (source)', (dav, path) => dav.move(path, '/b')],
    ['lock', (dav, path) => dav.lock(path)],
    ['unlock', (dav, path) => dav.unlock(path, 'opaquelocktoken:1')],
    ['report', (dav, path) => dav.report(path, '<x xmlns="urn:x"/>')],
    ['list', (dav, path) => dav.list(path)],
    ['stat', (dav, path) => dav.stat(path)],
    ['exists', (dav, path) => dav.exists(path)],
    ['mkdirp', (dav, path) => dav.mkdirp(path)],
    ['batch step', (dav, path) => dav.batch().put(path, 'x')],
  ];
  for (const [verb, call] of calls) {
    // `list()` without a path lists the base collection: only its explicit values are checked.
    const values = verb === 'list' ? NOT_STRINGS.slice(1) : NOT_STRINGS;
    it.each(values)(`${verb}: %s`, async (_what, path) => {
      await expectRefused((dav) => call(dav, path as never), /must be a string/);
    });
  }
});

describe('put bodies', () => {
  it.each([
    ['undefined (an empty PUT would truncate the file)', undefined, 'got undefined'],
    ['null', null, 'got null'],
    ['a plain object (would upload "[object Object]")', { a: 1 }, 'got a plain object'],
    ['a number', 42, 'got number'],
  ])('%s', async (_what, body, message) => {
    await expectRefused((dav) => dav.put('/a.txt', body as never), message);
    await expectRefused((dav) => dav.batch().put('/a.txt', body as never), message);
  });

  it('an empty string, bytes, a DataView, an ArrayBuffer and a Blob are bodies', async () => {
    const { dav, requests } = client();
    for (const body of [
      '',
      new Uint8Array([1]),
      new DataView(new ArrayBuffer(1)),
      new ArrayBuffer(2),
      new Blob(['b']),
    ]) {
      await dav.put('/a.bin', body as never);
    }
    expect(requests.map((r) => r.body.length)).toEqual([0, 1, 1, 2, 1]);
  });
});

describe('COPY and MOVE need a destination', () => {
  it.each(NOT_STRINGS)('copy to %s', async (_what, to) => {
    await expectRefused((dav) => dav.copy('/a.txt', to as never), /COPY destination must be a string/);
  });
  it.each(NOT_STRINGS)('move to %s', async (_what, to) => {
    await expectRefused((dav) => dav.move('/a.txt', to as never), /MOVE destination must be a string/);
    await expectRefused((dav) => dav.batch().move('/a.txt', to as never), /MOVE destination/);
  });
});

describe('lock tokens', () => {
  const BAD: [string, unknown][] = [
    ['missing', undefined],
    ['a number', 1795301444],
    ['empty', ''],
    ['in angle brackets', '<opaquelocktoken:1>'],
    ['with a line break', 'opaquelocktoken:1\r\nX: y'],
  ];
  it.each(BAD)('unlock with a token %s', async (_what, token) => {
    await expectRefused((dav) => dav.unlock('/a.txt', token as never), /lock token/);
    await expectRefused((dav) => dav.batch().unlock('/a.txt', token as never));
  });
  it.each(BAD)('refreshLock with a token %s', async (_what, token) => {
    await expectRefused((dav) => dav.refreshLock('/a.txt', token as never), /lock token/);
  });
  it.each(BAD.slice(1))('the lockToken call option %s', async (_what, token) => {
    await expectRefused((dav) => dav.put('/a.txt', 'x', { lockToken: token as never }), /lockToken/);
  });
  it('a bare numeric token (rclone) and a urn:uuid one (webdav-server) are fine', async () => {
    const { dav, requests } = client();
    await dav.unlock('/a.txt', '1795301444');
    await dav.unlock('/a.txt', 'urn:uuid:0b1c');
    expect(requests.map((r) => r.headers['lock-token'])).toEqual(['<1795301444>', '<urn:uuid:0b1c>']);
  });
});

const BAD_TIMEOUTS: unknown[] = [Number.NaN, -1, 0, 1.5, Number.POSITIVE_INFINITY, 2 ** 31, '1000', true];

describe('timeouts: a whole number of ms in 1..2^31-1, or false', () => {
  it.each(BAD_TIMEOUTS)('createClient({ timeout: %s })', (timeout) => {
    expect(() => createClient({ baseUrl: 'https://dav.test/', timeout: timeout as never })).toThrow(
      /timeout must be a whole number of milliseconds/,
    );
  });
  it.each(BAD_TIMEOUTS)('a call with { timeout: %s }', async (timeout) => {
    await expectRefused((dav) => dav.propfind('/', { timeout: timeout as never }), /timeout/);
    await expectRefused((dav) => dav.getText('/a.txt', { timeout: timeout as never }), /timeout/);
  });
  it('1, 2^31-1 and false are accepted', async () => {
    const { dav, requests } = client();
    for (const timeout of [1_000, 2 ** 31 - 1, false] as const) {
      await dav.propfind('/', { timeout });
      createClient({ baseUrl: 'https://dav.test/', timeout });
    }
    expect(requests).toHaveLength(3);
  });
});

describe('client options', () => {
  it.each<[string, Partial<ClientOptions>, RegExp]>([
    ['a negative retry', { retry: -1 }, /retry must be a whole number/],
    ['a fractional retry', { retry: 1.5 }, /retry must be/],
    ['NaN retries', { retry: Number.NaN }, /retry must be/],
    ['a string retry', { retry: '2' as never }, /retry must be a number of retries or a retry policy/],
    ['a negative retry.limit', { retry: { limit: -2 } }, /retry.limit/],
    ['a bad status list', { retry: { statusCodes: [503, 99] } }, /retry.statusCodes/],
    ['a status list that is no array', { retry: { statusCodes: '503' as never } }, /retry.statusCodes/],
    ['a negative maxRetryAfter', { retry: { maxRetryAfter: -1 } }, /retry.maxRetryAfter/],
    ['a zero maxBodySize', { maxBodySize: 0 }, /maxBodySize/],
    ['NaN maxBodySize', { maxBodySize: Number.NaN }, /maxBodySize/],
    ['a negative maxRedirects', { maxRedirects: -1 }, /maxRedirects/],
    [
      'basic auth without a password',
      { auth: { type: 'basic', username: 'u' } as never },
      /username and password/,
    ],
    ['an unknown auth type', { auth: { type: 'ntlm' } as never }, /auth.type/],
    ['secretHeaders that is no array', { secretHeaders: 'x-key' as never }, /secretHeaders/],
  ])('%s', (_what, options, message) => {
    expect(() => createClient({ baseUrl: 'https://dav.test/', ...options })).toThrow(message);
  });
});

describe('header values with CR, LF or NUL', () => {
  it.each(['a\r\nInjected: 1', 'a\nb', 'a\rb', 'a\0b'])('client headers: %j', (value) => {
    let error: unknown;
    try {
      createClient({ baseUrl: 'https://dav.test/', headers: { 'X-Note': value } });
    } catch (thrown) {
      error = thrown;
    }
    expect(isDavUsageError(error)).toBe(true);
    expect((error as Error).message).toContain('header "x-note"');
    expect((error as Error).message).not.toContain('Injected');
  });

  it.each(['a\r\nInjected: 1', 'a\nb', 'a\0b'])('call headers: %j (not a DavNetworkError)', async (value) => {
    await expectRefused((dav) => dav.propfind('/', { headers: { 'X-Note': value } }), /header "x-note"/);
    await expectRefused((dav) => dav.put('/a.txt', 'x', { ifMatch: `"e"${value}` }), /header "if-match"/);
  });
});

describe('other options', () => {
  it.each([
    ['a PROPFIND depth of 2', (dav: DavClient) => dav.propfind('/', { depth: 2 as never }), /depth must be/],
    ['a COPY depth of 1', (dav: DavClient) => dav.copy('/a', '/b', { depth: 1 as never }), /depth must be/],
    [
      'a negative range start',
      (dav: DavClient) => dav.getText('/a', { range: { start: -1 } }),
      /range.start/,
    ],
    [
      'a range ending before it starts',
      (dav: DavClient) => dav.get('/a', { range: { start: 5, end: 2 } }),
      /range.end/,
    ],
    ['a negative maxSize', (dav: DavClient) => dav.getBytes('/a', { maxSize: -1 }), /maxSize/],
  ])('%s', async (_what, call, message) => {
    await expectRefused(call, message);
  });
});
