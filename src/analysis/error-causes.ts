import type { RequestInfo } from '../errors/dav-http-error.ts';
import type { DavCondition, MultiStatus } from '../multistatus/types.ts';
import { isAncestor } from '../utils/href.ts';
import { primaryCondition, serverMessage } from './conditions.ts';
import { fixFor } from './fix-hint.ts';
import { impliedAncestors } from './implied.ts';
import { knowledgeOf } from './lock-snapshot.ts';
import { causesFromMultiStatus } from './multistatus-causes.ts';
import { parseRetryAfter } from './retry-after.ts';
import type { Dependent, LockKnowledge, RequestContext, RootCause } from './types.ts';

/** The parts of a `DavHttpError` or `MultiStatusError` the analysis reads. */
export interface FailedRequest {
  readonly status: number;
  readonly request: RequestInfo;
  readonly multistatus?: MultiStatus | undefined;
  readonly conditions?: readonly DavCondition[];
  readonly headers?: Readonly<Record<string, string>>;
  readonly statusText?: string;
}

/** The request context of an error, for the rules that depend on the method and paths. */
export function requestContext(
  failed: FailedRequest,
  headers?: Readonly<Record<string, string>>,
): RequestContext {
  const { request } = failed;
  return {
    method: request.method,
    path: request.path,
    status: failed.status,
    ...(request.destinationPath === undefined ? {} : { destinationPath: request.destinationPath }),
    ...(headers === undefined ? {} : { headers }),
  };
}

/**
 * Root causes of a failed request, lock fixes decided by `given` lock knowledge or else by the locks
 * the request says its sender held (`request.locks`). A multistatus body (a 207 write, Apache's top-level 424) is
 * analysed as such; otherwise the failure is its own root cause, placed on the locked member when a
 * `lock-token-submitted` condition names one below the request URI (SabreDAV's DELETE of a collection).
 */
export function causesFromFailedRequest(
  failed: FailedRequest,
  given?: LockKnowledge,
  headers: Readonly<Record<string, string>> | undefined = failed.request.headers,
): RootCause[] {
  // What the sender held when it sent the request travels with the error (`request.locks`).
  const held = failed.request.locks;
  const locks = given ?? (held === undefined ? undefined : knowledgeOf(held));
  const request = requestContext(failed, headers);
  if (failed.multistatus !== undefined) {
    const causes = causesFromMultiStatus(failed.multistatus, request, locks);
    if (causes.length > 0) {
      return causes;
    }
  }
  const condition = primaryCondition(failed.conditions);
  const named = condition?.paths?.find((path) => isAncestor(request.path, path));
  const path = named ?? request.path;
  const dependents: Dependent[] = named === undefined ? [] : impliedAncestors(named, request);
  const description = serverMessage(failed.conditions) ?? failed.statusText;
  const retryAfterMs = parseRetryAfter(failed.headers?.['retry-after']);
  const cause: RootCause = {
    status: failed.status,
    path,
    ...(condition === undefined ? {} : { condition }),
    ...(description ? { description } : {}),
    dependents,
    fix: fixFor(
      {
        status: failed.status,
        path,
        request,
        ...(condition === undefined ? {} : { condition }),
        ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
      },
      locks,
    ),
  };
  if (failed.status === 424) {
    return [{ ...cause, unexplained: true, fix: { kind: 'none' } }];
  }
  // A COPY/MOVE refused with Overwrite: F failed because of its destination: name that resource.
  return cause.fix.kind === 'destination-exists' ? [{ ...cause, path: cause.fix.path }] : [cause];
}
