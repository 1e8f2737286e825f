/**
 * `isMultiStatusBody` judged on every real fixture with the content type it was served with, and on
 * the content-type spellings servers use.
 */
import { describe, expect, it } from 'vitest';
import { isMultiStatusBody } from '../../src/multistatus/is-multistatus.ts';
import { captureRecord, FIXTURE_NAMES, fixture } from './fixture-files.ts';

const captured = FIXTURE_NAMES.filter((name) => !name.startsWith('radicale-'));

describe('isMultiStatusBody on the real fixtures', () => {
  it.each(captured)('%s', (name) => {
    const expected = fixture(name).includes('multistatus xmlns');
    expect(isMultiStatusBody(captureRecord(name).contentType, fixture(name))).toBe(expected);
  });

  it.each(['radicale-propfind-default-ns.xml', 'radicale-report-multiget-404.xml'])(
    '%s (default namespace, comment in the prolog)',
    (name) => {
      expect(isMultiStatusBody('text/xml; charset=utf-8', fixture(name))).toBe(true);
    },
  );
});

describe('isMultiStatusBody on content types', () => {
  const body = '<d:multistatus xmlns:d="DAV:"/>';

  it.each([
    'text/xml; charset="utf-8"',
    'text/xml; charset=utf-8',
    'application/xml;charset=utf-8',
    'APPLICATION/XML',
    'application/davmount+xml',
    undefined,
    null,
  ])('accepts %s', (type) => {
    expect(isMultiStatusBody(type, body)).toBe(true);
  });

  it.each(['text/html; charset=iso-8859-1', 'text/plain', 'application/json'])('refuses %s', (type) => {
    expect(isMultiStatusBody(type, body)).toBe(false);
  });

  it('refuses a multistatus root that is not in DAV:', () => {
    expect(isMultiStatusBody('text/xml', '<d:multistatus xmlns:d="urn:other"/>')).toBe(false);
    expect(isMultiStatusBody('text/xml', '<multistatus/>')).toBe(false);
  });
});
