import type { MultiStatus } from '../model/multistatus.ts';
import type { Dependent, LockKnowledge, RequestContext, RootCause } from '../model/root-cause.ts';
import { isAncestor, samePath } from '../utils/href.ts';
import { collectFailures, type Failure } from './failures.ts';
import { fixFor } from './fix-hint.ts';
import { impliedAncestors } from './implied.ts';

const FAILED_DEPENDENCY = 424;

/**
 * The failures a 424 depends on, by the rules of RFC 4918 and real servers, most specific first:
 * 1. the other properties of the same response (PROPPATCH is atomic, §9.2);
 * 2. failures below it (a LOCK's member 423 blocks the collection, §9.10.9);
 * 3. failures above it (Apache: a new member 424 because its collection is locked, 423);
 * 4. any other real failure in the answer.
 */
function causesOf(dependent: Failure, roots: readonly Failure[]): Failure[] {
  const rules: ((root: Failure) => boolean)[] = [
    (root) => root.response === dependent.response,
    (root) => isAncestor(dependent.path, root.path),
    (root) => isAncestor(root.path, dependent.path),
    () => true,
  ];
  for (const rule of rules) {
    const matches = roots.filter(rule);
    if (matches.length > 0) {
      return matches;
    }
  }
  return [];
}

function toDependent(failure: Failure): Dependent {
  return failure.prop === undefined ? { path: failure.path } : { path: failure.path, prop: failure.prop };
}

function rootCause(
  failure: Failure,
  dependents: Dependent[],
  request: RequestContext | undefined,
  locks?: LockKnowledge,
) {
  const cause: RootCause = {
    status: failure.status,
    path: failure.path,
    serverPath: failure.path,
    href: failure.href,
    ...(failure.prop === undefined ? {} : { prop: failure.prop }),
    ...(failure.condition === undefined ? {} : { condition: failure.condition }),
    ...(failure.description === undefined ? {} : { description: failure.description }),
    dependents,
    fix: fixFor({ ...failure, ...(request === undefined ? {} : { request }) }, locks),
  };
  return cause;
}

/** Adds a dependent unless the same path (and property) is listed already. */
function addDependent(list: Dependent[], dependent: Dependent): void {
  if (!list.some((each) => samePath(each.path, dependent.path) && each.prop === dependent.prop)) {
    list.push(dependent);
  }
}

/**
 * Root causes of a multistatus: every non-424 failure, with the 424s it explains and the dependents
 * RFC 4918 only implies. A 424 nothing explains becomes a root cause of its own (`unexplained`).
 */
export function causesFromMultiStatus(
  multistatus: MultiStatus,
  request?: RequestContext,
  locks?: LockKnowledge,
): RootCause[] {
  const failures = collectFailures(multistatus);
  const roots = failures.filter((failure) => failure.status !== FAILED_DEPENDENCY);
  const dependents = new Map<Failure, Dependent[]>(roots.map((root) => [root, []]));
  const unexplained: Failure[] = [];
  for (const failure of failures) {
    if (failure.status !== FAILED_DEPENDENCY) {
      continue;
    }
    const causes = causesOf(failure, roots);
    if (causes.length === 0) {
      unexplained.push(failure);
    }
    for (const cause of causes) {
      addDependent(dependents.get(cause) as Dependent[], toDependent(failure));
    }
  }
  for (const root of roots) {
    const list = dependents.get(root) as Dependent[];
    const implied = impliedAncestors(root.path, request);
    for (const ancestor of implied) {
      addDependent(list, ancestor);
    }
    // A top-level 424 (Apache) fails the request itself, which the body does not list. When the
    // failure lies outside the request's tree (Apache applies an untagged If to the parent too), the
    // request is what it blocked.
    if (request?.status === FAILED_DEPENDENCY && implied.length === 0 && !samePath(root.path, request.path)) {
      addDependent(list, { path: request.path, implied: true });
    }
  }
  return [
    ...roots.map((root) => rootCause(root, dependents.get(root) as Dependent[], request, locks)),
    ...unexplained.map((failure) => ({
      ...rootCause(failure, [], request, locks),
      unexplained: true as const,
      fix: { kind: 'none' as const },
    })),
  ];
}
