import type { LockKnowledge } from '../analysis/types.ts';
import type { LockStore } from '../locks/lock-store.ts';

/**
 * What the analysis needs to know of a client's locks: the token covering a path, if held.
 *
 * @example
 * ```ts
 * rootCauses(multistatus, { locks: lockKnowledge(dav.locks) }); // 423s become submit-lock-token or wait-for-unlock
 * ```
 */
export function lockKnowledge(store: LockStore): LockKnowledge {
  return {
    tokenFor: (path) => store.relevant({ path, recursive: false })[0]?.token,
  };
}
