/**
 * PROPFIND Depth 1 bodies in the styles of real servers (shared/reference/real-servers.md §7), with
 * `n` members. Deterministic, so every run measures the same bytes.
 */

export type BodyStyle = 'apache' | 'sabredav' | 'default-ns';

export const STYLES: readonly BodyStyle[] = ['apache', 'sabredav', 'default-ns'];

const DATE = 'Sun, 01 Nov 2026 10:00:00 GMT';

function apacheEntry(i: number): string {
  return `<D:response xmlns:lp1="DAV:" xmlns:lp2="http://apache.org/dav/props/">
<D:href>/dav/big/file-${i}.txt</D:href>
<D:propstat>
<D:prop>
<lp1:resourcetype/>
<lp1:creationdate>2026-11-01T10:00:00Z</lp1:creationdate>
<lp1:getcontentlength>${i * 7}</lp1:getcontentlength>
<lp1:getlastmodified>${DATE}</lp1:getlastmodified>
<lp1:getetag>"${i.toString(16)}-5f0c2"</lp1:getetag>
<lp2:executable>F</lp2:executable>
<D:supportedlock>
<D:lockentry>
<D:lockscope><D:exclusive/></D:lockscope>
<D:locktype><D:write/></D:locktype>
</D:lockentry>
<D:lockentry>
<D:lockscope><D:shared/></D:lockscope>
<D:locktype><D:write/></D:locktype>
</D:lockentry>
</D:supportedlock>
<D:lockdiscovery/>
<D:getcontenttype>text/plain</D:getcontenttype>
</D:prop>
<D:status>HTTP/1.1 200 OK</D:status>
</D:propstat>
</D:response>
`;
}

function sabreEntry(i: number): string {
  return `<d:response><d:href>/remote.php/dav/files/alice/big/caf%c3%a9-${i}.txt</d:href><d:propstat><d:prop><d:getlastmodified>${DATE}</d:getlastmodified><d:getcontentlength>${i * 7}</d:getcontentlength><d:resourcetype/><d:getetag>&quot;${i.toString(16)}a1&quot;</d:getetag><d:getcontenttype>text/plain</d:getcontenttype><oc:fileid>${100000 + i}</oc:fileid><oc:permissions>RGDNVW</oc:permissions><oc:size>${i * 7}</oc:size><nc:has-preview>false</nc:has-preview></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat><d:propstat><d:prop><oc:checksums/></d:prop><d:status>HTTP/1.1 404 Not Found</d:status></d:propstat></d:response>`;
}

function defaultNsEntry(i: number): string {
  return `  <response>
    <href>/calendars/alice/big/event-${i}.ics</href>
    <propstat>
      <prop>
        <getetag>"${i.toString(16)}-ev"</getetag>
        <getcontenttype>text/calendar; charset=utf-8</getcontenttype>
        <getlastmodified>${DATE}</getlastmodified>
        <resourcetype/>
        <ns1:color xmlns:ns1="http://apple.com/ns/ical/">#ff0000</ns1:color>
      </prop>
      <status>HTTP/1.1 200 OK</status>
    </propstat>
  </response>
`;
}

const ENTRY: Record<BodyStyle, (i: number) => string> = {
  apache: apacheEntry,
  sabredav: sabreEntry,
  'default-ns': defaultNsEntry,
};

const HEAD: Record<BodyStyle, string> = {
  apache: '<?xml version="1.0" encoding="utf-8"?>\n<D:multistatus xmlns:D="DAV:" xmlns:ns0="DAV:">\n',
  sabredav:
    '<?xml version="1.0"?>\n<d:multistatus xmlns:d="DAV:" xmlns:s="http://sabredav.org/ns" xmlns:oc="http://owncloud.org/ns" xmlns:nc="http://nextcloud.org/ns">',
  'default-ns': "<?xml version='1.0' encoding='utf-8'?>\n<multistatus xmlns=\"DAV:\">\n",
};

const TAIL: Record<BodyStyle, string> = {
  apache: '</D:multistatus>\n',
  sabredav: '</d:multistatus>\n',
  'default-ns': '</multistatus>\n',
};

/** The body as pieces: head, one piece per entry, tail (a streaming producer sends them one by one). */
export function* bodyPieces(style: BodyStyle, n: number): Generator<string> {
  yield HEAD[style];
  for (let i = 0; i < n; i++) {
    yield ENTRY[style](i);
  }
  yield TAIL[style];
}

/** The whole body as one string. */
export function body(style: BodyStyle, n: number): string {
  return [...bodyPieces(style, n)].join('');
}

/** The body in chunks of about `size` characters, generated lazily (constant memory). */
export function* bodyChunks(style: BodyStyle, n: number, size = 64 * 1024): Generator<string> {
  let pending = '';
  for (const piece of bodyPieces(style, n)) {
    pending += piece;
    if (pending.length >= size) {
      yield pending;
      pending = '';
    }
  }
  if (pending !== '') {
    yield pending;
  }
}
