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
