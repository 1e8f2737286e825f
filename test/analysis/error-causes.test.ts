import { describe, expect, it } from 'vitest';
import { explain } from '../../src/analysis/explain.ts';
import { rootCauses } from '../../src/analysis/root-causes.ts';
import { BUFFERED } from '../../src/operations/buffered.ts';
import { httpError } from '../../src/operations/failure-reader.ts';
import type { RawResponse } from '../../src/transport/raw-response.ts';
import { multistatus, statusResponse } from '../helpers/multistatus.ts';

function raw(
  method: string,
  path: string,
  status: number,
  text: string,
  extra: Partial<RawResponse> = {},
): RawResponse {
  return {
    status,
    statusText: '',
    headers: { 'content-type': 'text/xml; charset="utf-8"' },
    text,
    request: { method, url: `http://127.0.0.1:8080${path}`, path, baseUrl: 'http://127.0.0.1:8080/dav/' },
    ...extra,
  };
}

describe('rootCauses of a failed request', () => {
  it('Apache DELETE with a locked member: top-level 424, the member 423 blocks its ancestors and the request', () => {
    const error = httpError(
      raw('DELETE', '/dav/lk2/', 424, multistatus(statusResponse('/dav/lk2/m.txt', '423 Locked'))),
      BUFFERED,
    );
    expect(rootCauses(error)).toEqual([
      {
        status: 423,
        path: '/lk2/m.txt',
        serverPath: '/dav/lk2/m.txt',
        href: '/dav/lk2/m.txt',
        dependents: [{ path: '/lk2/', implied: true }],
        fix: { kind: 'submit-lock-token', lockRoot: '/lk2/m.txt' },
      },
    ]);
    expect(error.rootCauses()).toEqual(rootCauses(error));
  });

  it('Apache untagged If: the parent 412 explains the 424 of the request itself', () => {
    const error = httpError(
      raw(
        'DELETE',
        '/dav/tok/f.txt',
        424,
        multistatus(statusResponse('/dav/tok', '412 Precondition Failed')),
      ),
      BUFFERED,
    );
    const [cause] = rootCauses(error);
    expect(cause).toMatchObject({
      status: 412,
      path: '/tok',
      serverPath: '/dav/tok',
      dependents: [{ path: '/tok/f.txt', implied: true }],
    });
  });

  it('SabreDAV DELETE of a collection: 423 with a relative lock-token-submitted href names the locked member', () => {
    const body =
      '<?xml version="1.0" encoding="utf-8"?>\n<d:error xmlns:d="DAV:" xmlns:s="http://sabredav.org/ns">' +
      '<s:sabredav-version>1.8.12</s:sabredav-version><s:exception>Sabre\\DAV\\Exception\\Locked</s:exception>' +
      '<s:message></s:message><d:lock-token-submitted><d:href>lk2/m.txt</d:href></d:lock-token-submitted></d:error>';
    const error = httpError(
      raw('DELETE', '/dav/lk2/', 423, body, {
        headers: { 'content-type': 'application/xml; charset=utf-8' },
      }),
      BUFFERED,
    );
    expect(rootCauses(error)).toEqual([
      {
        status: 423,
        path: '/lk2/m.txt',
        serverPath: '/dav/lk2/m.txt',
        condition: { name: '{DAV:}lock-token-submitted', hrefs: ['lk2/m.txt'], paths: ['/dav/lk2/m.txt'] },
        dependents: [{ path: '/lk2/', implied: true }],
        fix: { kind: 'submit-lock-token', lockRoot: '/lk2/m.txt' },
      },
    ]);
  });

  it('MKCOL 409: the parent collection is missing', () => {
    const error = httpError(raw('MKCOL', '/dav/a/b/c/', 409, '', { headers: {} }), BUFFERED);
    expect(rootCauses(error)).toEqual([
      {
        status: 409,
        path: '/a/b/c/',
        serverPath: '/dav/a/b/c/',
        dependents: [],
        fix: { kind: 'create-parent', path: '/a/b/' },
      },
    ]);
  });

  it('COPY 409: the destination’s parent is missing', () => {
    const error = httpError(
      {
        ...raw('COPY', '/dav/a.txt', 409, '', { headers: {} }),
        request: {
          method: 'COPY',
          url: 'http://127.0.0.1:8080/dav/a.txt',
          path: '/dav/a.txt',
          destination: 'http://127.0.0.1:8080/dav/x/y/b.txt',
          destinationPath: '/dav/x/y/b.txt',
        },
      },
      BUFFERED,
    );
    expect(rootCauses(error)[0]?.fix).toEqual({ kind: 'create-parent', path: '/dav/x/y/' });
  });

  it('COPY refused with Overwrite: F: the destination exists, and the cause names it', () => {
    const error = httpError(
      {
        ...raw('COPY', '/dav/a.txt', 412, '', { headers: {} }),
        request: {
          method: 'COPY',
          url: 'http://127.0.0.1:8080/dav/a.txt',
          path: '/dav/a.txt',
          destination: 'http://127.0.0.1:8080/dav/b.txt',
          destinationPath: '/dav/b.txt',
          headers: { overwrite: 'F' },
        },
      },
      BUFFERED,
    );
    expect(rootCauses(error)).toEqual([
      {
        status: 412,
        path: '/dav/b.txt',
        serverPath: '/dav/b.txt',
        dependents: [],
        fix: { kind: 'destination-exists', path: '/dav/b.txt' },
      },
    ]);
    expect(explain(error)).toContain('/dav/b.txt exists and was not to be replaced');
  });

  it('PUT with If-None-Match: * refused: the resource exists', () => {
    const error = httpError(
      {
        ...raw('PUT', '/dav/new.txt', 412, '', { headers: {} }),
        request: {
          method: 'PUT',
          url: 'http://127.0.0.1:8080/dav/new.txt',
          path: '/dav/new.txt',
          headers: { 'if-none-match': '*' },
        },
      },
      BUFFERED,
    );
    expect(rootCauses(error)[0]?.fix).toEqual({ kind: 'destination-exists', path: '/dav/new.txt' });
  });

  it('503 with Retry-After: try again later, after that long', () => {
    const error = httpError(raw('PROPFIND', '/dav/', 503, '', { headers: { 'retry-after': '7' } }), BUFFERED);
    expect(rootCauses(error)[0]?.fix).toEqual({ kind: 'retry-later', afterMs: 7000 });
  });

  it('a bare 424 without a body is unexplained', () => {
    const [cause] = rootCauses(httpError(raw('MOVE', '/dav/x', 424, '', { headers: {} }), BUFFERED));
    expect(cause).toMatchObject({ status: 424, unexplained: true, fix: { kind: 'none' } });
  });

  it('explain() tells the cascade in a few lines', () => {
    const error = httpError(
      raw('DELETE', '/dav/lk2/', 424, multistatus(statusResponse('/dav/lk2/m.txt', '423 Locked'))),
      BUFFERED,
    );
    expect(explain(error)).toBe(
      ['423 at /lk2/m.txt', '  blocked /lk2/ (implied)', '  fix: submit the lock token for /lk2/m.txt'].join(
        '\n',
      ),
    );
  });
});
