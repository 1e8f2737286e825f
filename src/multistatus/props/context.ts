/** What property decoders need to know besides the element itself. */
export interface PropContext {
  /** Base for relative hrefs (see `DecodeOptions.baseUrl`). */
  readonly base: string | URL | undefined;
  /** The request path, to place hrefs relative to the server's DAV root (see `hrefToPath`). */
  readonly anchor?: string | undefined;
}
