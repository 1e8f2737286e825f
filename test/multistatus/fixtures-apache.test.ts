/**
 * Apache httpd 2.4 + mod_dav_fs, captured by scripts/capture-fixtures.ts: PROPFIND and PROPPATCH.
 * Quirks: DAV: bound to `D:`, `lp1:`, `ns0:` and `g0:` in one document, prefixes redeclared on each
 * response, lowercase percent-encoding, `(status)` reason phrases with per-propstat descriptions.
 */
import { describe, expect, it } from 'vitest';
import { isMultiStatusError } from '../../src/index.ts';
import type { MultiStatus } from '../../src/model/multistatus.ts';
import { readProppatch } from '../../src/operations/proppatch.ts';
import {
  COLLECTION,
  DATE,
  EXCLUSIVE_WRITE,
  element,
  NON_COLLECTION,
  notFound,
  ok,
  propstat,
  SHARED_WRITE,
  X,
} from './expected.ts';
import { decodeFixture, rawResponse } from './fixture-files.ts';

const APACHE_NS = 'http://apache.org/dav/props/';
const SUPPORTED = [EXCLUSIVE_WRITE, SHARED_WRITE];

function listed(href: string, path: string, collection: boolean) {
  const props = collection
    ? {
        '{DAV:}resourcetype': COLLECTION,
        '{DAV:}creationdate': DATE,
        '{DAV:}getlastmodified': DATE,
        '{DAV:}getetag': '"1000-62b06b105a800"',
        '{DAV:}supportedlock': SUPPORTED,
        '{DAV:}lockdiscovery': [],
        '{DAV:}getcontenttype': 'httpd/unix-directory',
      }
    : {
        '{DAV:}resourcetype': NON_COLLECTION,
        '{DAV:}creationdate': DATE,
        '{DAV:}getcontentlength': 8,
        '{DAV:}getlastmodified': DATE,
        '{DAV:}getetag': '"8-62b06b105a800"',
        [`{${APACHE_NS}}executable`]: element(`{${APACHE_NS}}executable`, 'F'),
        '{DAV:}supportedlock': SUPPORTED,
        '{DAV:}lockdiscovery': [],
        '{DAV:}getcontenttype': 'text/plain',
      };
  return { kind: 'propstat' as const, href, path, propstats: [ok(props)] };
}

