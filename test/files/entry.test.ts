import { describe, expect, it } from 'vitest';
import { successfulProps, toEntry } from '../../src/files/entry.ts';
import { decodeMultiStatus } from '../../src/multistatus/decode.ts';

const base = new URL('https://h/dav/');

function response(props: string, href = '/dav/docs/a%20b.txt', extra = '') {
  const ms = decodeMultiStatus(
    `<D:multistatus xmlns:D="DAV:" xmlns:x="urn:x"><D:response><D:href>${href}</D:href>` +
      `<D:propstat><D:prop>${props}</D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat>${extra}</D:response></D:multistatus>`,
  );
  const [first] = ms.responses;
  if (first === undefined) {
    throw new Error('no response');
  }
  return first;
}

describe('toEntry', () => {
  it('turns a file’s properties into plain fields', () => {
    const entry = toEntry(
      response(
        '<D:resourcetype/><D:getcontentlength>42</D:getcontentlength><D:getetag>W/"e1"</D:getetag>' +
          '<D:getlastmodified>Sun, 06 Nov 1994 08:49:37 GMT</D:getlastmodified><D:getcontenttype>text/plain</D:getcontenttype><x:tag>t</x:tag>',
      ),
      base,
    );
    expect(entry).toMatchObject({
      path: '/docs/a b.txt',
      href: '/dav/docs/a%20b.txt',
      name: 'a b.txt',
      type: 'file',
      size: 42,
      etag: 'W/"e1"',
      lastModified: '1994-11-06T08:49:37.000Z',
      contentType: 'text/plain',
    });
    expect(Object.keys(entry.props)).toContain('{urn:x}tag');
    expect(structuredClone(entry)).toEqual(entry);
  });

  it('gives directories a trailing slash and neither size nor content type', () => {
    const entry = toEntry(
      response(
        '<D:resourcetype><D:collection/></D:resourcetype><D:getcontentlength>4096</D:getcontentlength><D:getcontenttype>httpd/unix-directory</D:getcontenttype>',
        '/dav/docs',
      ),
      base,
    );
    expect([entry.path, entry.type, entry.size, entry.contentType]).toEqual([
      '/docs/',
      'directory',
      undefined,
      undefined,
    ]);
  });

  it('ignores properties from failed propstats', () => {
    const r = response(
      '<D:getcontentlength>1</D:getcontentlength>',
      '/dav/a',
      '<D:propstat><D:prop><D:getetag/></D:prop><D:status>HTTP/1.1 404 Not Found</D:status></D:propstat>',
    );
    expect(Object.keys(successfulProps(r))).toEqual(['{DAV:}getcontentlength']);
    expect(toEntry(r, base).etag).toBeUndefined();
  });
});
