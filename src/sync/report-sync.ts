import type { CallOptions } from '../transport/request-spec.ts';
import { type Changes, classify, isBelow, isDirectMember } from './diff.ts';
import type { SyncSession } from './session.ts';
import { fingerprint } from './state.ts';
import { type CollectionDelta, isInvalidToken, reportChanges } from './sync-collection.ts';
import type { SyncState } from './types.ts';

/** What a sync by sync-collection produced. */
export interface ReportOutcome {
  readonly method: 'sync-collection';
  readonly current: Map<string, string>;
  readonly changes: Changes;
  readonly tokens: Map<string, string>;
  readonly invalidToken: boolean;
}

/**
 * Syncs the collection and, recursively, its child collections (sync-level 1 reports a child
 * collection but not what changed inside it), each with its own token. A refused token is replaced
 * by a full listing of that collection, compared with what was known there.
 *
 * @example
 * ```ts
 * const outcome = await syncByReport(dav, '/cal/', previousState, known, {});
 * ```
 */
export async function syncByReport(
  session: SyncSession,
  root: string,
  previous: SyncState | undefined,
  known: ReadonlyMap<string, string>,
  call: CallOptions,
): Promise<ReportOutcome> {
  const run = new ReportSync(session, previous, known, call);
  await run.collection(root);
  return run.outcome();
}

class ReportSync {
  readonly #session: SyncSession;
  readonly #known: ReadonlyMap<string, string>;
  readonly #call: CallOptions;
  readonly #tokens: Map<string, string>;
  readonly #current: Map<string, string>;
  readonly #changes: Changes = { added: [], changed: [], removed: [] };
  #invalidToken = false;

  constructor(
    session: SyncSession,
    previous: SyncState | undefined,
    known: ReadonlyMap<string, string>,
    call: CallOptions,
  ) {
    this.#session = session;
    this.#known = known;
    this.#call = call;
    this.#tokens = new Map(
      Object.entries(previous?.method === 'sync-collection' ? (previous.tokens ?? {}) : {}),
    );
    this.#current = new Map(known);
  }

  outcome(): ReportOutcome {
    return {
      method: 'sync-collection',
      current: this.#current,
      changes: this.#changes,
      tokens: this.#tokens,
      invalidToken: this.#invalidToken,
    };
  }

  /** Syncs one collection, then its child collections. */
  async collection(path: string): Promise<void> {
    const { delta, full } = await this.#report(path);
    this.#tokens.set(path, delta.token);
    for (const entry of delta.members) {
      classify(this.#known, entry, this.#changes);
      this.#current.set(entry.path, fingerprint(entry));
    }
    this.#forget(this.#gone(path, delta, full));
    const children = new Set(delta.members.filter((e) => e.type === 'directory').map((e) => e.path));
    for (const child of this.#tokens.keys()) {
      if (isDirectMember(path, child) && this.#current.has(child)) {
        children.add(child);
      }
    }
    await Promise.all([...children].map((child) => this.collection(child)));
  }

  /** The changes since the collection's token; a full listing when it has none or it was refused. */
  async #report(path: string): Promise<{ delta: CollectionDelta; full: boolean }> {
    const token = this.#tokens.get(path) ?? '';
    try {
      return { delta: await reportChanges(this.#session, path, token, this.#call), full: token === '' };
    } catch (error) {
      if (token === '' || !isInvalidToken(error)) {
        throw error;
      }
      this.#invalidToken = true;
      return { delta: await reportChanges(this.#session, path, '', this.#call), full: true };
    }
  }

  /** Known paths the answer removes: its 404s and, after a full listing, whatever it no longer lists. */
  #gone(collection: string, delta: CollectionDelta, full: boolean): string[] {
    const gone = delta.gone
      .map((path) => (this.#known.has(`${path}/`) ? `${path}/` : path))
      .filter((path) => this.#known.has(path));
    if (full) {
      const listed = new Set(delta.members.map((entry) => entry.path));
      for (const path of this.#known.keys()) {
        if (isDirectMember(collection, path) && !listed.has(path)) {
          gone.push(path);
        }
      }
    }
    return gone;
  }

  /** Records removed paths, and drops them (and everything below a removed collection) from the state. */
  #forget(gone: readonly string[]): void {
    for (const path of new Set(gone)) {
      this.#changes.removed.push(path);
      for (const map of [this.#current, this.#tokens]) {
        for (const key of [...map.keys()]) {
          if (key === path || (path.endsWith('/') && isBelow(path, key))) {
            map.delete(key);
          }
        }
      }
    }
  }
}
