import type { DavProps, DavResponse, PropValue } from '../multistatus/types.ts';
import { clientPath } from '../transport/url.ts';
import { baseName } from '../utils/href.ts';

/**
 * A file or directory as plain data, from a PROPFIND response. `path` is relative to the client's base
 * URL (pass it straight back to the client); `props` holds every property the server returned with a
 * value, by Clark name.
 */
export interface Entry {
  /** Relative to the client's base URL, leading slash included; directories end with `/`. */
  readonly path: string;
  /** The href the server sent. */
  readonly href: string;
  readonly name: string;
  readonly type: 'file' | 'directory';
  readonly size?: number;
  /** Exactly as sent (quotes and `W/` kept), ready for `ifMatch`. */
  readonly etag?: string;
  /** ISO 8601. */
  readonly lastModified?: string;
  readonly contentType?: string;
  readonly props: DavProps;
}

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
