/**
 * Apache httpd 2.4 + mod_dav_fs, captured by scripts/capture-fixtures.ts: locks and the failures they
 * cause. Apache is the only server with the RFC 4918 §9.10.9 cascade (207 with 424 + 423), a 207 for
 * PUT/MKCOL into a locked collection, and a top-level 424 whose body is a multistatus.
 */
import { describe, expect, it } from 'vitest';
import type { MultiStatus } from '../../src/model/multistatus.ts';
import { BUFFERED } from '../../src/operations/buffered.ts';
import { readFailureBody } from '../../src/operations/failure-reader.ts';
import { readLock } from '../../src/operations/lock.ts';
import { activeLock, ok, propstat } from './expected.ts';
import { captureRecord, decodeFixture, rawResponse } from './fixture-files.ts';

const TOKEN = 'opaquelocktoken:00000000-0000-4000-8000-000000000001';
const OTHER_RESOURCE =
  'An error occurred on another resource, preventing the requested operation on this resource.';
const PARENT_LOCKED =
  'A validation error has occurred on the parent resource, preventing the operation on the resource ' +
  'specified by the Request-URI. The error was: This resource is locked and an "If:" header was not ' +
  'supplied to allow access to the resource.';

function status(href: string, code: number, reason: string, description?: string) {
  return {
    kind: 'status',
    href,
    path: href,
    hrefs: [href],
    paths: [href],
    status: code,
    reason,
    ...(description === undefined ? {} : { description }),
  } as const;
}

describe('apache fixtures: lock bodies', () => {
  const lock = activeLock({ owner: 'mailto:fixtures@example.com', timeout: 600, token: TOKEN });

  it('apache-lock.xml: the LOCK answer (owner echoed under another DAV: prefix, no lockroot)', () => {
    expect(readLock(rawResponse('apache-lock.xml'))).toEqual(lock);
  });

  it('apache-propfind-lockdiscovery.xml: lockdiscovery of the locked file', () => {
    expect(decodeFixture('apache-propfind-lockdiscovery.xml')).toEqual({
      kind: 'multistatus',
      responses: [
        {
          kind: 'propstat',
          href: '/dav/locks/f.txt',
          path: '/dav/locks/f.txt',
          propstats: [ok({ '{DAV:}lockdiscovery': [lock] })],
        },
      ],
    } satisfies MultiStatus);
  });
});

describe('apache fixtures: 424 and 423 inside a 207', () => {
  it('apache-lock-cascade.xml: Depth-infinity LOCK, collection 424 (no slash), locked member 423', () => {
    expect(decodeFixture('apache-lock-cascade.xml')).toEqual({
      kind: 'multistatus',
      responses: [
        {
          kind: 'propstat',
          href: '/dav/cascade',
          path: '/dav/cascade',
          propstats: [propstat(424, 'Failed Dependency', { '{DAV:}lockdiscovery': null })],
          description: OTHER_RESOURCE,
        },
        status('/dav/cascade/m.txt', 423, 'Locked'),
      ],
    } satisfies MultiStatus);
  });

  it('apache-put-locked-collection.xml: a PUT answered 207, new member 424, collection 423', () => {
    expect(captureRecord('apache-put-locked-collection.xml').status).toBe(207);
    expect(decodeFixture('apache-put-locked-collection.xml')).toEqual({
      kind: 'multistatus',
      responses: [
        status('/dav/locked/new.txt', 424, 'Failed Dependency', OTHER_RESOURCE),
        status('/dav/locked', 423, 'Locked', PARENT_LOCKED),
      ],
    } satisfies MultiStatus);
  });

  it('apache-mkcol-locked-collection.xml: the same for MKCOL', () => {
    expect(decodeFixture('apache-mkcol-locked-collection.xml')).toEqual({
      kind: 'multistatus',
      responses: [
        status('/dav/locked/newcol', 424, 'Failed Dependency', OTHER_RESOURCE),
        status('/dav/locked', 423, 'Locked', PARENT_LOCKED),
      ],
    } satisfies MultiStatus);
  });
});

describe('apache fixtures: a multistatus under a top-level 424', () => {
  const memberLocked: MultiStatus = {
    kind: 'multistatus',
    responses: [status('/dav/cascade/m.txt', 423, 'Locked')],
  };

  it.each(['apache-delete-locked-member.xml', 'apache-move-locked-member.xml'])(
    '%s: only the root cause is listed',
    (name) => {
      expect(captureRecord(name).status).toBe(424);
      expect(decodeFixture(name)).toEqual(memberLocked);
    },
  );

  it('apache-delete-locked-member.xml: readFailureBody decodes it whatever the status', () => {
    expect(readFailureBody(rawResponse('apache-delete-locked-member.xml'), BUFFERED)).toEqual({
      multistatus: memberLocked,
      conditions: [],
    });
  });

  it('apache-delete-untagged-if.xml: the untagged If also applied to the parent (412)', () => {
    expect(decodeFixture('apache-delete-untagged-if.xml')).toEqual({
      kind: 'multistatus',
      responses: [
        status(
          '/dav/locks',
          412,
          'Precondition Failed',
          'A validation error has occurred on the parent resource, preventing the operation on the ' +
            'resource specified by the Request-URI. The error was: The precondition(s) specified by the ' +
            '"If:" header did not match this resource. At least one failure is because: a State-token ' +
            'was supplied, but it was not found in the locks on this resource.',
        ),
      ],
    } satisfies MultiStatus);
  });
});
