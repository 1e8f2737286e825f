import type { HeldLock } from '../model/locks.ts';
import type { LockKnowledge } from '../model/root-cause.ts';
import { coveringLock } from '../utils/lock-relation.ts';

/**
 * Lock knowledge from a snapshot of held locks: what an error or a batch step carries of the locks
 * its client held when the request was sent, so that explaining it needs nothing else (a copy of the
 * error explains the same as the original).
 *
 * @example
 * ```ts
 * knowledgeOf(error.request.locks ?? []).tokenFor('/dav/docs/'); // the held token covering it, if any
 * ```
 */
export function knowledgeOf(locks: readonly HeldLock[]): LockKnowledge {
  return { tokenFor: (path) => coveringLock(locks, path)?.token };
}
