import type { HeldLock } from './locks.ts';

/** Where a failed request went, as plain data (URLs redacted, paths percent-decoded). */
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
}
