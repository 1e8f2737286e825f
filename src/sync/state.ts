import { DavUsageError } from '../errors/transport-errors.ts';
import type { Entry } from '../model/entry.ts';
import type { SyncMethod, SyncState } from './types.ts';

/** The CalendarServer collection tag: it changes whenever a member does. */
export const CTAG = '{http://calendarserver.org/ns/}getctag';

/**
 * An ETag compared the weak way (RFC 9110 §8.8.3.2): `W/"x"` and `"x"` are the same version. Apache
 * marks what changed within the last second weak and the same tag strong a second later; that is
 * not a change.
 */
function opaque(etag: string): string {
  return etag.replace(/^W\//i, '');
}

/**
 * What tells that a resource changed. Files: the ETag, or size and last-modified without one.
 * Collections: the ctag, else the ETag (only a hint for pruning: never reported as a change).
 */
export function fingerprint(entry: Entry): string {
  if (entry.type === 'directory') {
    const ctag = entry.props[CTAG];
    return `c:${typeof ctag === 'string' && ctag !== '' ? `ctag ${ctag}` : opaque(entry.etag ?? '')}`;
  }
  return entry.etag === undefined
    ? `m:${entry.size ?? ''}|${entry.lastModified ?? ''}`
    : `e:${opaque(entry.etag)}`;
}

/** Whether a collection fingerprint is a ctag (always trusted for pruning). */
export function isCtag(print: string | undefined): boolean {
  return print?.startsWith('c:ctag ') === true;
}

function isRecordOfStrings(value: unknown): value is Record<string, string> {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.values(value).every((each) => typeof each === 'string')
  );
}

const METHODS: readonly SyncMethod[] = ['sync-collection', 'walk'];

/**
 * Checks a state given back by the caller: it must be one davkit made, for this very collection.
 * A state from elsewhere would make every resource look added or removed, so it is refused.
 *
 * @throws {DavUsageError} when the state is malformed or belongs to another collection
 */
export function checkState(state: unknown, url: string): SyncState {
  const candidate = state as Partial<SyncState> | null;
  const valid =
    typeof candidate === 'object' &&
    candidate !== null &&
    candidate.version === 1 &&
    typeof candidate.url === 'string' &&
    METHODS.includes(candidate.method as SyncMethod) &&
    isRecordOfStrings(candidate.entries) &&
    (candidate.tokens === undefined || isRecordOfStrings(candidate.tokens));
  if (!valid) {
    throw new DavUsageError('sync(): `state` must be the `state` of an earlier sync result (version 1)');
  }
  if (candidate.url !== url) {
    throw new DavUsageError(
      `sync(): this state belongs to ${JSON.stringify(candidate.url)}, not to ${JSON.stringify(url)}`,
    );
  }
  return candidate as SyncState;
}

/**
 * A new state from the resources now known.
 *
 * @example
 * ```ts
 * buildState(url, 'walk', entries); // { version: 1, url, method: 'walk', entries: { '/a.txt': 'e:"1"' } }
 * ```
 */
export function buildState(
  url: string,
  method: SyncMethod,
  entries: ReadonlyMap<string, string>,
  tokens?: ReadonlyMap<string, string>,
): SyncState {
  const sorted = (map: ReadonlyMap<string, string>) =>
    Object.fromEntries([...map].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return {
    version: 1,
    url,
    method,
    ...(tokens === undefined ? {} : { tokens: sorted(tokens) }),
    entries: sorted(entries),
  };
}
