/** Options for decoding a multistatus. */
export interface DecodeOptions {
  /**
   * The URL the request went to (or the client's base URL). Relative hrefs, which SabreDAV sends in
   * `DAV:error`, are resolved against it. Without it they are resolved against `/`.
   */
  readonly baseUrl?: string | URL;
  /**
   * The URL of the request that got this answer. Relative hrefs in `DAV:error` that continue its path
   * are placed against it: SabreDAV makes them relative to its DAV root, which may lie above `baseUrl`.
   */
  readonly requestUrl?: string | URL;
  /** `'propname'` when the request asked for names only: every property value is then `null`. */
  readonly mode?: 'values' | 'propname';
  /**
   * Refuse bodies that use a prefix without declaring it (`DavParseError`), instead of reading its
   * names in the prefix's conventional namespace (`DAV` → `DAV:`, `oc` → ownCloud's…) or in
   * `urn:davkit:unbound:<prefix>` and saying so in `warnings`. Default `false`.
   */
  readonly strict?: boolean;
}
