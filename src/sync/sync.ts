import type { Entry } from '../model/entry.ts';
import { collectionPath } from '../probe/collection-path.ts';
import type { CallOptions } from '../transport/request-spec.ts';
import { type Changes, withRemovedDescendants } from './diff.ts';
import { syncByReport } from './report-sync.ts';
import type { SyncSession } from './session.ts';
import { buildState, checkState, isCtag } from './state.ts';
import { isNotOffered } from './sync-collection.ts';
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
