import type { Entry } from '../helpers/entry.ts';
import { collectionPath } from '../probe/probe.ts';
import type { CallOptions } from '../transport/request-spec.ts';
import { type Changes, classify, isBelow, isDirectMember, withRemovedDescendants } from './diff.ts';
import type { SyncSession } from './session.ts';
import { buildState, checkState, fingerprint, isCtag } from './state.ts';
import { isInvalidToken, isNotOffered, reportChanges } from './sync-collection.ts';
import type { SyncMethod, SyncOptions, SyncResult, SyncState } from './types.ts';
import { walkAll, walkPruned } from './walk.ts';

/** What one way of syncing produced. */
interface Outcome {
  readonly method: SyncMethod;
  readonly current: Map<string, string>;
  readonly changes: Changes;
  readonly tokens?: Map<string, string>;
  readonly invalidToken?: boolean;
}

function callOf(options: SyncOptions): CallOptions {
  const { signal, headers, timeout } = options;
  return {
    ...(signal === undefined ? {} : { signal }),
    ...(headers === undefined ? {} : { headers }),
    ...(timeout === undefined ? {} : { timeout }),
  };
}

/**
 * What changed in the collection at `path` (and below it) since `options.state`: with the RFC 6578
 * `sync-collection` REPORT where the collection offers it, else by walking the tree and comparing
 * ETags (or size and last-modified). Both give the same result shape.
 *
 * @example
 * ```ts
 * const first = await syncTree(dav, '/notes/', {});
 * const next = await syncTree(dav, '/notes/', { state: first.state });
 * next.added; next.changed; next.removed;
 * ```
 */
export async function syncTree(
  session: SyncSession,
  path: string,
  options: SyncOptions,
): Promise<SyncResult> {
  const root = collectionPath(path);
  const url = session.url(root);
  const previous = options.state === undefined ? undefined : checkState(options.state, url);
  const known = new Map(Object.entries(previous?.entries ?? {}));
  const call = callOf(options);
  let outcome: Outcome | undefined;
  if (prefersReport(session, url, previous)) {
    try {
      outcome = await syncByReport(session, root, previous, known, call);
    } catch (error) {
      if (!isNotOffered(error)) {
        throw error;
      }
    }
  }
  outcome ??= await syncByWalk(session, root, previous, known, options.trustCollectionEtags === true, call);
  const methodChanged = previous !== undefined && previous.method !== outcome.method;
  const resyncReason = outcome.invalidToken ? 'invalid-token' : methodChanged ? 'method-changed' : undefined;
  const byPath = (a: Entry, b: Entry) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
  return {
    kind: previous === undefined ? 'initial' : resyncReason === undefined ? 'incremental' : 'resync',
    method: outcome.method,
    added: outcome.changes.added.sort(byPath),
    changed: outcome.changes.changed.sort(byPath),
    removed: withRemovedDescendants(known, outcome.changes.removed),
    state: buildState(url, outcome.method, outcome.current, outcome.tokens),
    ...(resyncReason === undefined ? {} : { resyncReason }),
  };
}

/**
 * Whether to try sync-collection: what the previous state used, else what a cached probe says; with
 * neither, try it (a server without it refuses at once, and the walk follows).
 */
function prefersReport(session: SyncSession, url: string, previous: SyncState | undefined): boolean {
  if (previous !== undefined) {
    return previous.method === 'sync-collection';
  }
  const caps = session.probes.around(url);
  return caps === undefined || caps.learned.syncCollection === 'unknown' || caps.syncCollection;
}

async function syncByWalk(
  session: SyncSession,
  root: string,
  previous: SyncState | undefined,
  known: ReadonlyMap<string, string>,
  trustEtags: boolean,
  call: CallOptions,
): Promise<Outcome> {
  const prune = previous !== undefined && (trustEtags || [...known.values()].some(isCtag));
  const walked = prune
    ? await walkPruned(session, root, known, trustEtags, call)
    : await walkAll(session, root, known, call);
  return { method: 'walk', ...walked };
}

/**
 * Syncs the collection and, recursively, its child collections (sync-level 1 reports a child
 * collection but not what changed inside it), each with its own token. A refused token is replaced
 * by a full listing of that collection, compared with what was known there.
 */
async function syncByReport(
  session: SyncSession,
  root: string,
  previous: SyncState | undefined,
  known: ReadonlyMap<string, string>,
  call: CallOptions,
): Promise<Outcome> {
  const tokens = new Map(
    Object.entries(previous?.method === 'sync-collection' ? (previous.tokens ?? {}) : {}),
  );
  const current = new Map(known);
  const changes: Changes = { added: [], changed: [], removed: [] };
  let invalidToken = false;
  const syncOne = async (collection: string): Promise<void> => {
    const token = tokens.get(collection) ?? '';
    let full = token === '';
    let delta: Awaited<ReturnType<typeof reportChanges>>;
    try {
      delta = await reportChanges(session, collection, token, call);
    } catch (error) {
      if (full || !isInvalidToken(error)) {
        throw error;
      }
      invalidToken = true;
      full = true;
      delta = await reportChanges(session, collection, '', call);
    }
    tokens.set(collection, delta.token);
    const listed = new Set(delta.members.map((entry) => entry.path));
    for (const entry of delta.members) {
      classify(known, entry, changes);
      current.set(entry.path, fingerprint(entry));
    }
    const gone = delta.gone
      .map((path) => (known.has(`${path}/`) ? `${path}/` : path))
      .filter((p) => known.has(p));
    if (full) {
      // A full listing: whatever was known directly in this collection and is not listed is gone.
      for (const path of known.keys()) {
        if (isDirectMember(collection, path) && !listed.has(path)) {
          gone.push(path);
        }
      }
    }
    forget(gone, current, tokens, changes);
    const children = new Set(delta.members.filter((e) => e.type === 'directory').map((e) => e.path));
    for (const path of tokens.keys()) {
      if (isDirectMember(collection, path) && current.has(path)) {
        children.add(path);
      }
    }
    await Promise.all([...children].map(syncOne));
  };
  await syncOne(root);
  return { method: 'sync-collection', current, changes, tokens, invalidToken };
}

/** Records removed paths, and drops them (and everything below a removed collection) from the state. */
function forget(
  gone: readonly string[],
  current: Map<string, string>,
  tokens: Map<string, string>,
  changes: Changes,
) {
  for (const path of new Set(gone)) {
    changes.removed.push(path);
    for (const map of [current, tokens]) {
      for (const key of [...map.keys()]) {
        if (key === path || (path.endsWith('/') && isBelow(path, key))) {
          map.delete(key);
        }
      }
    }
  }
}
