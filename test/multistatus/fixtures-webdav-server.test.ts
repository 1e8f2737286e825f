/**
 * npm webdav-server 2.6.3, captured by scripts/capture-fixtures.ts. Quirks: absolute-URL hrefs (and
 * lockroots), `D:status` before `D:prop`, custom namespaces mangled (`urn:example:davkit` + `color`
 * comes back as `urn:example:` + `davkitcolor`, declared inline as `a:`), lockdiscovery's `<write/>`
 * and `<exclusive/>` in no namespace, `Infinity` depth and milliseconds as seconds in lockdiscovery.
 */
import { describe, expect, it } from 'vitest';
import { explain } from '../../src/analysis/explain.ts';
import { rootCauses } from '../../src/analysis/root-causes.ts';
import { isMultiStatusError } from '../../src/errors/guards.ts';
import type { MultiStatus, PropStat } from '../../src/model/multistatus.ts';
import { readLock } from '../../src/operations/lock.ts';
import { readProppatch } from '../../src/operations/proppatch.ts';
import {
  activeLock,
  COLLECTION,
  DATE,
  EXCLUSIVE_WRITE,
  element,
  NON_COLLECTION,
  notFound,
  ok,
  propstat,
  SHARED_WRITE,
} from './expected.ts';
import { decodeFixture, rawResponse } from './fixture-files.ts';

const ORIGIN = 'http://127.0.0.1:8080';
const ETAG = '"4bb86c9618b47206cafc30e796ae5c72"';
/** Where webdav-server puts `{urn:example:davkit}<name>`. */
const M = 'urn:example:';

function listed(path: string, encoded: string, name: string) {
  const collection = path.endsWith('/');
  return {
    kind: 'propstat' as const,
    href: `${ORIGIN}${encoded}`,
    path,
    propstats: [
      ok({
        '{DAV:}getlastmodified': DATE,
        '{DAV:}lockdiscovery': [],
        '{DAV:}supportedlock': [EXCLUSIVE_WRITE, SHARED_WRITE],
        '{DAV:}creationdate': DATE,
        '{DAV:}resourcetype': collection ? COLLECTION : NON_COLLECTION,
        '{DAV:}displayname': name,
        '{DAV:}getetag': ETAG,
        ...(collection
          ? {}
          : { '{DAV:}getcontentlength': 8, '{DAV:}getcontenttype': 'text/plain; charset=utf-8' }),
      }),
    ],
  };
}

/** A response for `props/f.txt`. */
const f = (propstats: PropStat[]) => ({
  kind: 'propstat' as const,
  href: `${ORIGIN}/dav/props/f.txt`,
  path: '/dav/props/f.txt',
  propstats,
});

describe('webdav-server fixtures: PROPFIND', () => {
  it('webdav-server-propfind-allprop.xml: absolute URLs reduced to decoded paths', () => {
    expect(decodeFixture('webdav-server-propfind-allprop.xml')).toEqual({
      kind: 'multistatus',
      responses: [
        listed('/dav/list/', '/dav/list/', 'list'),
        listed('/dav/list/sub/', '/dav/list/sub/', 'sub'),
        listed('/dav/list/%41.txt', '/dav/list/%2541.txt', '%41.txt'),
        listed('/dav/list/a b.txt', '/dav/list/a%20b.txt', 'a b.txt'),
        listed('/dav/list/amp&.txt', '/dav/list/amp&.txt', 'amp&.txt'),
        listed('/dav/list/café.txt', '/dav/list/caf%C3%A9.txt', 'café.txt'),
        listed('/dav/list/semi;colon.txt', '/dav/list/semi;colon.txt', 'semi;colon.txt'),
      ],
    } satisfies MultiStatus);
  });

  it('webdav-server-propfind-named.xml: mangled names kept as sent, element trees with attributes', () => {
    expect(decodeFixture('webdav-server-propfind-named.xml')).toEqual({
      kind: 'multistatus',
      responses: [
        {
          kind: 'propstat',
          href: `${ORIGIN}/dav/props/`,
          path: '/dav/props/',
          propstats: [
            ok({ '{DAV:}resourcetype': COLLECTION, '{DAV:}getetag': ETAG }),
            notFound({
              '{DAV:}getcontentlength': null,
              [`{${M}}davkitcolor`]: null,
              [`{${M}}davkitmeta`]: null,
              [`{${M}}davkitmissing`]: null,
            }),
          ],
        },
        f([
          ok({
            '{DAV:}resourcetype': NON_COLLECTION,
            '{DAV:}getetag': ETAG,
            [`{${M}}davkitcolor`]: element(`{${M}}davkitcolor`, 'blue & green'),
            [`{${M}}davkitmeta`]: element(`{${M}}davkitmeta`, '', [
              element(`{${M}}davkittag`, 'café', [], { lang: 'en' }),
              element(`{${M}}davkittag`, 'Grün', [], { lang: 'de' }),
            ]),
            '{DAV:}getcontentlength': 8,
          }),
          notFound({ [`{${M}}davkitmissing`]: null }),
        ]),
      ],
    } satisfies MultiStatus);
  });

  it('webdav-server-propfind-propname.xml: names only', () => {
    const names = [
      '{DAV:}getlastmodified',
      '{DAV:}lockdiscovery',
      '{DAV:}supportedlock',
      '{DAV:}creationdate',
      '{DAV:}resourcetype',
      '{DAV:}displayname',
      '{DAV:}getetag',
      `{${M}}davkitcolor`,
      `{${M}}davkitmeta`,
      '{DAV:}getcontentlength',
      '{DAV:}getcontenttype',
    ];
    expect(decodeFixture('webdav-server-propfind-propname.xml', 'propname')).toEqual({
      kind: 'multistatus',
      responses: [f([ok(Object.fromEntries(names.map((name) => [name, null])))])],
    } satisfies MultiStatus);
  });
});

