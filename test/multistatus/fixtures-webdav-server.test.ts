/**
 * npm webdav-server 2.6.3, captured by scripts/capture-fixtures.ts. Quirks: absolute-URL hrefs (and
 * lockroots), `D:status` before `D:prop`, custom namespaces mangled (`urn:example:davkit` + `color`
 * comes back as `urn:example:` + `davkitcolor`, declared inline as `a:`), lockdiscovery's `<write/>`
 * and `<exclusive/>` in no namespace, `Infinity` depth and milliseconds as seconds in lockdiscovery.
 */
import { describe, expect, it } from 'vitest';
import type { MultiStatus, PropStat } from '../../src/multistatus/types.ts';
import { readLock } from '../../src/verbs/lock.ts';
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
