/**
 * nginx 1.22 + dav-ext 3.0, captured by scripts/capture-fixtures.ts: the minimal DAV server. No
 * PROPPATCH, no getetag in PROPFIND, uppercase percent-encoding, unknown properties silently dropped
 * (no 404 propstat), short `urn:<hex>` lock tokens with a lockroot.
 */
import { describe, expect, it } from 'vitest';
import type { MultiStatus } from '../../src/model/multistatus.ts';
import { readLock } from '../../src/operations/lock.ts';
import { activeLock, COLLECTION, DATE, EXCLUSIVE_WRITE, NON_COLLECTION, ok } from './expected.ts';
import { decodeFixture, rawResponse } from './fixture-files.ts';

function listed(href: string, path: string, name: string) {
  const collection = href.endsWith('/');
  return {
    kind: 'propstat' as const,
    href,
    path,
    propstats: [
      ok({
        '{DAV:}displayname': name,
        ...(collection ? {} : { '{DAV:}getcontentlength': 8 }),
        '{DAV:}getlastmodified': DATE,
        '{DAV:}resourcetype': collection ? COLLECTION : NON_COLLECTION,
        '{DAV:}lockdiscovery': [],
        '{DAV:}supportedlock': [EXCLUSIVE_WRITE],
      }),
    ],
  };
}

const LOCK = activeLock({
  timeout: 600,
  token: 'urn:00000001',
  rootHref: '/dav/locks/f.txt',
  root: '/dav/locks/f.txt',
});

describe('nginx fixtures', () => {
  it('nginx-propfind-allprop.xml: uppercase percent-encoding decoded once, displayname as text', () => {
    expect(decodeFixture('nginx-propfind-allprop.xml')).toEqual({
      kind: 'multistatus',
      responses: [
        listed('/dav/list/', '/dav/list/', 'list'),
        listed('/dav/list/caf%C3%A9.txt', '/dav/list/café.txt', 'café.txt'),
        listed('/dav/list/%2541.txt', '/dav/list/%41.txt', '%41.txt'),
        listed('/dav/list/a%20b.txt', '/dav/list/a b.txt', 'a b.txt'),
        listed('/dav/list/sub/', '/dav/list/sub/', 'sub'),
        listed('/dav/list/semi;colon.txt', '/dav/list/semi;colon.txt', 'semi;colon.txt'),
        listed('/dav/list/amp&.txt', '/dav/list/amp&.txt', 'amp&.txt'),
      ],
    } satisfies MultiStatus);
  });

  it('nginx-propfind-named.xml: unknown and unsupported properties are simply absent', () => {
    expect(decodeFixture('nginx-propfind-named.xml')).toEqual({
      kind: 'multistatus',
      responses: [
        {
          kind: 'propstat',
          href: '/dav/props/',
          path: '/dav/props/',
          propstats: [ok({ '{DAV:}resourcetype': COLLECTION })],
        },
        {
          kind: 'propstat',
          href: '/dav/props/f.txt',
          path: '/dav/props/f.txt',
          propstats: [ok({ '{DAV:}getcontentlength': 8, '{DAV:}resourcetype': NON_COLLECTION })],
        },
      ],
    } satisfies MultiStatus);
  });

  it('nginx-propfind-propname.xml: names only', () => {
    expect(decodeFixture('nginx-propfind-propname.xml', 'propname')).toEqual({
      kind: 'multistatus',
      responses: [
        {
          kind: 'propstat',
          href: '/dav/props/f.txt',
          path: '/dav/props/f.txt',
          propstats: [
            ok({
              '{DAV:}displayname': null,
              '{DAV:}getcontentlength': null,
              '{DAV:}getlastmodified': null,
              '{DAV:}resourcetype': null,
              '{DAV:}lockdiscovery': null,
              '{DAV:}supportedlock': null,
            }),
          ],
        },
      ],
    } satisfies MultiStatus);
  });

  it('nginx-lock.xml: the LOCK answer (no owner echoed, lockroot, short token)', () => {
    expect(readLock(rawResponse('nginx-lock.xml'))).toEqual(LOCK);
  });

  it('nginx-propfind-lockdiscovery.xml: lockdiscovery of the locked file', () => {
    expect(decodeFixture('nginx-propfind-lockdiscovery.xml')).toEqual({
      kind: 'multistatus',
      responses: [
        {
          kind: 'propstat',
          href: '/dav/locks/f.txt',
          path: '/dav/locks/f.txt',
          propstats: [ok({ '{DAV:}lockdiscovery': [LOCK] })],
        },
      ],
    } satisfies MultiStatus);
  });
});
