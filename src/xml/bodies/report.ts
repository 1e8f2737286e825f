import { type ClarkName, davName } from '../../model/names.ts';
import { el, serializeXml } from '../serialize.ts';

/**
 * A `DAV:sync-collection` report: what changed since `syncToken` (all members when it is empty).
 *
 * @group Client
 */
export interface SyncCollection {
  readonly syncToken?: string;
  readonly level?: 1 | 'infinite';
  readonly props?: readonly ClarkName[];
  readonly limit?: number;
}

/**
 * The body of a `sync-collection` REPORT.
 *
 * @example
 * ```ts
 * await dav.report('/calendars/alice/', syncCollectionBody({ syncToken: '', props: ['{DAV:}getetag'] }));
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc6578#section-6.1
 *
 * @group Client
 */
export function syncCollectionBody(query: SyncCollection = {}): string {
  const children = [
    el(davName('sync-token'), [], query.syncToken ?? ''),
    el(davName('sync-level'), [], String(query.level ?? 1)),
  ];
  if (query.limit !== undefined) {
    children.push(el(davName('limit'), [el(davName('nresults'), [], String(query.limit))]));
  }
  children.push(
    el(
      davName('prop'),
      (query.props ?? ['{DAV:}getetag']).map((name) => el(name)),
    ),
  );
  return serializeXml(el(davName('sync-collection'), children));
}
