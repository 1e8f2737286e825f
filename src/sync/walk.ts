import type { Entry } from '../model/entry.ts';
import type { ClarkName } from '../model/names.ts';
import type { CallOptions } from '../transport/request-spec.ts';
import { type Changes, classify, compareListing, isBelow, isDirectMember } from './diff.ts';
import type { SyncSession } from './session.ts';
import { CTAG, fingerprint, isCtag } from './state.ts';

/** What a sync asks of each resource: enough to tell a change, and to give a useful `Entry`. */
export const SYNC_PROPS: readonly ClarkName[] = [
  '{DAV:}resourcetype',
  '{DAV:}getetag',
  '{DAV:}getcontentlength',
  '{DAV:}getlastmodified',
  '{DAV:}getcontenttype',
  CTAG,
];

/** The tree as now known (client path → fingerprint) and how it differs from before. */
export interface WalkOutcome {
  readonly current: Map<string, string>;
  readonly changes: Changes;
}

/**
 * Lists the whole tree (`list({ deep: true })`: Depth infinity where the server honours it, else
 * level by level) and compares every resource with what was known.
 */
export async function walkAll(
  session: SyncSession,
  root: string,
  known: ReadonlyMap<string, string>,
  call: CallOptions,
): Promise<WalkOutcome> {
  const listed = await session.list(root, { ...call, deep: true, props: SYNC_PROPS });
  const current = new Map(listed.map((entry) => [entry.path, fingerprint(entry)]));
  return { current, changes: compareListing(known, listed, (path) => isBelow(root, path)) };
}

/**
 * Lists the tree level by level, skipping a collection whose own tag is unchanged and that had no
 * subcollections: its members are then as they were. A ctag is trusted for that, an ETag only when
 * `trustEtags` is set (see `SyncOptions.trustCollectionEtags`).
 */
export async function walkPruned(
  session: SyncSession,
  root: string,
  known: ReadonlyMap<string, string>,
  trustEtags: boolean,
  call: CallOptions,
): Promise<WalkOutcome> {
  const current = new Map<string, string>();
  const changes: Changes = { added: [], changed: [], removed: [] };
  const visit = async (collection: string): Promise<void> => {
    const members = await session.list(collection, { ...call, props: SYNC_PROPS });
    const listed = new Set<string>();
    for (const entry of members) {
      listed.add(entry.path);
      current.set(entry.path, fingerprint(entry));
      classify(known, entry, changes);
    }
    for (const path of known.keys()) {
      if (isDirectMember(collection, path) && !listed.has(path)) {
        changes.removed.push(path);
      }
    }
    const subcollections = members.filter((entry) => entry.type === 'directory');
    await Promise.all(
      subcollections.map((sub) =>
        unchanged(known, sub, trustEtags) ? reuse(known, sub.path, current) : visit(sub.path),
      ),
    );
  };
  await visit(root);
  return { current, changes };
}

/** Whether a subcollection can be skipped: same trusted tag as before, and no subcollections of its own. */
function unchanged(known: ReadonlyMap<string, string>, sub: Entry, trustEtags: boolean): boolean {
  const now = fingerprint(sub);
  const trusted = isCtag(now) || (trustEtags && now !== 'c:');
  if (!trusted || known.get(sub.path) !== now) {
    return false;
  }
  for (const path of known.keys()) {
    if (isBelow(sub.path, path) && path.endsWith('/')) {
      return false;
    }
  }
  return true;
}

/** Keeps what was known below a skipped collection. */
async function reuse(known: ReadonlyMap<string, string>, collection: string, current: Map<string, string>) {
  for (const [path, print] of known) {
    if (isBelow(collection, path)) {
      current.set(path, print);
    }
  }
}
