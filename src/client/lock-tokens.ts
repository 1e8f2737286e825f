import { buildIfHeader } from '../locks/if-header.ts';
import type { LockStore } from '../locks/lock-store.ts';
import type { RequestSpec } from '../transport/request-spec.ts';
import { resolveUrl, urlPath } from '../transport/url.ts';

// Methods that remove or replace everything below their target.
const RECURSIVE = new Set(['DELETE', 'MOVE', 'COPY']);
// Methods that never need a lock token.
const READS = new Set(['GET', 'HEAD', 'OPTIONS', 'PROPFIND', 'REPORT', 'SEARCH', 'UNLOCK']);

/**
 * Adds a tagged `If` header with the tokens of every held lock the request touches: the resource's
 * own lock, a depth-infinity lock on an ancestor, the parent's lock for a change of membership and,
 * for DELETE/MOVE/COPY, locks below the target. A request that already carries `If` is left alone,
 * and so is a fresh LOCK (its If would turn it into a refresh).
 */
export function withLockTokens(
  spec: RequestSpec,
  store: LockStore,
  base: URL,
  extraToken?: string,
): RequestSpec {
  if (
    READS.has(spec.method) ||
    spec.headers.if !== undefined ||
    (spec.method === 'LOCK' && spec.body !== undefined)
  ) {
    return spec;
  }
  const path = urlPath(resolveUrl(base, spec.path));
  const destination =
    spec.destination === undefined ? undefined : urlPath(resolveUrl(base, spec.destination));
  const locks = store.relevant({
    path,
    ...(destination === undefined ? {} : { destination }),
    recursive: RECURSIVE.has(spec.method),
  });
  const lists = locks.map((lock) => ({ resource: lock.rootUrl, lists: [[{ token: lock.token }]] }));
  if (extraToken !== undefined && !locks.some((lock) => lock.token === extraToken)) {
    lists.push({ resource: resolveUrl(base, spec.path).href, lists: [[{ token: extraToken }]] });
  }
  return lists.length === 0 ? spec : { ...spec, headers: { ...spec.headers, if: buildIfHeader(lists) } };
}
