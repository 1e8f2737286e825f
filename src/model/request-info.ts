import type { HeldLock } from './locks.ts';

/**
 * A request as plain data, as errors and failed batch steps keep it: where it went (URLs redacted,
 * paths percent-decoded), the headers that decide what a failure means, the sender's locks, and the
 * XML body davkit wrote for it. Enough to explain the failure, and to send the request again from a
 * copy (see `retryAfterFix`).
 *
 * @group Errors
 */
export interface DavRequestInfo {
  readonly method: string;
  /** The request URL, without credentials. */
  readonly url: string;
  /** The request URL's absolute, percent-decoded path. */
  readonly path: string;
  /** COPY/MOVE: the Destination URL, without credentials. */
  readonly destination?: string;
  /** COPY/MOVE: the Destination's absolute, percent-decoded path. */
  readonly destinationPath?: string;
  /** For a relative href in the body, the base to resolve it against (the client's base URL). */
  readonly baseUrl?: string;
  /** The request's conditional headers (`overwrite`, `depth`, `if`, `if-match`, `if-none-match`), lower case. */
  readonly headers?: Readonly<Record<string, string>>;
  /**
   * The locks the sending client held around the request's paths (on them, above or below them) when
   * it sent it: what explaining a 423 needs (its own lock: submit the token; someone else's: wait).
   * Plain data, so a copy of the error explains the same as the original.
   */
  readonly locks?: readonly HeldLock[];
  /**
   * The XML body davkit wrote for the request (PROPFIND, PROPPATCH, LOCK, REPORT, SEARCH), redacted
   * like everything else: what sending it again from a copy needs. The content of a PUT is yours and
   * is never kept here.
   */
  readonly body?: string;
}
