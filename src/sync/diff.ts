import type { Entry } from '../model/entry.ts';
import { fingerprint } from './state.ts';

/** The three lists of a sync result. */
export interface Changes {
  readonly added: Entry[];
  readonly changed: Entry[];
  readonly removed: string[];
}

/** Whether `path` lies below the collection `collection` (which ends with `/`). */
export function isBelow(collection: string, path: string): boolean {
  return path !== collection && path.startsWith(collection);
}

/** Whether `path` is a direct member of `collection` (client paths; collections end with `/`). */
export function isDirectMember(collection: string, path: string): boolean {
  if (!isBelow(collection, path)) {
    return false;
  }
  const rest = path.slice(collection.length);
  const slash = rest.indexOf('/');
  return slash === -1 || slash === rest.length - 1;
}

/**
 * Compares a complete listing of (part of) the tree with what the state knew there. `scope` decides
 * which known paths the listing covers (everything, or one collection's members): known paths in
 * scope that are not listed were removed.
 */
export function compareListing(
  known: ReadonlyMap<string, string>,
  listed: readonly Entry[],
  inScope: (path: string) => boolean,
): Changes {
  const changes: Changes = { added: [], changed: [], removed: [] };
  const seen = new Set<string>();
  for (const entry of listed) {
    seen.add(entry.path);
    classify(known, entry, changes);
  }
  for (const path of known.keys()) {
    if (inScope(path) && !seen.has(path)) {
      changes.removed.push(path);
    }
  }
  return changes;
}

/** Sorts one listed entry into `added` or `changed` (or nothing when it is as it was). */
export function classify(known: ReadonlyMap<string, string>, entry: Entry, changes: Changes): void {
  const before = known.get(entry.path);
  if (before === undefined) {
    changes.added.push(entry);
  } else if (entry.type === 'file' && before !== fingerprint(entry)) {
    changes.changed.push(entry);
  }
}

/** Adds the known paths below each removed collection to `removed` (a user sees every path that went). */
export function withRemovedDescendants(
  known: ReadonlyMap<string, string>,
  removed: readonly string[],
): string[] {
  const all = new Set(removed);
  for (const path of removed) {
    if (path.endsWith('/')) {
      for (const other of known.keys()) {
        if (isBelow(path, other)) {
          all.add(other);
        }
      }
    }
  }
  return [...all].sort();
}
