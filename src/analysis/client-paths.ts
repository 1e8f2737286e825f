import type { Dependent, Fix, RootCause } from '../model/root-cause.ts';
import { clientPath } from '../utils/href.ts';

/**
 * Causes as users read them: every path a client path (relative to the base URL, as `Entry.path`, so
 * it can be passed back to the client), the failed resource's server form kept as `serverPath`. The
 * analysis works in server paths (what answers name); this is its last step. Without a base URL the
 * server paths stay as they are.
 *
 * @example
 * ```ts
 * inClientPaths(causes, 'https://host/dav/')[0].path; // '/a.txt' for serverPath '/dav/a.txt'
 * ```
 */
export function inClientPaths(causes: readonly RootCause[], baseUrl: string | undefined): RootCause[] {
  if (baseUrl === undefined) {
    return [...causes];
  }
  const base = new URL(baseUrl);
  const client = (serverPath: string) => clientPath(base, serverPath);
  return causes.map((cause) => ({
    ...cause,
    path: client(cause.serverPath),
    dependents: cause.dependents.map((each): Dependent => ({ ...each, path: client(each.path) })),
    fix: fixInClientPaths(cause.fix, client),
  }));
}

function fixInClientPaths(fix: Fix, client: (serverPath: string) => string): Fix {
  switch (fix.kind) {
    case 'submit-lock-token':
    case 'wait-for-unlock':
      return { ...fix, lockRoot: client(fix.lockRoot) };
    case 'create-parent':
    case 'destination-exists':
    case 'refresh-etag':
      return { ...fix, path: client(fix.path) };
    default:
      return fix;
  }
}
