import { isDavHttpError } from '../errors/guards.ts';
import type { LockLookup } from '../locks/discover-lock.ts';
import type { ActiveLock } from '../model/multistatus.ts';
import type { Session } from '../session/session.ts';
import type { CallOptions } from '../transport/request-spec.ts';
import { propfind } from './list.ts';

const LOCKDISCOVERY = '{DAV:}lockdiscovery';

// Statuses that mean "nothing there to ask": the walk goes on to the parent.
const MISSING = new Set([404, 409, 410]);

/**
 * `DAV:lockdiscovery` of a server path, through `session` (a PROPFIND, Depth 0, with the call's
 * headers): missing, reported (possibly no lock), or not reported by this server.
 *
 * @example
 * ```ts
 * await lockLookup(session)('/dav/locked/'); // { exists: true, locks: [{ scope: 'exclusive', depth: 'infinity', … }] }
 * ```
 */
export function lockLookup(session: Session, call: CallOptions = {}): LockLookup {
  // The call's own options: its headers may carry the credentials the server wants.
  const { signal, headers, timeout } = call;
  const options = {
    ...(signal === undefined ? {} : { signal }),
    ...(headers === undefined ? {} : { headers }),
    ...(timeout === undefined ? {} : { timeout }),
  };
  return async (serverPath) => {
    try {
      const ms = await propfind(session, session.relativePath(serverPath), {
        ...options,
        depth: 0,
        props: [LOCKDISCOVERY],
      });
      let reported = false;
      const locks: ActiveLock[] = [];
      for (const response of ms.responses) {
        for (const propstat of response.kind === 'propstat' ? response.propstats : []) {
          // A 404 propstat: the server does not report locks (rclone); no value: no lock.
          reported ||= propstat.status === 200;
          locks.push(...(propstat.status === 200 ? (propstat.props[LOCKDISCOVERY] ?? []) : []));
        }
      }
      return reported ? { exists: true, locks } : { exists: true };
    } catch (error) {
      if (isDavHttpError(error) && MISSING.has(error.status)) {
        return { exists: false };
      }
      throw error;
    }
  };
}
