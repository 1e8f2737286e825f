import { resourceExists } from '../files/list.ts';
import { lockLookup } from '../files/lock-lookup.ts';
import { makeCollections } from '../files/mkdirp.ts';
import { discoverLock } from '../locks/discover-lock.ts';
import type { Fix, FixKind } from '../model/root-cause.ts';
import type { Session } from '../session/session.ts';
import { urlPath } from '../utils/href.ts';

/** What a built-in fixer may use. */
export interface FixerContext {
  /** The client that sent the request. */
  readonly session: Session;
  readonly signal?: AbortSignal | undefined;
  /** When waiting must stop (ms since the epoch). */
  readonly deadline: number;
}

/**
 * Resolves one kind of root cause, then checks that it is really gone. Throws when it cannot
 * (the error says why); `retryAfterFix()` then resubmits nothing.
 */
export type Fixer = (fix: Fix, context: FixerContext) => Promise<void>;

/** Waits `ms`, or rejects with the signal's reason once it aborts. */
export function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });
}

/**
 * Whether a lock still keeps a request on `path` (a server path) out: the path's own
 * `DAV:lockdiscovery`, else its ancestors' (see `discoverLock`). A 404 is never read as "unlocked":
 * the new file a PUT wanted to create does not exist, and its locked collection is asked instead.
 * `'unobservable'`: the server reports no locks (rclone), so only sending the request again can tell.
 */
async function lockState(
  session: Session,
  path: string,
  signal: AbortSignal | undefined,
): Promise<'locked' | 'unlocked' | 'unobservable'> {
  const boundary = urlPath(new URL(session.baseUrl));
  const found = await discoverLock(lockLookup(session, signal ? { signal } : {}), path, boundary);
  if (found === undefined) {
    return 'unlocked';
  }
  return found.reported ? 'locked' : 'unobservable';
}

/** A client path (as fixes name resources) as the server sees it: lock roots are compared so. */
function serverPathOf(session: Session, path: string): string {
  return urlPath(new URL(session.url(path)));
}

// How often a lock the server does not report is probed, by sending the request again.
const PROBE_INTERVAL_MS = 1000;

/**
 * davkit's built-in fixers, by fix kind. Kinds without one (`remove-protected-property`,
 * `refresh-etag`, `reauthenticate`, `none`) need a decision only the caller can make.
 *
 * @group Batches and root causes
 */
export const fixers: Readonly<
  Partial<
    Record<
      FixKind,
      (
        fix: Fix,
        context: {
          readonly session: Session;
          readonly signal?: AbortSignal | undefined;
          readonly deadline: number;
        },
      ) => Promise<void>
    >
  >
> = {
  /** Creates the missing collection and its ancestors, then checks it exists. */
  'create-parent': async (fix, { session, signal }) => {
    if (fix.kind !== 'create-parent') {
      return;
    }
    const call = signal ? { signal } : {};
    await makeCollections(session, fix.path, call);
    if (!(await resourceExists(session, fix.path, call))) {
      throw new Error(`${fix.path} still does not exist after MKCOL`);
    }
  },
  /** The token is submitted on resubmission (tagged If); checks the client really holds it. */
  'submit-lock-token': async (fix, { session }) => {
    if (fix.kind !== 'submit-lock-token') {
      return;
    }
    if (
      session.locks.relevant({ path: serverPathOf(session, fix.lockRoot), recursive: false }).length === 0
    ) {
      throw new Error(`this client holds no lock token for ${fix.lockRoot}`);
    }
  },
  /**
   * Polls `DAV:lockdiscovery` of the lock root (and, when it is gone, of its ancestors) until no lock
   * covers it, backing off from 250 ms up to 5 s, until `maxWaitMs`. A server that reports no locks
   * (rclone) is probed by the resubmission itself, once a second.
   */
  'wait-for-unlock': async (fix, { session, signal, deadline }) => {
    if (fix.kind !== 'wait-for-unlock') {
      return;
    }
    for (let delay = 250; ; delay = Math.min(delay * 2, 5000)) {
      const state = await lockState(session, serverPathOf(session, fix.lockRoot), signal);
      if (state === 'unlocked') {
        return;
      }
      const remaining = deadline - Date.now();
      if (remaining <= 0) {
        throw new Error(`the lock on ${fix.lockRoot} was still held after maxWaitMs`);
      }
      await sleep(Math.min(state === 'locked' ? delay : PROBE_INTERVAL_MS, remaining), signal);
      if (state === 'unobservable') {
        return; // the resubmission tells; `retryAfterFix()` comes back here while it is refused
      }
    }
  },
  /** Waits as long as the server asked (Retry-After), or one second, within the deadline. */
  'retry-later': async (fix, { signal, deadline }) => {
    if (fix.kind !== 'retry-later') {
      return;
    }
    const wait = fix.afterMs ?? 1000;
    if (Date.now() + wait > deadline) {
      throw new Error(`the server asked to wait ${wait} ms, beyond maxWaitMs`);
    }
    await sleep(wait, signal);
  },
};
