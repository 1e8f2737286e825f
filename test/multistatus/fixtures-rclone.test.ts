/**
 * rclone 1.60 `serve webdav` (golang.org/x/net/webdav), captured by scripts/capture-fixtures.ts.
 * Quirks: one-line bodies, `xmlns:D` redeclared on inner elements, custom properties in a default
 * namespace (`<color xmlns="urn:…">`), no dead properties (403), `cannot-modify-protected-property`
 * inside a propstat, bare numeric lock tokens, a lockroot without the `/dav` mount point.
 */
import { describe, expect, it } from 'vitest';
import type { MultiStatus, PropStat } from '../../src/model/multistatus.ts';
import { readLock } from '../../src/operations/lock.ts';
import {
  activeLock,
  COLLECTION,
  DATE,
  EXCLUSIVE_WRITE,
  NON_COLLECTION,
  notFound,
  ok,
  propstat,
  X,
} from './expected.ts';
import { decodeFixture, rawResponse } from './fixture-files.ts';

const ETAG = '"181812237e1840008"';

function listed(href: string, path: string, name: string) {
  const props = href.endsWith('/')
    ? {
        '{DAV:}displayname': name,
        '{DAV:}getlastmodified': DATE,
        '{DAV:}resourcetype': COLLECTION,
        '{DAV:}supportedlock': [EXCLUSIVE_WRITE],
      }
    : {
        '{DAV:}displayname': name,
        '{DAV:}getcontentlength': 8,
        '{DAV:}getcontenttype': 'text/plain; charset=utf-8',
        '{DAV:}getetag': ETAG,
        '{DAV:}getlastmodified': DATE,
        '{DAV:}resourcetype': NON_COLLECTION,
        '{DAV:}supportedlock': [EXCLUSIVE_WRITE],
      };
  return { kind: 'propstat' as const, href, path, propstats: [ok(props)] };
}

/** A response for `props/f.txt`. */
const f = (propstats: PropStat[]) => ({
  kind: 'propstat' as const,
  href: '/dav/props/f.txt',
  path: '/dav/props/f.txt',
  propstats,
});

describe('rclone fixtures: PROPFIND', () => {
  it('rclone-propfind-allprop.xml: sorted members, uppercase percent-encoding, charset in the type', () => {
    expect(decodeFixture('rclone-propfind-allprop.xml')).toEqual({
      kind: 'multistatus',
      responses: [
        listed('/dav/list/', '/dav/list/', 'list'),
        listed('/dav/list/%2541.txt', '/dav/list/%41.txt', '%41.txt'),
        listed('/dav/list/a%20b.txt', '/dav/list/a b.txt', 'a b.txt'),
        listed('/dav/list/amp&.txt', '/dav/list/amp&.txt', 'amp&.txt'),
        listed('/dav/list/caf%C3%A9.txt', '/dav/list/café.txt', 'café.txt'),
        listed('/dav/list/semi;colon.txt', '/dav/list/semi;colon.txt', 'semi;colon.txt'),
        listed('/dav/list/sub/', '/dav/list/sub/', 'sub'),
      ],
    } satisfies MultiStatus);
  });

  it('rclone-propfind-named.xml: default-namespace custom properties in the 404 propstats', () => {
    expect(decodeFixture('rclone-propfind-named.xml')).toEqual({
      kind: 'multistatus',
      responses: [
        {
          kind: 'propstat',
          href: '/dav/props/',
          path: '/dav/props/',
          propstats: [
            ok({ '{DAV:}resourcetype': COLLECTION }),
            notFound({
              '{DAV:}getcontentlength': null,
              '{DAV:}getetag': null,
              [`{${X}}color`]: null,
              [`{${X}}meta`]: null,
              [`{${X}}missing`]: null,
            }),
          ],
        },
        f([
          ok({ '{DAV:}getcontentlength': 8, '{DAV:}getetag': ETAG, '{DAV:}resourcetype': NON_COLLECTION }),
          notFound({ [`{${X}}color`]: null, [`{${X}}meta`]: null, [`{${X}}missing`]: null }),
        ]),
      ],
    } satisfies MultiStatus);
  });

  it('rclone-propfind-propname.xml: names only', () => {
    const names = [
      'displayname',
      'getcontentlength',
      'getcontenttype',
      'getetag',
      'getlastmodified',
      'resourcetype',
      'supportedlock',
    ];
    expect(decodeFixture('rclone-propfind-propname.xml', 'propname')).toEqual({
      kind: 'multistatus',
      responses: [f([ok(Object.fromEntries(names.map((name) => [`{DAV:}${name}`, null])))])],
    } satisfies MultiStatus);
  });
});

describe('rclone fixtures: PROPPATCH', () => {
  it('rclone-proppatch-protected.xml: 403 with cannot-modify-protected-property, then 424', () => {
    expect(decodeFixture('rclone-proppatch-protected.xml')).toEqual({
      kind: 'multistatus',
      responses: [
        f([
          {
            ...propstat(403, 'Forbidden', { '{DAV:}getetag': null }),
            error: [{ name: '{DAV:}cannot-modify-protected-property' }],
          },
          propstat(424, 'Failed Dependency', { [`{${X}}color`]: null }),
        ]),
      ],
    } satisfies MultiStatus);
  });

  it('rclone-proppatch-dead-forbidden.xml: every dead property refused with 403', () => {
    expect(decodeFixture('rclone-proppatch-dead-forbidden.xml')).toEqual({
      kind: 'multistatus',
      responses: [f([propstat(403, 'Forbidden', { [`{${X}}color`]: null, [`{${X}}meta`]: null })])],
    } satisfies MultiStatus);
  });
});

describe('rclone fixtures: locks', () => {
  const lock = activeLock({
    owner: 'mailto:fixtures@example.com',
    timeout: 600,
    token: '1000000001',
    rootHref: '/locks/f.txt',
    root: '/locks/f.txt',
  });

  it('rclone-lock.xml: a bare numeric token, the lockroot as rclone sends it (without /dav)', () => {
    expect(readLock(rawResponse('rclone-lock.xml'))).toEqual(lock);
  });

  it('rclone-propfind-lockdiscovery.xml: lockdiscovery is not supported (404)', () => {
    expect(decodeFixture('rclone-propfind-lockdiscovery.xml')).toEqual({
      kind: 'multistatus',
      responses: [
        {
          kind: 'propstat',
          href: '/dav/locks/f.txt',
          path: '/dav/locks/f.txt',
          propstats: [notFound({ '{DAV:}lockdiscovery': null })],
        },
      ],
    } satisfies MultiStatus);
  });
});
