/**
 * Shapes that the captured fixtures do not cover, hand-written after RFC 4918 and
 * shared/reference/real-servers.md: nginx's empty reason phrase inside a body, weak and escaped
 * ETags, several hrefs per status response, DAV:location, response-level DAV:error, top-level
 * description and sync token, redeclared and undeclared namespaces, CDATA, typed-value edge cases.
 */
import { describe, expect, it } from 'vitest';
import { decodeMultiStatus } from '../../src/index.ts';
import type { DavResponse, PropStat } from '../../src/model/multistatus.ts';

const BASE = 'https://host/dav/';

/** Decodes one response wrapped in a multistatus whose DAV: prefix is `D`. */
function one(response: string, extra = ''): DavResponse {
  const ms = decodeMultiStatus(`<D:multistatus xmlns:D="DAV:"${extra}>${response}</D:multistatus>`, {
    baseUrl: BASE,
  });
  expect(ms.responses).toHaveLength(1);
  return ms.responses[0] as DavResponse;
}

/** The first propstat of a one-response document holding `props` in a 200 propstat. */
function props(inner: string, extra = ''): PropStat['props'] {
  const response = one(
    `<D:response><D:href>/dav/f</D:href><D:propstat><D:prop>${inner}</D:prop>` +
      '<D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response>',
    extra,
  );
  if (response.kind !== 'propstat') {
    throw new Error('expected a propstat response');
  }
  return response.propstats[0]?.props ?? {};
}

describe('status lines inside a body', () => {
  it('keeps a 423 with an empty reason phrase (nginx) without a reason', () => {
    expect(one('<D:response><D:href>/dav/a</D:href><D:status>HTTP/1.1 423 </D:status></D:response>')).toEqual(
      {
        kind: 'status',
        href: '/dav/a',
        path: '/dav/a',
        hrefs: ['/dav/a'],
        paths: ['/dav/a'],
        status: 423,
      },
    );
  });

  it('reads an HTTP/1.0 status line (Radicale) and keeps every href of a status response', () => {
    expect(
      one(
        '<D:response><D:href>/dav/a%20b</D:href><D:href>http://h/dav/c</D:href><D:href>d</D:href>' +
          '<D:status>HTTP/1.0 404 Not Found</D:status></D:response>',
      ),
    ).toEqual({
      kind: 'status',
      href: '/dav/a%20b',
      path: '/dav/a b',
      hrefs: ['/dav/a%20b', 'http://h/dav/c', 'd'],
      paths: ['/dav/a b', '/dav/c', '/dav/d'],
      status: 404,
      reason: 'Not Found',
    });
  });
});

describe('response extras', () => {
  it('keeps DAV:location, a response-level DAV:error and its description', () => {
    expect(
      one(
        '<D:response><D:href>/dav/old</D:href><D:status>HTTP/1.1 301 Moved Permanently</D:status>' +
          '<D:error><D:propfind-finite-depth/><x:quota xmlns:x="urn:x">over</x:quota></D:error>' +
          '<D:responsedescription> moved </D:responsedescription>' +
          '<D:location><D:href>/dav/new</D:href></D:location></D:response>',
      ),
    ).toEqual({
      kind: 'status',
      href: '/dav/old',
      path: '/dav/old',
      hrefs: ['/dav/old'],
      paths: ['/dav/old'],
      status: 301,
      reason: 'Moved Permanently',
      error: [{ name: '{DAV:}propfind-finite-depth' }, { name: '{urn:x}quota', text: 'over' }],
      description: 'moved',
      location: '/dav/new',
    });
  });

  it('reads the top-level description and sync token, and an empty multistatus', () => {
    expect(
      decodeMultiStatus(
        '<D:multistatus xmlns:D="DAV:"><D:sync-token>http://h/sync/7</D:sync-token>' +
          '<D:responsedescription>done</D:responsedescription></D:multistatus>',
      ),
    ).toEqual({ kind: 'multistatus', responses: [], description: 'done', syncToken: 'http://h/sync/7' });
    expect(decodeMultiStatus('<m:multistatus xmlns:m="DAV:"/>')).toEqual({
      kind: 'multistatus',
      responses: [],
    });
  });
});

describe('namespaces', () => {
  it('follows a prefix redeclared on an inner element, and xmlns="" inside a default namespace', () => {
    const response = decodeMultiStatus(
      '<multistatus xmlns="DAV:" xmlns:p="urn:outer"><response><href>/f</href><propstat>' +
        '<prop><p:a/><p:b xmlns:p="urn:inner"/><c xmlns=""/><p:d/></prop>' +
        '<status>HTTP/1.1 404 Not Found</status></propstat></response></multistatus>',
    ).responses[0];
    expect(response?.kind === 'propstat' && response.propstats[0]?.props).toEqual({
      '{urn:outer}a': null,
      '{urn:inner}b': null,
      c: null,
      '{urn:outer}d': null,
    });
  });

  it('gives the same Clark names for the same URI under two prefixes', () => {
    expect(
      props('<a:getetag>"1"</a:getetag><b:displayname>x</b:displayname>', ' xmlns:a="DAV:" xmlns:b="DAV:"'),
    ).toEqual({
      '{DAV:}getetag': '"1"',
      '{DAV:}displayname': 'x',
    });
  });
});

