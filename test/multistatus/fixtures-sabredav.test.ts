/**
 * SabreDAV 1.8 (FSExt tree, file lock backend) under `php -S`, captured by
 * scripts/capture-fixtures.ts: PROPFIND, PROPPATCH and LOCK answers. Quirks: lowercase `d:` prefix,
 * lowercase percent-encoding with `;` and `&` encoded, RFC 4331 quota properties on collections,
 * dead property values flattened to text, values in a propname answer, owner not echoed.
 */
import { describe, expect, it } from 'vitest';
import type { MultiStatus, PropStat } from '../../src/model/multistatus.ts';
import { readLock } from '../../src/operations/lock.ts';
import {
  activeLock,
  COLLECTION,
  DATE,
  element,
  NON_COLLECTION,
  notFound,
  ok,
  propstat,
  X,
} from './expected.ts';
import { decodeFixture, rawResponse } from './fixture-files.ts';

/** md5 of the 8 bytes every capture writes (`fixture\n`): SabreDAV's FSExt ETag. */
const ETAG = '"9ee93d7f7493b1d81cfe187a1b2642dc"';

function listed(href: string, path: string) {
  const props = href.endsWith('/')
    ? {
        '{DAV:}getlastmodified': DATE,
        '{DAV:}resourcetype': COLLECTION,
        '{DAV:}quota-used-bytes': 1_048_576,
        '{DAV:}quota-available-bytes': 1_073_741_824,
      }
    : {
        '{DAV:}getlastmodified': DATE,
        '{DAV:}getcontentlength': 8,
        '{DAV:}resourcetype': NON_COLLECTION,
        '{DAV:}getetag': ETAG,
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

describe('sabredav fixtures: PROPFIND', () => {
  it('sabredav-propfind-allprop.xml: d: prefix, %3b and %26 decoded, quotas as numbers', () => {
    expect(decodeFixture('sabredav-propfind-allprop.xml')).toEqual({
      kind: 'multistatus',
      responses: [
        listed('/dav/list/', '/dav/list/'),
        listed('/dav/list/%2541.txt', '/dav/list/%41.txt'),
        listed('/dav/list/a%20b.txt', '/dav/list/a b.txt'),
        listed('/dav/list/amp%26.txt', '/dav/list/amp&.txt'),
        listed('/dav/list/caf%c3%a9.txt', '/dav/list/café.txt'),
        listed('/dav/list/semi%3bcolon.txt', '/dav/list/semi;colon.txt'),
        listed('/dav/list/sub/', '/dav/list/sub/'),
      ],
    } satisfies MultiStatus);
  });

  it('sabredav-propfind-named.xml: x2: redeclared on each property, a structured value flattened', () => {
    expect(decodeFixture('sabredav-propfind-named.xml')).toEqual({
      kind: 'multistatus',
      responses: [
        {
          kind: 'propstat',
          href: '/dav/props/',
          path: '/dav/props/',
          propstats: [
            ok({ '{DAV:}resourcetype': COLLECTION }),
            notFound({
              '{DAV:}getetag': null,
              '{DAV:}getcontentlength': null,
              [`{${X}}color`]: null,
              [`{${X}}meta`]: null,
              [`{${X}}missing`]: null,
            }),
          ],
        },
        f([
          ok({
            [`{${X}}color`]: element(`{${X}}color`, 'blue & green'),
            [`{${X}}meta`]: element(`{${X}}meta`, 'caféGrün'),
            '{DAV:}getetag': ETAG,
            '{DAV:}getcontentlength': 8,
            '{DAV:}resourcetype': NON_COLLECTION,
          }),
          notFound({ [`{${X}}missing`]: null }),
        ]),
      ],
    } satisfies MultiStatus);
  });

  it('sabredav-propfind-propname.xml: SabreDAV sends values, propname mode keeps names only', () => {
    expect(decodeFixture('sabredav-propfind-propname.xml', 'propname')).toEqual({
      kind: 'multistatus',
      responses: [
        f([
          ok({
            '{DAV:}getlastmodified': null,
            '{DAV:}getcontentlength': null,
            '{DAV:}resourcetype': null,
            '{DAV:}getetag': null,
          }),
        ]),
      ],
    } satisfies MultiStatus);
  });
});

describe('sabredav fixtures: PROPPATCH', () => {
  it('sabredav-proppatch-protected.xml: 403 (no DAV:error) then 424', () => {
    expect(decodeFixture('sabredav-proppatch-protected.xml')).toEqual({
      kind: 'multistatus',
      responses: [
        f([
          propstat(403, 'Forbidden', { '{DAV:}getetag': null }),
          propstat(424, 'Failed Dependency', { [`{${X}}color`]: null }),
        ]),
      ],
    } satisfies MultiStatus);
  });

  it('sabredav-proppatch-set.xml: names only', () => {
    expect(decodeFixture('sabredav-proppatch-set.xml', 'propname')).toEqual({
      kind: 'multistatus',
      responses: [f([ok({ [`{${X}}color`]: null, [`{${X}}meta`]: null })])],
    } satisfies MultiStatus);
  });
});

describe('sabredav fixtures: locks', () => {
  const root = { rootHref: '/dav/locks/f.txt', root: '/dav/locks/f.txt' };

  it('sabredav-lock.xml: Timeout always 1800 s, empty owner left out, lockroot', () => {
    expect(readLock(rawResponse('sabredav-lock.xml'))).toEqual(
      activeLock({ timeout: 1800, token: 'opaquelocktoken:00000000-0000-4000-8000-000000000001', ...root }),
    );
  });

  it('sabredav-propfind-lockdiscovery.xml: the token is not disclosed in lockdiscovery', () => {
    expect(decodeFixture('sabredav-propfind-lockdiscovery.xml')).toEqual({
      kind: 'multistatus',
      responses: [
        {
          kind: 'propstat',
          href: '/dav/locks/f.txt',
          path: '/dav/locks/f.txt',
          propstats: [ok({ '{DAV:}lockdiscovery': [activeLock({ timeout: 1800, ...root })] })],
        },
      ],
    } satisfies MultiStatus);
  });
});
