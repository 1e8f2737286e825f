import { type ClarkName, davName } from '../../model/names.ts';
import type { XmlElement } from '../../model/xml-element.ts';
import { el, serializeXml } from '../serialize.ts';

/**
 * A `DAV:basicsearch` query.
 *
 * @group Client
 */
export interface BasicSearch {
  /** Properties to return. */
  readonly select: readonly ClarkName[];
  /** Scope: a path (href) and depth. */
  readonly from: { readonly href: string; readonly depth?: 0 | 1 | 'infinity' };
  /** The `DAV:where` condition, as an element tree (e.g. `{DAV:}like`, `{DAV:}eq`). */
  readonly where?: XmlElement;
  /** Sort keys, ascending unless `descending`. */
  readonly orderBy?: readonly { readonly prop: ClarkName; readonly descending?: boolean }[];
  readonly limit?: number;
}

/**
 * The body of a SEARCH with `DAV:basicsearch`.
 *
 * @example
 * ```ts
 * basicSearchBody({ select: ['{DAV:}displayname'], from: { href: '/dav/files/', depth: 'infinity' } });
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc5323#section-5
 */
export function basicSearchBody(query: BasicSearch): string {
  const scope = el(davName('scope'), [
    el(davName('href'), [], query.from.href),
    el(davName('depth'), [], String(query.from.depth ?? 'infinity')),
  ]);
  const parts: XmlElement[] = [
    el(davName('select'), [
      el(
        davName('prop'),
        query.select.map((name) => el(name)),
      ),
    ]),
    el(davName('from'), [scope]),
  ];
  if (query.where !== undefined) {
    parts.push(el(davName('where'), [query.where]));
  }
  if (query.orderBy !== undefined && query.orderBy.length > 0) {
    parts.push(
      el(
        davName('orderby'),
        query.orderBy.map((key) =>
          el(davName('order'), [
            el(davName('prop'), [el(key.prop)]),
            el(davName(key.descending ? 'descending' : 'ascending')),
          ]),
        ),
      ),
    );
  }
  if (query.limit !== undefined) {
    parts.push(el(davName('limit'), [el(davName('nresults'), [], String(query.limit))]));
  }
  return serializeXml(el(davName('searchrequest'), [el(davName('basicsearch'), parts)]));
}
