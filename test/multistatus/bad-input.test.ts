/**
 * Bodies that are not a well-formed multistatus: each throws `DavParseError` (never a TypeError or a
 * parser's own exception), with a snippet and, for malformed XML, the position.
 *
 * Attacks (entity expansion, XXE, DOCTYPEs, absurd nesting, huge values, charsets, prototype names)
 * are in hostile.test.ts, through both decoders.
 */
import { describe, expect, it } from 'vitest';
import { type DavParseError, decodeMultiStatus, isDavParseError } from '../../src/index.ts';
import { fixture } from './fixture-files.ts';

function parseError(text: string): DavParseError {
  let thrown: unknown;
  try {
    decodeMultiStatus(text, { baseUrl: 'https://host/dav/' });
  } catch (error) {
    thrown = error;
  }
  expect(isDavParseError(thrown), String(thrown)).toBe(true);
  return thrown as DavParseError;
}

const RESPONSE_OK = '<D:href>/a</D:href><D:status>HTTP/1.1 200 OK</D:status>';
const ms = (inner: string) => `<D:multistatus xmlns:D="DAV:">${inner}</D:multistatus>`;

describe('decodeMultiStatus: bad input', () => {
  it.each([
    ['an empty body', ''],
    ['whitespace', '  \n'],
    ['an HTML error page', '<html><head><title>502 Bad Gateway</title></head><body><hr></body></html>'],
    ['plain text', 'Internal Server Error'],
    ['another root element', '<D:prop xmlns:D="DAV:"><D:lockdiscovery/></D:prop>'],
    ['a multistatus in no namespace', '<multistatus><response/></multistatus>'],
    ['a multistatus in another namespace', '<x:multistatus xmlns:x="urn:x"/>'],
    ['an element with the reserved prefix xmlns', '<D:multistatus xmlns:D="DAV:"><xmlns:a/></D:multistatus>'],
    ['a name with an empty prefix', '<D:multistatus xmlns:D="DAV:" xmlns="DAV:"><:a/></D:multistatus>'],
    ['a name with two colons', '<D:multistatus xmlns:D="DAV:"><D:a:b/></D:multistatus>'],
    ['a response without href', ms('<D:response><D:status>HTTP/1.1 200 OK</D:status></D:response>')],
    ['a response with neither status nor propstat', ms('<D:response><D:href>/a</D:href></D:response>')],
    [
      'a propstat without status',
      ms('<D:response><D:href>/a</D:href><D:propstat><D:prop/></D:propstat></D:response>'),
    ],
    [
      'a status line without a code',
      ms('<D:response><D:href>/a</D:href><D:status>HTTP/1.1 OK</D:status></D:response>'),
    ],
    ['two roots', `${ms(`<D:response>${RESPONSE_OK}</D:response>`)}${ms('')}`],
  ])('throws DavParseError for %s', (_what, text) => {
    parseError(text);
  });

  it('throws DavParseError with position and snippet for a truncated real body', () => {
    const text = fixture('apache-propfind-allprop.xml');
    const error = parseError(text.slice(0, Math.floor(text.length / 2)));
    expect(error.snippet).not.toBe('');
    expect(error.message).toMatch(/Malformed/);
  });

  it('points at the line of an unbalanced tag', () => {
    const error = parseError(
      `<D:multistatus xmlns:D="DAV:">\n<D:response>\n${RESPONSE_OK}\n</D:multistatus>`,
    );
    expect(error.position?.line).toBe(4);
    expect(error.snippet).toContain('</D:multistatus>');
  });
});