describe('apache fixtures: PROPFIND', () => {
  it('apache-propfind-allprop.xml: every member, lowercase percent-encoding decoded once', () => {
    expect(decodeFixture('apache-propfind-allprop.xml')).toEqual({
      kind: 'multistatus',
      responses: [
        listed('/dav/list/', '/dav/list/', true),
        listed('/dav/list/caf%c3%a9.txt', '/dav/list/café.txt', false),
        listed('/dav/list/%2541.txt', '/dav/list/%41.txt', false),
        listed('/dav/list/a%20b.txt', '/dav/list/a b.txt', false),
        listed('/dav/list/sub/', '/dav/list/sub/', true),
        listed('/dav/list/semi;colon.txt', '/dav/list/semi;colon.txt', false),
        listed('/dav/list/amp&.txt', '/dav/list/amp&.txt', false),
      ],
    } satisfies MultiStatus);
  });

  it('apache-propfind-allprop.xml: properties keep document order, whatever prefix (lp1:, D:, lp2:)', () => {
    const [first] = decodeFixture('apache-propfind-allprop.xml').responses;
    expect(first?.kind === 'propstat' && Object.keys(first.propstats[0]?.props ?? {})).toEqual([
      '{DAV:}resourcetype',
      '{DAV:}creationdate',
      '{DAV:}getlastmodified',
      '{DAV:}getetag',
      '{DAV:}supportedlock',
      '{DAV:}lockdiscovery',
      '{DAV:}getcontenttype',
    ]);
  });

  it('apache-propfind-named.xml: 200 and 404 propstats, dead properties as element trees', () => {
    expect(decodeFixture('apache-propfind-named.xml')).toEqual({
      kind: 'multistatus',
      responses: [
        {
          kind: 'propstat',
          href: '/dav/props/',
          path: '/dav/props/',
          propstats: [
            ok({ '{DAV:}getetag': '"1000-62b06b105a800"', '{DAV:}resourcetype': COLLECTION }),
            notFound({
              '{DAV:}getcontentlength': null,
              [`{${X}}color`]: null,
              [`{${X}}meta`]: null,
              [`{${X}}missing`]: null,
            }),
          ],
        },
        {
          kind: 'propstat',
          href: '/dav/props/f.txt',
          path: '/dav/props/f.txt',
          propstats: [
            ok({
              '{DAV:}getetag': '"8-62b06b105a800"',
              '{DAV:}getcontentlength': 8,
              '{DAV:}resourcetype': NON_COLLECTION,
              [`{${X}}color`]: element(`{${X}}color`, 'blue & green'),
              [`{${X}}meta`]: element(`{${X}}meta`, '', [
                element(`{${X}}tag`, 'café', [], { lang: 'en' }),
                element(`{${X}}tag`, 'Grün', [], { lang: 'de' }),
              ]),
            }),
            notFound({ [`{${X}}missing`]: null }),
          ],
        },
      ],
    } satisfies MultiStatus);
  });

  it('apache-propfind-propname.xml: every name, live and dead, with a null value', () => {
    const names = [
      `{${X}}color`,
      `{${X}}meta`,
      '{DAV:}resourcetype',
      '{DAV:}creationdate',
      '{DAV:}getcontentlength',
      '{DAV:}getlastmodified',
      '{DAV:}getetag',
      `{${APACHE_NS}}executable`,
      '{DAV:}supportedlock',
      '{DAV:}lockdiscovery',
      '{DAV:}getcontenttype',
    ];
    expect(decodeFixture('apache-propfind-propname.xml', 'propname')).toEqual({
      kind: 'multistatus',
      responses: [
        {
          kind: 'propstat',
          href: '/dav/props/f.txt',
          path: '/dav/props/f.txt',
          propstats: [ok(Object.fromEntries(names.map((name) => [name, null])))],
        },
      ],
    } satisfies MultiStatus);
  });
});

describe('apache fixtures: PROPPATCH', () => {
  const protectedAnswer: MultiStatus = {
    kind: 'multistatus',
    responses: [
      {
        kind: 'propstat',
        href: '/dav/props/f.txt',
        path: '/dav/props/f.txt',
        propstats: [
          {
            ...propstat(424, '(status)', { [`{${X}}color`]: null }),
            description: 'Attempted DAV:set operation could not be completed due to other errors.',
          },
          {
            ...propstat(409, '(status)', { '{DAV:}getetag': null }),
            description: 'Property is read-only.',
          },
        ],
      },
    ],
  };

  it('apache-proppatch-protected.xml: 424 then 409, "(status)" phrases, a description per propstat', () => {
    expect(decodeFixture('apache-proppatch-protected.xml')).toEqual(protectedAnswer);
  });

  it('apache-proppatch-protected.xml: readProppatch throws MultiStatusError with the whole answer', () => {
    let thrown: unknown;
    try {
      readProppatch(rawResponse('apache-proppatch-protected.xml'));
    } catch (error) {
      thrown = error;
    }
    expect(isMultiStatusError(thrown)).toBe(true);
    expect(isMultiStatusError(thrown) && thrown.multistatus).toEqual(protectedAnswer);
  });

  const setAnswer: MultiStatus = {
    kind: 'multistatus',
    responses: [
      {
        kind: 'propstat',
        href: '/dav/props/f.txt',
        path: '/dav/props/f.txt',
        propstats: [ok({ [`{${X}}color`]: null, [`{${X}}meta`]: null })],
      },
    ],
  };

  it('apache-proppatch-set.xml: names only (decoded in propname mode)', () => {
    expect(decodeFixture('apache-proppatch-set.xml', 'propname')).toEqual(setAnswer);
  });

  it('apache-proppatch-set.xml: readProppatch gives the names listed without a value as null', () => {
    expect(readProppatch(rawResponse('apache-proppatch-set.xml'))).toEqual(setAnswer);
  });
});
