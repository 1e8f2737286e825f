import { factsOf } from '../model/methods.ts';
import type { Dependent, RequestContext } from '../model/root-cause.ts';
import { isAncestor, isSameOrAncestor, parentPath, samePath } from '../utils/href.ts';

/**
 * The ancestors of a failed member up to the request URI (or, for a member under the Destination of
 * a COPY/MOVE, up to the Destination), which could not be deleted, copied or moved because of it.
 */
export function impliedAncestors(failedPath: string, request: RequestContext | undefined): Dependent[] {
  if (request === undefined || factsOf(request.method)?.impliesAncestors !== true) {
    return [];
  }
  const destination = request.destinationPath;
  const boundary =
    destination !== undefined && isAncestor(destination, failedPath) ? destination : request.path;
  if (!isAncestor(boundary, failedPath)) {
    return [];
  }
  const dependents: Dependent[] = [];
  for (
    let path = parentPath(failedPath);
    path !== undefined && isSameOrAncestor(boundary, path);
    path = parentPath(path)
  ) {
    dependents.push({ path: samePath(path, boundary) ? boundary : path, implied: true });
  }
  return dependents;
}
