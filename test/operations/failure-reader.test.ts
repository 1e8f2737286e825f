import { HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { createClient } from '../../src/client/create-client.ts';
import { isDavHttpError, isDavParseError, isMultiStatusError } from '../../src/errors/guards.ts';
import { BUFFERED } from '../../src/operations/buffered.ts';
import { expectWriteSuccess, httpError, readFailureBody } from '../../src/operations/failure-reader.ts';
import type { RawResponse } from '../../src/transport/raw-response.ts';
import { multistatusResponse, observedClient } from '../helpers/clients.ts';
import { MOCK_BASE, mswServer, on } from '../helpers/msw.ts';

const server = mswServer();

const LOGIN_PAGE =
  '<!DOCTYPE html><html><head><title>Sign in</title></head><body><form>…</form></body></html>';

function raw(overrides: Partial<RawResponse>): RawResponse {
  return {
    status: 200,
    statusText: 'OK',
    headers: {},
    text: '',
    request: { method: 'DELETE', url: 'https://h/dav/x/', path: '/dav/x/', baseUrl: 'https://h/dav/' },
    ...overrides,
  };
}

describe('answers that are not what WebDAV promises (msw)', () => {
  it.each([200, 207])('a PROPFIND answered %i with an HTML page is a DavParseError', async (status) => {
    server.use(on('PROPFIND', `${MOCK_BASE}portal/`, () => HttpResponse.html(LOGIN_PAGE, { status })));
    const dav = createClient({ baseUrl: MOCK_BASE });
    const error = await dav.propfind('/portal/').catch((e: unknown) => e);
    expect(isDavParseError(error)).toBe(true);
    expect(isDavHttpError(error)).toBe(false);
  });

  it('a 500 with an HTML page is a DavHttpError whose snippet shows the page', async () => {
    const page = `<html><body><h1>Internal Server Error</h1>${'x'.repeat(2_000)}</body></html>`;
    server.use(on('PROPFIND', `${MOCK_BASE}broken/`, () => HttpResponse.html(page, { status: 500 })));
    const dav = createClient({ baseUrl: MOCK_BASE, retry: 0 });
    const error = await dav.propfind('/broken/').catch((e: unknown) => e);
    expect(isDavHttpError(error)).toBe(true);
    if (!isDavHttpError(error)) {
      return;
    }
    expect([error.status, error.statusText, error.method, error.url]).toEqual([
      500,
      'Internal Server Error',
      'PROPFIND',
      `${MOCK_BASE}broken/`,
    ]);
    expect(error.bodySnippet.startsWith('<html><body><h1>Internal Server Error</h1>')).toBe(true);
    expect(error.bodySnippet.length).toBe(500);
    expect(error.conditions).toEqual([]);
    expect(error.multistatus).toBeUndefined();
    expect(error.message).toBe(`[PROPFIND] "${MOCK_BASE}broken/": 500 Internal Server Error`);
  });

  it('a 207 whose body is truncated XML is a DavParseError', async () => {
    server.use(
      on('PROPFIND', `${MOCK_BASE}cut/`, () =>
        HttpResponse.xml('<D:multistatus xmlns:D="DAV:"><D:response><D:href>/dav/cut/', { status: 207 }),
      ),
    );
    const dav = createClient({ baseUrl: MOCK_BASE });
    expect(isDavParseError(await dav.propfind('/cut/').catch((e: unknown) => e))).toBe(true);
  });
});

describe('readFailureBody', () => {
  it('decodes a multistatus sent with a non-207 status (Apache’s top-level 424)', () => {
    const body = readFailureBody(
      raw({
        status: 424,
        headers: { 'content-type': 'text/xml; charset="utf-8"' },
        text: '<?xml version="1.0" encoding="utf-8"?><D:multistatus xmlns:D="DAV:"><D:response><D:href>/dav/x/m.txt</D:href><D:status>HTTP/1.1 423 Locked</D:status></D:response></D:multistatus>',
      }),
      BUFFERED,
    );
    expect(body.multistatus?.responses.map((r) => [r.path, r.kind === 'status' && r.status])).toEqual([
      ['/dav/x/m.txt', 423],
    ]);
    expect(body.conditions).toEqual([]);
  });

  it('decodes DAV:error conditions (SabreDAV), resolving relative hrefs against the base URL', () => {
    const body = readFailureBody(
      raw({
        status: 423,
        headers: { 'content-type': 'application/xml; charset=utf-8' },
        text: '<?xml version="1.0"?><d:error xmlns:d="DAV:" xmlns:s="http://sabredav.org/ns"><s:exception>Locked</s:exception><d:lock-token-submitted><d:href>x/m.txt</d:href></d:lock-token-submitted></d:error>',
      }),
      BUFFERED,
    );
    expect(body.conditions).toEqual([
      { name: '{http://sabredav.org/ns}exception', text: 'Locked' },
      { name: '{DAV:}lock-token-submitted', hrefs: ['x/m.txt'], paths: ['/dav/x/m.txt'] },
    ]);
  });

  it('places a relative href about a MOVE destination (SabreDAV: the destination is locked)', () => {
    // SabreDAV's hrefs are relative to its own root (/dav/), above the client's base (/dav/team/).
    const body = readFailureBody(
      raw({
        status: 423,
        headers: { 'content-type': 'application/xml; charset=utf-8' },
        text: '<?xml version="1.0"?><d:error xmlns:d="DAV:"><d:lock-token-submitted><d:href>team/target.bin</d:href></d:lock-token-submitted></d:error>',
        request: {
          method: 'MOVE',
          url: 'https://h/dav/team/.target.bin.part',
          path: '/dav/team/.target.bin.part',
          baseUrl: 'https://h/dav/team/',
          destination: 'https://h/dav/team/target.bin',
          destinationPath: '/dav/team/target.bin',
        },
      }),
      BUFFERED,
    );
    // Without the destination as an anchor this was /dav/team/team/target.bin.
    expect(body.conditions).toEqual([
      { name: '{DAV:}lock-token-submitted', hrefs: ['team/target.bin'], paths: ['/dav/team/target.bin'] },
    ]);
  });

  it.each([
    ['an HTML page', 'text/html', '<html><body>423 Locked</body></html>'],
    ['malformed XML', 'application/xml', '<d:error xmlns:d="DAV:"><d:lock-token-submitted>'],
    ['an empty body', undefined, ''],
    ['JSON', 'application/json', '{"error":"locked"}'],
  ])('leaves %s to the snippet, without throwing', (_, contentType, text) => {
    const headers: Record<string, string> = contentType === undefined ? {} : { 'content-type': contentType };
    expect(readFailureBody(raw({ status: 423, headers, text }), BUFFERED)).toEqual({ conditions: [] });
  });
});

describe('expectWriteSuccess', () => {
  const failed207 =
    '<D:multistatus xmlns:D="DAV:"><D:response><D:href>/dav/x/a</D:href><D:status>HTTP/1.1 204 No Content</D:status></D:response>' +
    '<D:response><D:href>/dav/x/b</D:href><D:status>HTTP/1.1 423 Locked</D:status></D:response></D:multistatus>';

  it('throws MultiStatusError for a 207 with any failure inside, keeping the decoded body', () => {
    let error: unknown;
    try {
      expectWriteSuccess(raw({ status: 207, statusText: 'Multi-Status', text: failed207 }), BUFFERED);
    } catch (e) {
      error = e;
    }
    expect(isMultiStatusError(error)).toBe(true);
    if (isMultiStatusError(error)) {
      expect(error.multistatus.responses.map((r) => r.path)).toEqual(['/dav/x/a', '/dav/x/b']);
      expect(error.message).toBe('[DELETE] "https://h/dav/x/": 207 Multi-Status with 1 failed entry');
    }
  });

  it('returns the multistatus of a 207 where everything succeeded', () => {
    const ok = failed207.replace('423 Locked', '204 No Content');
    expect(expectWriteSuccess(raw({ status: 207, text: ok }), BUFFERED)?.responses).toHaveLength(2);
  });

  it('checks a multistatus body inside any 2xx (Radicale answers DELETE with 200 + multistatus)', () => {
    expect(() =>
      expectWriteSuccess(
        raw({ status: 200, headers: { 'content-type': 'text/xml' }, text: failed207 }),
        BUFFERED,
      ),
    ).toThrow(/1 failed entry/);
  });

  it('accepts a plain 2xx, whatever HTML it carries (Apache’s 201 page)', () => {
    expect(
      expectWriteSuccess(
        raw({ status: 201, headers: { 'content-type': 'text/html' }, text: '<html>Created</html>' }),
        BUFFERED,
      ),
    ).toBeUndefined();
  });

  it('throws DavHttpError for a non-2xx, with the redirect that was not followed in the hint', () => {
    expect(() => expectWriteSuccess(raw({ status: 409, statusText: 'Conflict' }), BUFFERED)).toThrow(
      '[DELETE] "https://h/dav/x/": 409 Conflict',
    );
    const error = httpError(raw({ status: 301, headers: { location: '/elsewhere' } }), BUFFERED, 'hint text');
    expect(error.message).toContain('(hint text)');
  });
});

describe('errors keep what the server said', () => {
  it('keeps response headers except secrets', async () => {
    const { dav } = observedClient(
      () =>
        new Response('locked', {
          status: 423,
          headers: { 'x-request-id': 'r1', 'set-cookie': 'session=secret', 'www-authenticate': 'Basic' },
        }),
    );
    const error = await dav.delete('/a.txt').catch((e: unknown) => e);
    expect(isDavHttpError(error) && error.headers).toEqual({
      'content-type': 'text/plain;charset=UTF-8',
      'x-request-id': 'r1',
    });
  });

  it('a 207 on PUT (Apache: a new member of a locked collection) is a MultiStatusError', async () => {
    const { dav } = observedClient(() =>
      multistatusResponse(
        '<D:multistatus xmlns:D="DAV:"><D:response><D:href>/root/lkd/new.txt</D:href><D:status>HTTP/1.1 424 Failed Dependency</D:status></D:response>' +
          '<D:response><D:href>/root/lkd</D:href><D:status>HTTP/1.1 423 Locked</D:status></D:response></D:multistatus>',
      ),
    );
    const error = await dav.put('/lkd/new.txt', 'x').catch((e: unknown) => e);
    expect(isMultiStatusError(error) && [error.method, error.status, error.url]).toEqual([
      'PUT',
      207,
      'https://dav.test/root/lkd/new.txt',
    ]);
  });
});
