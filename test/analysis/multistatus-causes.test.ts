import { describe, expect, it } from 'vitest';
import { rootCauses } from '../../src/analysis/root-causes.ts';
import { decodeMultiStatus } from '../../src/multistatus/decode.ts';
import { multistatus, propstat, propstatResponse, statusResponse } from '../helpers/multistatus.ts';

// Shapes from real servers (shared/reference/real-servers.md §5), analysed without any request context.

describe('rootCauses of a multistatus', () => {
  it('Apache LOCK cascade (§9.10.9): the member 423 is the cause, the collection lockdiscovery 424 its dependent', () => {
    const ms = decodeMultiStatus(
      multistatus(
        propstatResponse('/lk1', propstat('<D:lockdiscovery/>', '424 Failed Dependency')),
        statusResponse('/lk1/m.txt', '423 Locked'),
      ),
    );
    expect(rootCauses(ms)).toEqual([
      {
        status: 423,
        path: '/lk1/m.txt',
        serverPath: '/lk1/m.txt',
        href: '/lk1/m.txt',
        dependents: [{ path: '/lk1', prop: '{DAV:}lockdiscovery' }],
        fix: { kind: 'submit-lock-token', lockRoot: '/lk1/m.txt' },
      },
    ]);
  });

  it('Apache PUT into a locked collection: the collection 423 explains the new member 424', () => {
    const ms = decodeMultiStatus(
      multistatus(
        statusResponse('/lkd/new.txt', '424 Failed Dependency'),
        statusResponse('/lkd', '423 Locked'),
      ),
    );
    const [cause] = rootCauses(ms, { locks: { tokenFor: () => undefined } });
    expect(cause).toMatchObject({ status: 423, path: '/lkd', dependents: [{ path: '/lkd/new.txt' }] });
    expect(cause?.fix).toEqual({ kind: 'wait-for-unlock', lockRoot: '/lkd' });
  });

  it('knows a held lock: the fix is to submit its token', () => {
    const ms = decodeMultiStatus(
      multistatus(
        statusResponse('/lkd/new.txt', '424 Failed Dependency'),
        statusResponse('/lkd', '423 Locked'),
      ),
    );
    const [cause] = rootCauses(ms, {
      locks: { tokenFor: (path) => (path === '/lkd' ? 'opaquelocktoken:1' : undefined) },
    });
    expect(cause?.fix).toEqual({ kind: 'submit-lock-token', lockRoot: '/lkd', token: 'opaquelocktoken:1' });
  });

  it('Apache PROPPATCH: the 409 on a DAV: property is protected, the 424 on the dead property depends on it', () => {
    const body = multistatus(
      propstatResponse(
        '/p.txt',
        propstat(
          '<ns1:color xmlns:ns1="urn:x"/>',
          '424 (status)',
          '<D:responsedescription>Attempted DAV:set operation could not be completed due to other errors.</D:responsedescription>',
        ),
        propstat(
          '<ns0:getetag xmlns:ns0="DAV:"/>',
          '409 (status)',
          '<D:responsedescription>Property is read-only.</D:responsedescription>',
        ),
      ),
    );
    expect(rootCauses(decodeMultiStatus(body), { request: { method: 'PROPPATCH', path: '/p.txt' } })).toEqual(
      [
        {
          status: 409,
          path: '/p.txt',
          serverPath: '/p.txt',
          href: '/p.txt',
          prop: '{DAV:}getetag',
          description: 'Property is read-only.',
          dependents: [{ path: '/p.txt', prop: '{urn:x}color' }],
          fix: { kind: 'remove-protected-property', prop: '{DAV:}getetag' },
        },
      ],
    );
  });

  it('rclone PROPPATCH: 403 with cannot-modify-protected-property', () => {
    const body = multistatus(
      propstatResponse(
        '/p.txt',
        propstat('<D:getetag/>', '403 Forbidden', '<D:error><D:cannot-modify-protected-property/></D:error>'),
        propstat('<color xmlns="urn:x"/>', '424 Failed Dependency'),
      ),
    );
    const [cause] = rootCauses(decodeMultiStatus(body));
    expect(cause).toMatchObject({
      status: 403,
      prop: '{DAV:}getetag',
      condition: { name: '{DAV:}cannot-modify-protected-property' },
      dependents: [{ path: '/p.txt', prop: '{urn:x}color' }],
      fix: { kind: 'remove-protected-property', prop: '{DAV:}getetag' },
    });
  });

  it('DELETE: the ancestors of a failed member up to the request URI are implied dependents', () => {
    const ms = decodeMultiStatus(multistatus(statusResponse('/a/b/c/m.txt', '423 Locked')));
    const [cause] = rootCauses(ms, { request: { method: 'DELETE', path: '/a/' } });
    expect(cause?.dependents).toEqual([
      { path: '/a/b/c/', implied: true },
      { path: '/a/b/', implied: true },
      { path: '/a/', implied: true },
    ]);
  });

  it('COPY: a failure under the destination implies ancestors up to the Destination, not the source', () => {
    const ms = decodeMultiStatus(multistatus(statusResponse('/dst/sub/x.txt', '423 Locked')));
    const [cause] = rootCauses(ms, { request: { method: 'COPY', path: '/src/', destinationPath: '/dst/' } });
    expect(cause?.dependents).toEqual([
      { path: '/dst/sub/', implied: true },
      { path: '/dst/', implied: true },
    ]);
  });

  it('a 424 nothing explains is reported as unexplained, never dropped', () => {
    const ms = decodeMultiStatus(multistatus(statusResponse('/x', '424 Failed Dependency')));
    expect(rootCauses(ms)).toEqual([
      {
        status: 424,
        path: '/x',
        serverPath: '/x',
        href: '/x',
        dependents: [],
        unexplained: true,
        fix: { kind: 'none' },
      },
    ]);
  });

  it('a successful multistatus has no root causes', () => {
    const ms = decodeMultiStatus(
      multistatus(propstatResponse('/ok', propstat('<D:getetag>"1"</D:getetag>', '200 OK'))),
    );
    expect(rootCauses(ms)).toEqual([]);
  });

  it('a 404 propstat in a PROPFIND is a failure of that property, with nothing blocked', () => {
    const ms = decodeMultiStatus(
      multistatus(propstatResponse('/f', propstat('<x:missing xmlns:x="urn:x"/>', '404 Not Found'))),
    );
    expect(rootCauses(ms)).toEqual([
      {
        status: 404,
        path: '/f',
        serverPath: '/f',
        href: '/f',
        prop: '{urn:x}missing',
        dependents: [],
        fix: { kind: 'none' },
      },
    ]);
  });
});
