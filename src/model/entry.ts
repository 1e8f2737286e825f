import type { DavProps, QuotaSentinel } from './multistatus.ts';

/**
 * A file or directory as plain data, from a PROPFIND response. `path` is relative to the client's base
 * URL (pass it straight back to the client); `props` holds every property the server returned with a
 * value, by Clark name.
 *
 * @group Client
 */
export interface Entry {
  /** Relative to the client's base URL, leading slash included; directories end with `/`. */
  readonly path: string;
  /** The href the server sent. */
  readonly href: string;
  readonly name: string;
  readonly type: 'file' | 'directory';
  readonly size?: number;
  /** Exactly as sent (quotes and `W/` kept), ready for `ifMatch`. */
  readonly etag?: string;
  /** ISO 8601. */
  readonly lastModified?: string;
  readonly contentType?: string;
  readonly props: DavProps;
}

/**
 * RFC 4331 quota. A value is absent when the server does not report it. `available` is bytes, or
 * what Nextcloud says instead of a number: `'unlimited'` (no quota), `'unknown'` or `'not-computed'`.
 *
 * @group Client
 */
export interface Quota {
  readonly used?: number;
  readonly available?: number | QuotaSentinel;
}
