import type { Fix, FixKind } from '../analysis/types.ts';
import type { DavClient } from '../client/client.ts';

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

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
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

/** Whether any lock is active on a path, by its `DAV:lockdiscovery` (a vanished resource has none). */
async function isLocked(client: DavClient, path: string, signal: AbortSignal | undefined): Promise<boolean> {
  try {
    const ms = await client.propfind(path, {
      depth: 0,
      props: ['{DAV:}lockdiscovery'],
      ...(signal ? { signal } : {}),
    });
    return ms.responses.some(
      (response) =>
        response.kind === 'propstat' &&
        response.propstats.some((propstat) => (propstat.props['{DAV:}lockdiscovery']?.length ?? 0) > 0),
    );
  } catch (error) {
    // Not the guard from errors/guards.ts: error classes import this module (retryAfterFix), and the
    // guards import the classes, so the guard would close an import cycle.
    if (
      (error as { name?: unknown; status?: unknown }).name === 'DavHttpError' &&
      (error as { status?: unknown }).status === 404
    ) {
      return false;
    }
    throw error;
  }
}

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
  /** Polls `DAV:lockdiscovery` until the lock is gone, backing off up to 5 s, until the deadline. */
  'wait-for-unlock': async (fix, { client, signal, deadline }) => {
    if (fix.kind !== 'wait-for-unlock') {
      return;
    }
    const path = toClient(client, fix.lockRoot);
    for (let delay = 250; await isLocked(client, path, signal); delay = Math.min(delay * 2, 5000)) {
      const remaining = deadline - Date.now();
      if (remaining <= 0) {
        throw new Error(`the lock on ${fix.lockRoot} was still held after maxWaitMs`);
      }
      await sleep(Math.min(delay, remaining), signal);
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
