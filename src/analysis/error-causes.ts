import type { DiscoveredLock } from '../model/locks.ts';
import type { DavCondition, MultiStatus, UnrequestedProperty } from '../model/multistatus.ts';
import type { DavRequestInfo } from '../model/request-info.ts';
import type { Dependent, LockKnowledge, RequestContext, RootCause } from '../model/root-cause.ts';
import { isAncestor, samePath } from '../utils/href.ts';
import { primaryCondition, serverMessage } from './conditions.ts';
import { fixFor } from './fix-hint.ts';
import { impliedAncestors } from './implied.ts';
import { knowledgeOf } from './lock-snapshot.ts';
import { causesFromMultiStatus } from './multistatus-causes.ts';

/**
 * A request that got a failed answer, as the analysis reads it: the data of a `DavHttpError` or
 * `MultiStatusError`, or of a failed batch step. Paths in it are server paths.
 */
export interface FailedRequest {
  readonly status: number;
  readonly request: DavRequestInfo;
  readonly multistatus?: MultiStatus | undefined;
  readonly conditions?: readonly DavCondition[];
  readonly statusText?: string;
  /** `Retry-After`, in ms, when the server sent one. */
  readonly retryAfterMs?: number | undefined;
  /** For a bare 423: the lock found in `DAV:lockdiscovery` (its root is the real lock root). */
  readonly discoveredLock?: DiscoveredLock | undefined;
  /** Properties the server answered for that the request did not name (a PROPPATCH defect). */
  readonly unrequested?: readonly UnrequestedProperty[] | undefined;
}

/** The request context of a failure, for the rules that depend on the method and paths. */
function requestContext(failed: FailedRequest): RequestContext {
  const { request } = failed;
  return {
    method: request.method,
    path: request.path,
    status: failed.status,
    ...(request.destinationPath === undefined ? {} : { destinationPath: request.destinationPath }),
    ...(request.headers === undefined ? {} : { headers: request.headers }),
  };
}

/** A server's answer for a property that was not asked for, as a root cause naming what was sent. */
function unrequestedCause(each: UnrequestedProperty): RootCause {
  const sent = each.sent.length > 0 ? ` (sent: ${each.sent.join(', ')})` : '';
  return {
    status: each.status,
    path: each.path,
    serverPath: each.path,
    prop: each.name,
    description: `the server answered for ${each.name}, which was not in the request${sent}: it does not keep the names it is sent`,
    unrequested: { sent: each.sent },
    dependents: [],
    fix: { kind: 'none' },
  };
}

/** Where a failure without a multistatus really is, and what it blocked there. */
interface Placement {
  readonly path: string;
  readonly dependents: Dependent[];
  readonly discovered?: DiscoveredLock;
}

const LOCK_CONDITIONS = new Set(['{DAV:}lock-token-submitted', '{DAV:}no-conflicting-lock']);

/**
 * A condition that names a member below the request URI places the failure there (SabreDAV's DELETE
 * of a collection with a locked member); a lock condition naming an ancestor places it on that lock
 * root (SabreDAV's PUT into a locked collection); for a bare 423, the lock davkit discovered.
 */
function placement(
  failed: FailedRequest,
  condition: DavCondition | undefined,
  request: RequestContext,
): Placement {
  const below = condition?.paths?.find((path) => isAncestor(request.path, path));
  if (below !== undefined) {
    return { path: below, dependents: impliedAncestors(below, request) };
  }
  const above = LOCK_CONDITIONS.has(condition?.name ?? '')
    ? condition?.paths?.find((path) => isAncestor(path, request.path))
    : undefined;
  const blocked = [{ path: request.path }];
  if (above !== undefined) {
    return { path: above, dependents: blocked };
  }
  const discovered =
    failed.status === 423 && condition?.paths === undefined ? failed.discoveredLock : undefined;
  if (discovered === undefined) {
    return { path: request.path, dependents: [] };
  }
  return {
    path: discovered.root,
    dependents: samePath(discovered.root, request.path) ? [] : blocked,
    discovered,
  };
}

/** What a cause says in words: the server's message, or the reason phrase; for an unreported lock, why its root is a guess. */
function describe(failed: FailedRequest, discovered: DiscoveredLock | undefined): string | undefined {
  if (discovered?.reported === false) {
    return `the server reports no DAV:lockdiscovery: the lock is on ${discovered.root} or above it`;
  }
  return serverMessage(failed.conditions) ?? (failed.statusText || undefined);
}

/**
 * Root causes of a failed request (in server paths), lock fixes decided by `given` lock knowledge or
 * else by the locks the request says its sender held (`request.locks`). A multistatus body (a 207
 * write, Apache's top-level 424) is analysed as such; otherwise the failure is its own root cause,
 * placed where it really is (see `placement`).
 */
export function causesFromFailedRequest(failed: FailedRequest, given?: LockKnowledge): RootCause[] {
  // What the sender held when it sent the request travels with the error (`request.locks`).
  const held = failed.request.locks;
  const locks = given ?? (held === undefined ? undefined : knowledgeOf(held));
  const request = requestContext(failed);
  if (failed.multistatus !== undefined) {
    const causes = [
      ...causesFromMultiStatus(failed.multistatus, request, locks),
      ...(failed.unrequested ?? []).map(unrequestedCause),
    ];
    if (causes.length > 0) {
      return causes;
    }
  }
  const condition = primaryCondition(failed.conditions);
  const { path, dependents, discovered } = placement(failed, condition, request);
  const description = describe(failed, discovered);
  const fix = fixFor(
    {
      status: failed.status,
      path,
      request,
      ...(condition === undefined ? {} : { condition }),
      ...(failed.retryAfterMs === undefined ? {} : { retryAfterMs: failed.retryAfterMs }),
      ...(discovered?.expiresIn === undefined ? {} : { lockExpiresIn: discovered.expiresIn }),
    },
    locks,
  );
  const cause: RootCause = {
    status: failed.status,
    path,
    serverPath: path,
    ...(condition === undefined ? {} : { condition }),
    ...(description === undefined ? {} : { description }),
    dependents,
    fix,
  };
  if (failed.status === 424) {
    return [{ ...cause, unexplained: true, fix: { kind: 'none' } }];
  }
  // A COPY/MOVE refused with Overwrite: F failed because of its destination: name that resource.
  return fix.kind === 'destination-exists' ? [{ ...cause, path: fix.path, serverPath: fix.path }] : [cause];
}
