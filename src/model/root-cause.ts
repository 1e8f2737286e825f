import type { DavCondition } from './multistatus.ts';
import type { ClarkName } from './names.ts';

/**
 * How a root cause could be fixed. davkit's built-in `fixers` handle some kinds; `retryAfterFix()`
 * refuses at once when a cause has a kind nothing can fix automatically. Paths are client paths
 * (relative to the base URL, as `Entry.path`): pass them back to the client.
 *
 * @group Batches and root causes
 */
export type Fix =
  /** Submit the lock token for `lockRoot` (this client holds it, or the server asks for it). */
  | { readonly kind: 'submit-lock-token'; readonly lockRoot: string; readonly token?: string }
  /** Someone else holds the lock on `lockRoot`: wait until it is released or expires. */
  | {
      readonly kind: 'wait-for-unlock';
      readonly lockRoot: string;
      /** Seconds the lock has left, when the server said. */
      readonly expiresIn?: number;
    }
  /** The parent collection `path` is missing: create it (and its ancestors). */
  | { readonly kind: 'create-parent'; readonly path: string }
  /** A protected (live) property cannot be set or removed: leave it out of the PROPPATCH. */
  | { readonly kind: 'remove-protected-property'; readonly prop: ClarkName }
  /** The target exists and the request said not to replace it (COPY/MOVE `Overwrite: F`, PUT `If-None-Match: *`). */
  | { readonly kind: 'destination-exists'; readonly path: string }
  /** The resource changed since its ETag was read: read it again and decide. */
  | { readonly kind: 'refresh-etag'; readonly path: string }
  /** The credentials were refused. */
  | { readonly kind: 'reauthenticate' }
  /** A transient failure (503, 429, network, timeout): try again, after `afterMs` if the server said. */
  | { readonly kind: 'retry-later'; readonly afterMs?: number }
  /** Nothing davkit knows of would fix it. */
  | { readonly kind: 'none' };

/**
 * The kinds of {@link Fix}.
 *
 * @group Batches and root causes
 */
export type FixKind = Fix['kind'];

/**
 * Something a root cause blocked.
 *
 * @group Batches and root causes
 */
export interface Dependent {
  /** Client path (relative to the base URL, as `Entry.path`). */
  readonly path: string;
  readonly prop?: ClarkName;
  /** The batch step it blocked. */
  readonly step?: string;
  /** The server did not report it (RFC 4918 says it should not for DELETE, COPY, MOVE): davkit infers it. */
  readonly implied?: boolean;
}

/**
 * The real failure behind one or more 424s (or a failure that blocked nothing): what failed, where,
 * what it blocked, and how it could be fixed. Plain data.
 *
 * @group Batches and root causes
 */
export interface RootCause {
  readonly status: number;
  /**
   * The failed resource as a client path (relative to the base URL, as `Entry.path`): pass it back to
   * the client. Outside the base URL (or with no base known), the server path or an absolute URL.
   */
  readonly path: string;
  /** The failed resource as the server sees it: absolute, percent-decoded. */
  readonly serverPath: string;
  readonly href?: string;
  /** The property that failed, for a PROPPATCH or PROPFIND propstat. */
  readonly prop?: ClarkName;
  /** The batch step whose own failure this is. */
  readonly step?: string;
  readonly method?: string;
  readonly condition?: DavCondition;
  readonly description?: string;
  /** A 424 whose cause davkit could not find: reported, never dropped. */
  readonly unexplained?: true;
  /**
   * The server answered for `prop` although the request did not name it (it rewrote a name it was
   * sent): a server defect, with the names that were sent in its place.
   */
  readonly unrequested?: { readonly sent: readonly ClarkName[] };
  readonly dependents: readonly Dependent[];
  readonly fix: Fix;
}

/**
 * What the analysis knows of the request that got the answer.
 *
 * @group Batches and root causes
 */
export interface RequestContext {
  readonly method: string;
  /** Absolute, percent-decoded request path. */
  readonly path: string;
  /** COPY/MOVE destination path. */
  readonly destinationPath?: string;
  /** The request's headers, when known (lower-case names): `if-match`, `if-none-match`, `overwrite`… */
  readonly headers?: Readonly<Record<string, string>>;
  /** The top-level status, when the multistatus came with a non-207 one (Apache's 424). */
  readonly status?: number;
}

/**
 * Lock knowledge that sharpens lock fixes: which lock roots this client holds tokens for.
 *
 * @group Batches and root causes
 */
export interface LockKnowledge {
  /** Token held for a lock covering `path` (the lock root or a depth-infinity ancestor), if any. */
  readonly tokenFor: (path: string) => string | undefined;
}

/**
 * Options of `rootCauses()`.
 *
 * @group Batches and root causes
 */
export interface RootCauseOptions {
  /**
   * Locks the caller holds. With it, a 423 becomes `submit-lock-token` (held) or `wait-for-unlock`
   * (someone else's); without it, `submit-lock-token` (what the server asks for).
   */
  readonly locks?: LockKnowledge;
  /** The request, when analysing a bare multistatus (errors and batch results carry their own). */
  readonly request?: RequestContext;
  /**
   * The client's base URL, when analysing a bare multistatus: paths are then given relative to it
   * (errors and batch results carry their own). Without it, causes name server paths.
   */
  readonly baseUrl?: string;
}
