import { describe, expect, it } from 'vitest';
import { isMultiStatusError } from '../../src/errors/guards.ts';
import { buildMkcol, readMkcol } from '../../src/operations/mkcol.ts';
import type { RawResponse } from '../../src/transport/raw-response.ts';

function raw(status: number, text = '', contentType = 'text/html'): RawResponse {
  return {
    status,
    statusText: '',
    headers: { 'content-type': contentType },
    text,
    request: { method: 'MKCOL', url: 'https://h/dav/lkd/new/', path: '/dav/lkd/new/' },
  };
}

describe('buildMkcol', () => {
  it('sends MKCOL without a body, to a URL with a trailing slash', () => {
    expect(buildMkcol('/reports/2026')).toEqual({
      method: 'MKCOL',
      path: '/reports/2026/',
      headers: {},
      response: 'text',
    });
    expect(buildMkcol('/reports/2026/').path).toBe('/reports/2026/');
  });
});

describe('readMkcol', () => {
  it('accepts 201 (with Apache’s HTML page)', () => {
    expect(readMkcol(raw(201, '<html>Created</html>'))).toBeUndefined();
  });

  it('throws DavHttpError for 405 (exists) and 409 (no parent)', () => {
    expect(() => readMkcol(raw(405))).toThrow(/405/);
    expect(() => readMkcol(raw(409))).toThrow(/409/);
  });

  it('throws MultiStatusError for Apache’s 207 inside a locked collection', () => {
    const text =
      '<D:multistatus xmlns:D="DAV:"><D:response><D:href>/dav/lkd/new/</D:href><D:status>HTTP/1.1 424 Failed Dependency</D:status></D:response>' +
      '<D:response><D:href>/dav/lkd</D:href><D:status>HTTP/1.1 423 Locked</D:status></D:response></D:multistatus>';
    let error: unknown;
    try {
      readMkcol(raw(207, text, 'text/xml; charset="utf-8"'));
    } catch (e) {
      error = e;
    }
    expect(isMultiStatusError(error) && error.multistatus.responses.map((r) => r.path)).toEqual([
      '/dav/lkd/new/',
      '/dav/lkd',
    ]);
  });
});
