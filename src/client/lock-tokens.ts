import { checkLockToken } from '../checks/arguments.ts';
import { buildIfHeader, type IfCondition, type TaggedIfList } from '../locks/if-header.ts';
import type { LockStore } from '../locks/lock-store.ts';
import type { HeldLock } from '../model/locks.ts';
import { type LockEffect, type MethodFacts, methodFacts } from '../model/methods.ts';
import type { RequestSpec } from '../transport/request-spec.ts';
import { resolveUrl } from '../transport/url.ts';
import { urlPath } from '../utils/href.ts';
import { lockRelation, locksAround } from '../utils/lock-relation.ts';

/**
 * `(Not <DAV:no-lock>)` is true for every resource (RFC 4918 §10.4.8). It makes a list tagged with
 * the request URL harmless where that URL itself is not locked (Apache evaluates such lists).
 */
const ALWAYS: readonly IfCondition[] = [{ token: 'DAV:no-lock', not: true }];

/** The tagged lists that submit `lock` for a request on `url`. */
function listsFor(lock: HeldLock, url: string, path: string, effect: LockEffect): TaggedIfList[] {
  const own: TaggedIfList = { resource: lock.rootUrl, lists: [[{ token: lock.token }]] };
  switch (lockRelation(lock, path)) {
    case 'self':
    case 'ancestor':
      return [own];
    case 'parent':
      return effect.membership ? [own] : [];
    case 'descendant':
      // The member's own tag satisfies Apache, rclone and nginx. SabreDAV 1.8 only reads lists tagged
      // with the request URL (or an ancestor of it), so the token goes there too, with an always-true
      // alternative for servers that evaluate that list against the (unlocked) collection itself.
      return effect.recursive ? [own, { resource: url, lists: [[{ token: lock.token }], ALWAYS] }] : [];
    default:
      return [];
  }
}

/**
 * Adds a tagged `If` header with the tokens of every held lock the request touches: the resource's
 * own lock, a depth-infinity lock on an ancestor, a depth-0 lock on the parent when the request adds
 * or removes a member (PUT, MKCOL, DELETE, MOVE, a COPY/MOVE destination), and, for DELETE and MOVE
 * and a COPY/MOVE destination, the locks below the target. A request that already carries `If` is
 * left alone. `extraToken` (the `lockToken` call option) is submitted for the request URL.
 *
 * @example
 * ```ts
 * withLockTokens(buildPut('/a.txt', 'x'), client.locks, new URL(client.baseUrl));
 * // headers.if: '<https://host/dav/a.txt> (<opaquelocktoken:…>)'
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc4918#section-10.4
 */
export function withLockTokens(
  spec: RequestSpec,
  store: LockStore,
  base: URL,
  extraToken?: string,
): RequestSpec {
  if (extraToken !== undefined) {
    checkLockToken(extraToken, 'lockToken');
  }
  const effects: MethodFacts['lockEffects'] = methodFacts(spec.method).lockEffects;
  if (spec.headers.if !== undefined || (effects.target === undefined && effects.destination === undefined)) {
    return spec;
  }
  const held = store.list();
  if (held.length === 0 && extraToken === undefined) {
    return spec; // the common case: no lock held, nothing to resolve
  }
  const touched: [URL, LockEffect][] = [];
  if (effects.target !== undefined) {
    touched.push([resolveUrl(base, spec.path), effects.target]);
  }
  if (effects.destination !== undefined && spec.destination !== undefined) {
    touched.push([resolveUrl(base, spec.destination), effects.destination]);
  }
  const lists = touched.flatMap(([url, effect]) =>
    held.flatMap((lock) => listsFor(lock, url.href, urlPath(url), effect)),
  );
  if (extraToken !== undefined && !lists.some((list) => mentions(list, extraToken))) {
    lists.push({ resource: resolveUrl(base, spec.path).href, lists: [[{ token: extraToken }]] });
  }
  const unique = dedupe(lists);
  return unique.length === 0 ? spec : { ...spec, headers: { ...spec.headers, if: buildIfHeader(unique) } };
}

function mentions(list: TaggedIfList, token: string): boolean {
  return list.lists.some((conditions) => conditions.some((c) => 'token' in c && c.token === token && !c.not));
}

/** The same lists once (a lock can be both the source's and the destination's ancestor). */
function dedupe(lists: readonly TaggedIfList[]): TaggedIfList[] {
  const seen = new Set<string>();
  return lists.filter((list) => {
    const key = buildIfHeader([list]);
    if (seen.has(key)) {
      return false;
    }
    seen.add(key);
    return true;
  });
}

/**
 * The held locks around a request's paths (on them, above or below them): the snapshot its errors
 * carry as `request.locks`, so that explaining them needs no live lookup.
 *
 * @example
 * ```ts
 * heldLocksAround(buildDelete('/docs/'), client.locks, new URL(client.baseUrl)); // locks on /dav/docs/…
 * ```
 */
export function heldLocksAround(spec: RequestSpec, store: LockStore, base: URL): HeldLock[] {
  const paths = [spec.path, ...(spec.destination === undefined ? [] : [spec.destination])];
  return locksAround(
    store.list(),
    paths.map((path) => urlPath(resolveUrl(base, path))),
  );
}