describe('webdav-server fixtures: PROPPATCH', () => {
  it('webdav-server-proppatch-protected.xml: 403 then 424, getetag under an inline a: prefix', () => {
    expect(decodeFixture('webdav-server-proppatch-protected.xml')).toEqual({
      kind: 'multistatus',
      responses: [
        f([
          propstat(403, 'Forbidden', { '{DAV:}getetag': null }),
          propstat(424, 'Failed Dependency', { [`{${M}}davkitcolor`]: null }),
        ]),
      ],
    } satisfies MultiStatus);
  });

  it('webdav-server-proppatch-set.xml: names only', () => {
    expect(decodeFixture('webdav-server-proppatch-set.xml', 'propname')).toEqual({
      kind: 'multistatus',
      responses: [f([ok({ [`{${M}}davkitcolor`]: null, [`{${M}}davkitmeta`]: null })])],
    } satisfies MultiStatus);
  });
});

describe('webdav-server fixtures: locks', () => {
  const owner = 'mailto:fixtures@example.com';
  const token = 'urn:uuid:00000000-0000-4000-8000-000000000001';

  it('webdav-server-lock.xml: scope and type in no namespace, token without angle brackets', () => {
    expect(readLock(rawResponse('webdav-server-lock.xml'))).toEqual(
      activeLock({
        owner,
        timeout: 3600,
        token,
        rootHref: `${ORIGIN}/dav/locks/f.txt`,
        root: '/dav/locks/f.txt',
      }),
    );
  });

  it('webdav-server-propfind-lockdiscovery.xml: the server says Infinity and counts milliseconds', () => {
    expect(decodeFixture('webdav-server-propfind-lockdiscovery.xml')).toEqual({
      kind: 'multistatus',
      responses: [
        {
          kind: 'propstat',
          href: `${ORIGIN}/dav/locks/f.txt`,
          path: '/dav/locks/f.txt',
          propstats: [
            ok({
              '{DAV:}lockdiscovery': [
                activeLock({
                  depth: 'infinity',
                  owner,
                  timeout: 3_600_000,
                  token,
                  rootHref: `${ORIGIN}/locks/f.txt`,
                  root: '/locks/f.txt',
                }),
              ],
            }),
          ],
        },
      ],
    } satisfies MultiStatus);
  });
});

describe('webdav-server fixtures: what a mangled PROPPATCH answer means (issue 11.9)', () => {
  const SENT = ['{urn:example:davkit}color', '{urn:example:davkit}meta'];

  it('webdav-server-proppatch-set.xml: all 200, but for names never sent — a MultiStatusError, not a success', () => {
    let error: unknown;
    try {
      readProppatch(rawResponse('webdav-server-proppatch-set.xml'), SENT);
    } catch (thrown) {
      error = thrown;
    }
    expect(isMultiStatusError(error) && error.unrequested).toEqual([
      { path: '/dav/props/f.txt', name: `{${M}}davkitcolor`, status: 200, sent: SENT },
      { path: '/dav/props/f.txt', name: `{${M}}davkitmeta`, status: 200, sent: SENT },
    ]);
    expect((error as Error).message).toContain(
      `answered for {${M}}davkitcolor, which was not in the request (sent: ${SENT.join(', ')})`,
    );
    const causes = rootCauses(error as never);
    expect(causes.map((cause) => [cause.prop, cause.unrequested, cause.fix.kind])).toEqual([
      [`{${M}}davkitcolor`, { sent: SENT }, 'none'],
      [`{${M}}davkitmeta`, { sent: SENT }, 'none'],
    ]);
    expect(explain(error as never)).toContain(
      `the server answered for {${M}}davkitcolor, which was not in the request (sent: ${SENT.join(', ')})`,
    );
  });

  it('webdav-server-proppatch-protected.xml: the 403 and its 424, and the mangled name said out loud', () => {
    const sent = ['{DAV:}getetag', '{urn:example:davkit}color'];
    const error = (() => {
      try {
        return readProppatch(rawResponse('webdav-server-proppatch-protected.xml'), sent);
      } catch (thrown) {
        return thrown;
      }
    })();
    const causes = rootCauses(error as never);
    expect(causes.map((cause) => [cause.status, cause.prop, cause.fix.kind])).toEqual([
      [403, '{DAV:}getetag', 'remove-protected-property'],
      [424, `{${M}}davkitcolor`, 'none'],
    ]);
    expect(causes[1]?.unrequested).toEqual({ sent: ['{urn:example:davkit}color'] });
  });

  it('without the requested names (the reader used alone) nothing changes: the names are data', () => {
    expect(readProppatch(rawResponse('webdav-server-proppatch-set.xml')).responses).toHaveLength(1);
  });
});
