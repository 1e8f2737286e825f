import type { Entry } from '../model/entry.ts';
import type { CallOptions } from '../transport/request-spec.ts';

/**
 * How a sync learned what changed:
 * - `'sync-collection'`: the RFC 6578 REPORT, where the collection offers it (Radicale's calendars and
 *   address books): the server lists only what changed since its token;
 * - `'walk'`: listing the tree and comparing each resource's ETag (or size and last-modified where
 *   the server has no ETags, as nginx) with the previous state.
 *
 * @group Client
 */
export type SyncMethod = 'sync-collection' | 'walk';

/**
 * What a sync remembers for the next one: plain JSON, no file contents. Store it anywhere (a file,
 * `localStorage`) and pass it back as `{ state }`; it survives a restart.
 *
 * @group Client
 */
export interface SyncState {
  readonly version: 1;
  /** The synced collection's URL: a state is refused for another collection. */
  readonly url: string;
  readonly method: SyncMethod;
  /** `sync-collection`: the server's token per collection (client path), the synced one and any below it. */
  readonly tokens?: Readonly<Record<string, string>>;
  /**
   * Every resource known, by client path (collections end with `/`), with what tells a change:
   * `e:<etag>` (weak or strong alike), `m:<size>|<last-modified>` without an ETag, `c:<etag or ctag>`
   * for collections.
   */
  readonly entries: Readonly<Record<string, string>>;
}

/**
 * What changed since the previous sync. Resources are {@link Entry} values (plain data) with client
 * paths; a rename shows as a removal plus an addition. Collections appear in `added` and `removed`,
 * never in `changed` (their ETags change with their members).
 *
 * @group Client
 */
export interface SyncResult {
  /**
   * `'initial'`: there was no state, everything is in `added`; `'incremental'`: changes since the
   * state; `'resync'`: the state could not be continued (see `resyncReason`), so the whole collection
   * was listed again and compared with it: the changes are still exact.
   */
  readonly kind: 'initial' | 'incremental' | 'resync';
  readonly method: SyncMethod;
  readonly added: readonly Entry[];
  readonly changed: readonly Entry[];
  /** Client paths of what is gone (collections end with `/`, and everything below them is listed too). */
  readonly removed: readonly string[];
  /** Pass this to the next sync. */
  readonly state: SyncState;
  /**
   * Why a resync was needed: `'invalid-token'` (the server refused the sync token with
   * `DAV:valid-sync-token`: expired or unknown), `'method-changed'` (the collection no longer offers
   * sync-collection, or now does).
   */
  readonly resyncReason?: 'invalid-token' | 'method-changed';
}

/**
 * Options of `dav.sync()`.
 *
 * @group Client
 */
export interface SyncOptions extends CallOptions {
  /** The previous result's `state`; without it the sync is `'initial'`. */
  readonly state?: SyncState;
  /**
   * In a walk, skip a collection whose own ETag has not changed and that has no subcollections.
   * Only safe where every change goes through the server and the server changes a collection's ETag
   * when a member changes: Apache does for members written over WebDAV (PUT replaces the file, so
   * the directory changes), but not for files changed in place on its disk; webdav-server changes it
   * only when members are added. A CalendarServer `getctag` is always trusted this way. Default `false`.
   */
  readonly trustCollectionEtags?: boolean;
}
