/** What the verbs that return no multistatus resolve with: plain data. */

/**
 * The outcome of a successful PUT.
 *
 * @group Client
 */
export interface PutResult {
  readonly status: number;
  /** 201: a new resource was created; otherwise an existing one was replaced. */
  readonly created: boolean;
  /** The new ETag, when the server sent one (Apache and nginx do not on 201). */
  readonly etag?: string;
  /** With `verify: true`, after an ambiguous failure: how davkit made sure (see `Verification`). */
  readonly verification?: Verification;
}

/**
 * What a HEAD tells about a resource.
 *
 * @group Client
 */
export interface HeadResult {
  readonly status: number;
  readonly etag?: string;
  readonly size?: number;
  readonly contentType?: string;
  /** ISO 8601. */
  readonly lastModified?: string;
  /** Every response header (lower-case names, secrets left out). */
  readonly headers: Readonly<Record<string, string>>;
}

/**
 * The outcome of a successful COPY or MOVE.
 *
 * @group Client
 */
export interface TransferResult {
  readonly status: number;
  /** 201: the destination is new; 204: an existing one was replaced. */
  readonly created: boolean;
  /** With `verify: true`, after an ambiguous failure: how davkit made sure (see `Verification`). */
  readonly verification?: Verification;
}

/**
 * What OPTIONS tells: the DAV compliance classes and the allowed methods.
 *
 * @group Client
 */
export interface OptionsResult {
  /** `DAV` header tokens, e.g. `['1', '2', '3', 'extended-mkcol']`. */
  readonly dav: readonly string[];
  /** `Allow` header methods, upper case. */
  readonly allow: readonly string[];
  readonly headers: Readonly<Record<string, string>>;
}

/**
 * How a write asked to `verify` ended after an ambiguous failure (a timeout, a reset connection, a
 * 502/504 once the body was sent), when it ended well.
 *
 * @group Client
 */
export type Verification =
  /** The write had landed: the target is what was sent (or gone, for a DELETE). */
  | { readonly kind: 'landed'; readonly after: string }
  /**
   * It had not landed, and was sent again under a precondition that cannot clobber: `If-None-Match: *`
   * for a create, `If-Match` on the known ETag for an update. `unverifiableUpdate`: repeated under
   * `If-Match` on a server not known to honour it (nginx and rclone ignore it on PUT), so a write
   * made by someone else in between may have been replaced.
   */
  | {
      readonly kind: 'repeated';
      readonly after: string;
      readonly precondition: 'if-none-match' | 'if-match' | 'none';
      readonly unverifiableUpdate?: true;
    };

/**
 * What `dav.request()` resolves with for `response: 'text'` (the default) and `'none'`.
 *
 * @group Client
 */
export interface RequestResult {
  readonly status: number;
  readonly statusText: string;
  /** Every response header (lower-case names, secrets left out). */
  readonly headers: Readonly<Record<string, string>>;
  /** The body as text, bounded by `maxBodySize` (`''` for `response: 'none'`). */
  readonly text: string;
}