describe('typed values', () => {
  it('keeps ETags exactly as sent (W/, quotes, XML-escaped quotes), without surrounding whitespace', () => {
    expect(props('<D:getetag>\n  W/"abc"\n</D:getetag>')).toEqual({ '{DAV:}getetag': 'W/"abc"' });
    expect(props('<D:getetag>&quot;x&quot;</D:getetag>')).toEqual({ '{DAV:}getetag': '"x"' });
  });

  it('never coerces strings to numbers, and reads numbers only from digits', () => {
    expect(
      props(
        '<D:displayname>2024.10</D:displayname><D:getcontenttype>1e3</D:getcontenttype>' +
          '<D:getcontentlength> 42 </D:getcontentlength><D:quota-used-bytes>-1</D:quota-used-bytes>' +
          '<D:quota-available-bytes>12abc</D:quota-available-bytes>',
      ),
    ).toEqual({
      '{DAV:}displayname': '2024.10',
      '{DAV:}getcontenttype': '1e3',
      '{DAV:}getcontentlength': 42,
      '{DAV:}quota-used-bytes': null,
      '{DAV:}quota-available-bytes': null,
    });
  });

  it('reads RFC 1123 and RFC 3339 dates as ISO 8601, and keeps text that is no date', () => {
    expect(
      props(
        '<D:getlastmodified>Tue, 07 Jan 2025 08:30:00 GMT</D:getlastmodified>' +
          '<D:creationdate>2025-01-07T09:30:00+01:00</D:creationdate>',
      ),
    ).toEqual({
      '{DAV:}getlastmodified': '2025-01-07T08:30:00.000Z',
      '{DAV:}creationdate': '2025-01-07T08:30:00.000Z',
    });
    expect(props('<D:getlastmodified>yesterday</D:getlastmodified>')).toEqual({
      '{DAV:}getlastmodified': 'yesterday',
    });
  });

  it('lists every resourcetype child and reads Infinite timeouts and shared locks', () => {
    expect(
      props(
        '<D:resourcetype><D:principal/><C:calendar xmlns:C="urn:ietf:params:xml:ns:caldav"/></D:resourcetype>' +
          '<D:lockdiscovery><D:activelock><D:locktype><D:write/></D:locktype>' +
          '<D:lockscope><D:shared/></D:lockscope><D:depth>infinity</D:depth>' +
          '<D:owner>\n  <D:href>http://example.com/~alice</D:href>\n</D:owner>' +
          '<D:timeout>Infinite</D:timeout><D:locktoken><D:href>urn:uuid:1</D:href></D:locktoken>' +
          '<D:lockroot><D:href>/dav/caf%C3%A9/</D:href></D:lockroot></D:activelock></D:lockdiscovery>',
      ),
    ).toEqual({
      '{DAV:}resourcetype': {
        collection: false,
        types: ['{DAV:}principal', '{urn:ietf:params:xml:ns:caldav}calendar'],
      },
      '{DAV:}lockdiscovery': [
        {
          scope: 'shared',
          type: 'write',
          depth: 'infinity',
          owner: 'http://example.com/~alice',
          timeout: 'infinite',
          token: 'urn:uuid:1',
          rootHref: '/dav/caf%C3%A9/',
          root: '/dav/café/',
        },
      ],
    });
  });

  it('keeps CDATA as text, unescaped, and numeric character references decoded', () => {
    expect(
      props(
        '<x:note xmlns:x="urn:x"><![CDATA[a <b> & c]]></x:note><x:n xmlns:x="urn:x">Gr&#252;&#x00DF;e</x:n>',
      ),
    ).toEqual({
      '{urn:x}note': { name: '{urn:x}note', attributes: {}, children: [], text: 'a <b> & c' },
      '{urn:x}n': { name: '{urn:x}n', attributes: {}, children: [], text: 'Grüße' },
    });
  });
});

describe('text fidelity', () => {
  it('keeps the whitespace of a displayname', () => {
    expect(props('<D:displayname> Q4 report </D:displayname>')).toEqual({
      '{DAV:}displayname': ' Q4 report ',
    });
  });

  it('keeps non-XML whitespace (ideographic space, no-break space) at the edges of a value', () => {
    expect(props('<D:displayname>\u3000名前\u00A0</D:displayname><D:getetag>"e"\u00A0</D:getetag>')).toEqual({
      '{DAV:}displayname': '\u3000名前\u00A0',
      '{DAV:}getetag': '"e"\u00A0',
    });
  });

  it('keeps the text of mixed content with its spaces', () => {
    expect(props('<x:p xmlns:x="urn:x">Hello <x:b>world</x:b> again</x:p>')).toEqual({
      '{urn:x}p': {
        name: '{urn:x}p',
        attributes: {},
        children: [{ name: '{urn:x}b', attributes: {}, children: [], text: 'world' }],
        text: 'Hello  again',
      },
    });
  });
});
