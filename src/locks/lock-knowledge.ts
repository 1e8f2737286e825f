import { knowledgeOf } from '../analysis/lock-snapshot.ts';
import type { HeldLock } from '../model/locks.ts';
import type { LockKnowledge } from '../model/root-cause.ts';
import type { LockStore } from './lock-store.ts';

/**
 * What the analysis needs to know of a client's locks: the token covering a path, if held. Takes a
 * client's store (what it holds at the time of each question) or a snapshot of held locks (what
 * errors carry in `request.locks` and failed batch steps in `locks`).
 *
 * @example
 * ```ts
 * rootCauses(multistatus, { locks: lockKnowledge(dav.locks) }); // 423s become submit-lock-token or wait-for-unlock
 * ```
 *
 * @group Batches and root causes
 */
export function lockKnowledge(source: LockStore | readonly HeldLock[]): LockKnowledge {
  if (Array.isArray(source)) {
    return knowledgeOf(source as readonly HeldLock[]);
  }
  const store = source as LockStore;
  return { tokenFor: (path) => knowledgeOf(store.list()).tokenFor(path) };
}
