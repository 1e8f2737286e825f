import type { Entry } from '../model/entry.ts';
import type { DavProps, DavResponse, PropValue } from '../model/multistatus.ts';
import { baseName, clientPath } from '../utils/href.ts';

/**
 * The properties of every successful propstat of a response, merged.
 *
 * @example
 * ```ts
 * successfulProps(response)['{DAV:}getetag']; // from the 200 propstats only
 * ```
 */
export function successfulProps(response: DavResponse): DavProps {
  if (response.kind !== 'propstat') {
    return {} as DavProps;
  }
  const props: Record<string, PropValue | null> = {};
  for (const propstat of response.propstats) {
    if (propstat.status >= 200 && propstat.status < 300) {
      Object.assign(props, propstat.props);
    }
  }
  return props as DavProps;
}

/**
 * Turns a PROPFIND response into an {@link Entry}.
 *
 * @example
 * ```ts
 * const ms = await dav.propfind('/docs/', { depth: 1 });
 * const entries = ms.responses.map((r) => toEntry(r, new URL(dav.baseUrl)));
 * ```
 */
export function toEntry(response: DavResponse, base: URL): Entry {
  const props = successfulProps(response);
  const directory = props['{DAV:}resourcetype']?.collection === true;
  let path = clientPath(base, response.path);
  if (directory && !path.endsWith('/')) {
    path = `${path}/`;
  }
  const entry: { -readonly [K in keyof Entry]: Entry[K] } = {
    path,
    href: response.href,
    name: baseName(response.path),
    type: directory ? 'directory' : 'file',
    props,
  };
  const size = props['{DAV:}getcontentlength'];
  if (typeof size === 'number' && !directory) {
    entry.size = size;
  }
  const etag = props['{DAV:}getetag'];
  if (typeof etag === 'string' && etag !== '') {
    entry.etag = etag;
  }
  const modified = props['{DAV:}getlastmodified'];
  if (typeof modified === 'string' && modified !== '') {
    entry.lastModified = modified;
  }
  const contentType = props['{DAV:}getcontenttype'];
  if (typeof contentType === 'string' && contentType !== '' && !directory) {
    entry.contentType = contentType;
  }
  return entry;
}
