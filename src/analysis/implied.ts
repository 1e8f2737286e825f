import { isAncestor, isSameOrAncestor, parentPath, samePath } from '../utils/href.ts';
import type { Dependent, RequestContext } from './types.ts';

// RFC 4918 §9.6.1, §9.8.3, §9.9.2: for these methods the server reports only the member that failed;
// every collection between it and the request URI (or the Destination) is an implied dependent.
const IMPLYING_METHODS = new Set(['DELETE', 'COPY', 'MOVE']);

/**
 * The ancestors of a failed member up to the request URI (or, for a member under the Destination of
 * a COPY/MOVE, up to the Destination), which could not be deleted, copied or moved because of it.
 */
export function impliedAncestors(failedPath: string, request: RequestContext | undefined): Dependent[] {
  if (request === undefined || !IMPLYING_METHODS.has(request.method)) {
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
