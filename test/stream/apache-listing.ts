/**
 * A PROPFIND Depth:1 allprop answer as Apache mod_dav writes it (see
 * test/fixtures/multistatus/apache-propfind-allprop.xml): the collection, then `count` files, each
 * about 1 KB of XML. Used by the streaming tests and by bench/stream-main-thread.ts.
 */

function fileEntry(dir: string, i: number): string {
  const name = `file-${String(i).padStart(6, '0')}-caf%c3%a9.txt`;
  const etag = `"${(i * 37).toString(16)}-62b06b105a800"`;
  return `<D:response xmlns:lp1="DAV:" xmlns:lp2="http://apache.org/dav/props/">
<D:href>${dir}${name}</D:href>
<D:propstat>
<D:prop>
<lp1:resourcetype/>
<lp1:creationdate>2025-01-06T10:00:00Z</lp1:creationdate>
<lp1:getcontentlength>${i * 13}</lp1:getcontentlength>
<lp1:getlastmodified>Mon, 06 Jan 2025 10:00:00 GMT</lp1:getlastmodified>
<lp1:getetag>${etag}</lp1:getetag>
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

/** The XML declaration, the root's start tag and the collection's own response. */
export function listingHead(dir: string): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<D:multistatus xmlns:D="DAV:" xmlns:ns0="DAV:">
<D:response xmlns:lp1="DAV:" xmlns:lp2="http://apache.org/dav/props/">
<D:href>${dir}</D:href>
<D:propstat>
<D:prop>
<lp1:resourcetype><D:collection/></lp1:resourcetype>
<lp1:getlastmodified>Mon, 06 Jan 2025 10:00:00 GMT</lp1:getlastmodified>
<lp1:getetag>"1000-62b06b105a800"</lp1:getetag>
<D:getcontenttype>httpd/unix-directory</D:getcontenttype>
</D:prop>
<D:status>HTTP/1.1 200 OK</D:status>
</D:propstat>
</D:response>
`;
}

/** The file entries `from` (inclusive) to `to` (exclusive). */
export function listingEntries(dir: string, from: number, to: number): string {
  const parts: string[] = [];
  for (let i = from; i < to; i++) {
    parts.push(fileEntry(dir, i));
  }
  return parts.join('');
}

export const LISTING_TAIL = '</D:multistatus>\n';

/** A whole listing of `count` files below `dir` (an absolute path ending with '/'). */
export function apacheListing(count: number, dir = '/dav/big/'): string {
  return listingHead(dir) + listingEntries(dir, 0, count) + LISTING_TAIL;
}
