/**
 * SabreDAV 1.8's `DAV:error` bodies (RFC 4918 §16), captured by scripts/capture-fixtures.ts and read
 * as davkit reads a failed answer (`readFailureBody`). Every child of `DAV:error` is a condition,
 * SabreDAV's own `s:` elements included; the precondition hrefs are relative to the DAV root.
 */
import { describe, expect, it } from 'vitest';
import type { DavCondition } from '../../src/model/multistatus.ts';
import { BUFFERED } from '../../src/operations/buffered.ts';
import { readFailureBody } from '../../src/operations/failure-reader.ts';
import { captureRecord, rawResponse } from './fixture-files.ts';

const S = 'http://sabredav.org/ns';

function sabre(exception: string, message?: string): DavCondition[] {
  return [
    { name: `{${S}}exception`, text: `Sabre\\DAV\\Exception\\${exception}` },
    message === undefined ? { name: `{${S}}message` } : { name: `{${S}}message`, text: message },
    { name: `{${S}}sabredav-version`, text: '1.8.12' },
  ];
}

describe('sabredav fixtures: DAV:error bodies', () => {
  it('sabredav-error-delete-locked.xml: 423 + lock-token-submitted, relative href resolved', () => {
    expect(captureRecord('sabredav-error-delete-locked.xml').status).toBe(423);
    expect(readFailureBody(rawResponse('sabredav-error-delete-locked.xml'), BUFFERED)).toEqual({
      conditions: [
        ...sabre('Locked'),
        { name: '{DAV:}lock-token-submitted', hrefs: ['locks/f.txt'], paths: ['/dav/locks/f.txt'] },
      ],
    });
  });

  it('sabredav-error-put-locked-collection.xml: 423 + lock-token-submitted naming the locked collection', () => {
    expect(captureRecord('sabredav-error-put-locked-collection.xml').status).toBe(423);
    expect(readFailureBody(rawResponse('sabredav-error-put-locked-collection.xml'), BUFFERED)).toEqual({
      conditions: [
        ...sabre('Locked'),
        { name: '{DAV:}lock-token-submitted', hrefs: ['locked'], paths: ['/dav/locked'] },
      ],
    });
  });

  it('sabredav-error-lock-conflict.xml: 423 + no-conflicting-lock', () => {
    expect(captureRecord('sabredav-error-lock-conflict.xml').status).toBe(423);
    expect(readFailureBody(rawResponse('sabredav-error-lock-conflict.xml'), BUFFERED)).toEqual({
      conditions: [
        ...sabre('ConflictingLock'),
        { name: '{DAV:}no-conflicting-lock', hrefs: ['locks/f.txt'], paths: ['/dav/locks/f.txt'] },
      ],
    });
  });

  it('sabredav-error-unlock-token-mismatch.xml: 409 + lock-token-matches-request-uri', () => {
    expect(captureRecord('sabredav-error-unlock-token-mismatch.xml').status).toBe(409);
    expect(readFailureBody(rawResponse('sabredav-error-unlock-token-mismatch.xml'), BUFFERED)).toEqual({
      conditions: [
        ...sabre(
          'LockTokenMatchesRequestUri',
          'The locktoken supplied does not match any locks on this entity',
        ),
        { name: '{DAV:}lock-token-matches-request-uri' },
      ],
    });
  });
});
