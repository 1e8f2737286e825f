import { requestRootCauses } from '../analysis/request-causes.ts';
import type { DecodeWarning } from '../model/decode-warning.ts';
import type { DavHttpErrorData } from '../model/error-data.ts';
import type { DiscoveredLock } from '../model/locks.ts';
import type { DavCondition, MultiStatus } from '../model/multistatus.ts';
import type { FixFunction, RetryAfterFixOptions } from '../model/recovery.ts';
import type { DavRequestInfo } from '../model/request-info.ts';
import type { RootCause } from '../model/root-cause.ts';
import { DavError, type DavErrorOptions, replayOf } from './dav-error.ts';
import { DavUsageError } from './transport-errors.ts';

/** Context of a {@link DavHttpError}. */
export interface DavHttpErrorOptions extends DavErrorOptions {
  readonly request: DavRequestInfo;
  readonly status: number;
  readonly statusText?: string;
  /** Start of the response body (at most ~500 characters). */
  readonly bodySnippet?: string;
  /** The body was longer than davkit reads of a failure (1 MiB) and was cut there. */
  readonly bodyTruncated?: boolean;
  /** For a bare 423: the lock found in `DAV:lockdiscovery` of the target or an ancestor. */
  readonly discoveredLock?: DiscoveredLock;
  readonly conditions?: readonly DavCondition[];
  readonly multistatus?: MultiStatus;
  /** What was recovered while reading the body (see `MultiStatus.warnings`). */
  readonly warnings?: readonly DecodeWarning[];
  /** Selected response headers, lower-cased (never `www-authenticate`, `set-cookie`). */
  readonly headers?: Readonly<Record<string, string>>;
  readonly hint?: string;
}

/**
 * One readable line: `[DELETE] "https://host/dav/a/": 423 Locked`.
 *
 * @example
 * ```ts
 * describeRequest(request, 423, 'Locked'); // '[DELETE] "https://host/dav/a/": 423 Locked'
 * ```
 */
export function describeRequest(
  request: DavRequestInfo,
  status: number,
  statusText: string | undefined,
): string {
  return `[${request.method}] "${request.url}": ${status}${statusText ? ` ${statusText}` : ''}`;
}

/**
 * The server refused a request: a non-2xx status, or (as its subclass {@link MultiStatusError}) a
 * 207 with failures inside, so {@link isDavHttpError} is the one guard for "the server refused". It
 * carries what the server said: the decoded `DAV:error` conditions and, when the body is a
 * multistatus (Apache's top-level 424 for DELETE, COPY and MOVE blocked by a locked member), the
 * decoded multistatus, whose real causes `rootCauses()` finds.
 *
 * @example
 * ```ts
 * try {
 *   await dav.delete('/projects/');
 * } catch (error) {
 *   if (isDavHttpError(error) && error.status === DavStatus.FailedDependency) {
 *     console.log(explain(error));
 *   }
 * }
 * ```
 *
 * @group Errors
 */
export class DavHttpError extends DavError {
  override name: 'DavHttpError' | 'MultiStatusError' = 'DavHttpError';
  readonly status: number;
  readonly statusText: string;
  readonly method: string;
  /** The request URL, without credentials. */
  readonly url: string;
  readonly destination: string | undefined;
  readonly request: DavRequestInfo;
  readonly bodySnippet: string;
  /**
   * Whether the failure body was longer than davkit reads (1 MiB, or `maxBodySize` when smaller): the
   * rest was dropped, so a multistatus in it may be missing. The status is never hidden by its size.
   */
  readonly bodyTruncated: boolean;
  readonly conditions: readonly DavCondition[];
  readonly multistatus: MultiStatus | undefined;
  /**
   * What davkit recovered from while reading the body, e.g. `DAV:` conditions written with an
   * undeclared `DAV` prefix (empty when the body needed no recovery).
   */
  readonly warnings: readonly DecodeWarning[];
  readonly headers: Readonly<Record<string, string>>;
  /**
   * For a 423 whose body names no lock (nginx, rclone: a plain 423): the lock that refused the
   * request, which davkit found in the `DAV:lockdiscovery` of the target or of an ancestor (a PUT
   * into a depth-infinity-locked collection is refused by the collection's lock). Root causes name
   * its root, and the `wait-for-unlock` fixer polls it.
   */
  readonly discoveredLock: DiscoveredLock | undefined;

  /** `message` replaces the default one (`[METHOD] "url": status reason (hint)`). */
  constructor(options: DavHttpErrorOptions, message?: string) {
    const hint = options.hint ? ` (${options.hint})` : '';
    super(
      message ?? `${describeRequest(options.request, options.status, options.statusText)}${hint}`,
      options,
    );
    this.status = options.status;
    this.statusText = options.statusText ?? '';
    this.method = options.request.method;
    this.url = options.request.url;
    this.destination = options.request.destination;
    this.request = options.request;
    this.bodySnippet = options.bodySnippet ?? '';
    this.bodyTruncated = options.bodyTruncated ?? false;
    this.conditions = options.conditions ?? [];
    this.multistatus = options.multistatus;
    this.warnings = options.warnings ?? [];
    this.headers = options.headers ?? {};
    this.discoveredLock = options.discoveredLock;
  }

  /**
   * The real failures behind this one: `rootCauses(error)`, by construction. Lock fixes use the locks
   * the sending client held when it sent the request (`request.locks`).
   *
   * @example
   * ```ts
   * catch (error) { if (isDavHttpError(error)) console.log(error.rootCauses()); }
   * ```
   */
  rootCauses(): RootCause[] {
    return requestRootCauses(this);
  }

  /**
   * Fixes the root causes (with `fix`, or davkit's built-in fixers) and sends this whole request
   * again: `retryAfterFix(error, fix, options)`. Resolves with the request's value; rejects with the
   * last error, or with `DavUnfixableError` when nothing can fix a cause. Only the error a client
   * threw can do it; a copy needs `retryAfterFix(copy, fix, { client })`.
   *
   * @example
   * ```ts
   * catch (error) { if (isDavHttpError(error)) await error.retryAfterFix(); }
   * ```
   */
  retryAfterFix(fix?: FixFunction, options: RetryAfterFixOptions = {}): Promise<unknown> {
    const replay = replayOf(this);
    if (replay === undefined) {
      return Promise.reject(
        new DavUsageError(
          'retryAfterFix() needs the error a davkit client threw (this one was made elsewhere, or copied): use retryAfterFix(error, fix, { client })',
        ),
      );
    }
    return replay(fix, options);
  }

  override toJSON(): DavHttpErrorData {
    return {
      name: this.name,
      message: this.message,
      status: this.status,
      statusText: this.statusText,
      request: this.request,
      bodySnippet: this.bodySnippet,
      bodyTruncated: this.bodyTruncated,
      conditions: this.conditions,
      ...(this.multistatus === undefined ? {} : { multistatus: this.multistatus }),
      warnings: this.warnings,
      headers: this.headers,
      ...(this.discoveredLock === undefined ? {} : { discoveredLock: this.discoveredLock }),
    };
  }
}
