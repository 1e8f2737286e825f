import type { DavHttpErrorData } from '../model/error-data.ts';
import type { MultiStatus, UnrequestedProperty } from '../model/multistatus.ts';
import type { DavRequestInfo } from '../model/request-info.ts';
import type { DavErrorOptions } from './dav-error.ts';
import { DavHttpError, describeRequest } from './dav-http-error.ts';

/** Context of a {@link MultiStatusError}. */
export interface MultiStatusErrorOptions extends DavErrorOptions {
  readonly request: DavRequestInfo;
  readonly multistatus: MultiStatus;
  readonly status?: number;
  /** Properties the server answered for that the request did not name (see `readProppatch`). */
  readonly unrequested?: readonly UnrequestedProperty[];
}

/**
 * A write (PROPPATCH, DELETE, COPY, MOVE, LOCK, or a PUT/MKCOL that got one) answered `207 Multi-Status`
 * with at least one failure inside. The HTTP status says success; the body says otherwise, and
 * davkit never calls that a success. A {@link DavHttpError} (the server refused), with the
 * multistatus always there.
 *
 * @example
 * ```ts
 * try {
 *   await dav.proppatch('/a.txt', { set: { '{DAV:}getetag': 'x', '{urn:acme}state': 'final' } });
 * } catch (error) {
 *   if (isMultiStatusError(error)) console.log(error.multistatus.responses, rootCauses(error));
 * }
 * ```
 *
 * @group Errors
 */
export class MultiStatusError extends DavHttpError {
  override name: 'MultiStatusError' = 'MultiStatusError';
  declare readonly multistatus: MultiStatus;
  /**
   * Properties the server answered for although the request did not name them: a server defect
   * (it rewrote the names it was sent), never a success. Each has the names sent in its place.
   */
  readonly unrequested: readonly UnrequestedProperty[];

  constructor(options: MultiStatusErrorOptions) {
    const status = options.status ?? 207;
    super(
      { ...options, status, statusText: 'Multi-Status' },
      `${describeRequest(options.request, status, 'Multi-Status')} ${summary(options)}`,
    );
    this.unrequested = options.unrequested ?? [];
  }

  override toJSON(): DavHttpErrorData {
    return { ...super.toJSON(), unrequested: this.unrequested };
  }
}

/** What went wrong, for the message: failed entries, and answers for properties not asked for. */
function summary(options: MultiStatusErrorOptions): string {
  const failed = countFailures(options.multistatus);
  const unrequested = options.unrequested ?? [];
  const parts = unrequested.map(
    (each) =>
      `answered for ${each.name}, which was not in the request${each.sent.length > 0 ? ` (sent: ${each.sent.join(', ')})` : ''}`,
  );
  if (failed > 0 || parts.length === 0) {
    parts.unshift(`with ${failed} failed ${failed === 1 ? 'entry' : 'entries'}`);
  }
  return parts.join('; ');
}

/**
 * Number of failed statuses (responses and propstats) in a multistatus.
 *
 * @example
 * ```ts
 * countFailures(ms); // 2 for a PROPPATCH answered 409 + 424
 * ```
 */
export function countFailures(multistatus: MultiStatus): number {
  let failed = 0;
  for (const response of multistatus.responses) {
    if (response.kind === 'status') {
      failed += response.status >= 300 ? 1 : 0;
    } else {
      failed += response.propstats.filter((propstat) => propstat.status >= 300).length;
    }
  }
  return failed;
}
