import type { MultiStatus } from '../multistatus/types.ts';
import { DavError, type DavErrorOptions } from './dav-error.ts';
import { describeRequest, type RequestInfo } from './dav-http-error.ts';

/** Context of a {@link MultiStatusError}. */
export interface MultiStatusErrorOptions extends DavErrorOptions {
  readonly request: RequestInfo;
  readonly multistatus: MultiStatus;
  readonly status?: number;
}

/**
 * A write (PROPPATCH, DELETE, COPY, MOVE, LOCK, or a PUT/MKCOL that got one) answered `207 Multi-Status`
 * with at least one failure inside. The HTTP status says success; the body says otherwise, and
 * davkit never calls that a success.
 *
 * @example
 * ```ts
 * try {
 *   await dav.proppatch('/a.txt', { set: { '{DAV:}getetag': 'x', '{urn:acme}state': 'final' } });
 * } catch (error) {
 *   if (isMultiStatusError(error)) console.log(error.failures(), rootCauses(error));
 * }
 * ```
 */
export class MultiStatusError extends DavError {
  override name = 'MultiStatusError' as const;
  readonly status: number;
  readonly method: string;
  readonly url: string;
  readonly destination: string | undefined;
  readonly request: RequestInfo;
  readonly multistatus: MultiStatus;

  constructor(options: MultiStatusErrorOptions) {
    const status = options.status ?? 207;
    const failed = countFailures(options.multistatus);
    super(
      `${describeRequest(options.request, status, 'Multi-Status')} with ${failed} failed ${failed === 1 ? 'entry' : 'entries'}`,
      options,
    );
    this.status = status;
    this.method = options.request.method;
    this.url = options.request.url;
    this.destination = options.request.destination;
    this.request = options.request;
    this.multistatus = options.multistatus;
  }
}

/** Number of failed statuses (responses and propstats) in a multistatus. */
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
