import type { DavClient } from '../client/client.ts';
import { lockLookup } from '../files/lock-lookup.ts';
import { discoverLock } from '../locks/discover-lock.ts';
import type { Fix, FixKind } from '../model/root-cause.ts';
import { urlPath } from '../utils/href.ts';

/** What a fixer may use. */
export interface FixContext {
  readonly client: DavClient;
  readonly signal?: AbortSignal | undefined;
  /** When waiting must stop (ms since the epoch). */
  readonly deadline: number;
}

/**
 * Resolves one kind of root cause, then checks that it is really gone. Throws when it cannot
 * (the error says why); `retryAfterFix()` then resubmits nothing.
 */
export type Fixer = (fix: Fix, context: FixContext) => Promise<void>;

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

function toClient(client: DavClient, serverPath: string): string {
  return client.relativePath(serverPath);
}

/**
 * Whether a lock still keeps a request on `path` (a server path) out: the path's own
 * `DAV:lockdiscovery`, else its ancestors' (see `discoverLock`). A 404 is never read as "unlocked":
 * the new file a PUT wanted to create does not exist, and its locked collection is asked instead.
 * `'unobservable'`: the server reports no locks (rclone), so only sending the request again can tell.
 */
async function lockState(
  client: DavClient,
  path: string,
  signal: AbortSignal | undefined,
): Promise<'locked' | 'unlocked' | 'unobservable'> {
  const boundary = urlPath(new URL(client.baseUrl));
  const found = await discoverLock(lockLookup(client, signal ? { signal } : {}), path, boundary);
  if (found === undefined) {
    return 'unlocked';
  }
  return found.reported ? 'locked' : 'unobservable';
}

// How often a lock the server does not report is probed, by sending the request again.
const PROBE_INTERVAL_MS = 1000;

/**
 * davkit's built-in fixers, by fix kind. Kinds without one (`remove-protected-property`,
 * `refresh-etag`, `reauthenticate`, `none`) need a decision only the caller can make.
 */
export const fixers: Readonly<Partial<Record<FixKind, Fixer>>> = {
  /** Creates the missing collection and its ancestors, then checks it exists. */
  'create-parent': async (fix, { client, signal }) => {
    if (fix.kind !== 'create-parent') {
      return;
    }
    const path = toClient(client, fix.path);
    await client.mkdirp(path, signal ? { signal } : {});
    if (!(await client.exists(path, signal ? { signal } : {}))) {
      throw new Error(`${fix.path} still does not exist after MKCOL`);
    }
  },
  /** The token is submitted on resubmission (tagged If); checks the client really holds it. */
  'submit-lock-token': async (fix, { client }) => {
    if (fix.kind !== 'submit-lock-token') {
      return;
    }
    if (client.locks.relevant({ path: fix.lockRoot, recursive: false }).length === 0) {
      throw new Error(`this client holds no lock token for ${fix.lockRoot}`);
    }
  },
  /**
   * Polls `DAV:lockdiscovery` of the lock root (and, when it is gone, of its ancestors) until no lock
   * covers it, backing off from 250 ms up to 5 s, until `maxWaitMs`. A server that reports no locks
   * (rclone) is probed by the resubmission itself, once a second.
   */
  'wait-for-unlock': async (fix, { client, signal, deadline }) => {
    if (fix.kind !== 'wait-for-unlock') {
      return;
    }
    for (let delay = 250; ; delay = Math.min(delay * 2, 5000)) {
      const state = await lockState(client, fix.lockRoot, signal);
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
