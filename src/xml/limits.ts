/**
 * Limits that make hostile bodies fail fast. `maxDepth` applies to every decode. The size limits apply
 * where a body is decoded incrementally (`davkit/stream`, and `list()`/`propfind()` once their answer
 * is large or of unknown length): there the body itself is never held, only what is being decoded at
 * the moment, and these limits bound that. A body held whole is bounded by `maxBodySize` instead.
 *
 * Sizes count characters (UTF-16 code units) of the decoded text: one per byte for ASCII.
 *
 * @group Client
 */
export interface XmlLimits {
  /** Deepest element nesting accepted (default 128). WebDAV bodies rarely go past 10. */
  readonly maxDepth: number;
  /**
   * Largest `DAV:response` (or any other element directly inside the root) held while it is decoded:
   * its characters, markup included, plus 128 for each element in it (a decoded element costs far
   * more memory than its markup). Default 32 MiB, room for one `maxTextSize` value and more; real
   * servers send about 1 KB per response.
   */
  readonly maxResponseSize?: number;
  /**
   * Largest single text node (a property value), attribute value, CDATA section, comment or tag held
   * at once. Default 16 MiB.
   */
  readonly maxTextSize?: number;
}

/** The name of a size limit, as the option that raises it is spelled. */
export type SizeLimitName = 'maxResponseSize' | 'maxTextSize';

/** Defaults: deep enough for any real multistatus with structured dead properties. */
export const DEFAULT_XML_LIMITS: XmlLimits = { maxDepth: 128 };

/**
 * Default `maxResponseSize`: 32 MiB. One response is held as an element tree until it closes; this
 * keeps a hostile one to a few tens of MiB of memory, and leaves real ones (about 1 KB) a margin of
 * thousands. Twice `maxTextSize`, so that one huge value is reported as what it is.
 */
export const DEFAULT_MAX_RESPONSE_SIZE: number = 32 * 1024 * 1024;

/** Default `maxTextSize`: 16 MiB, far above any real property value (davkit's tests decode 10 MB ones). */
export const DEFAULT_MAX_TEXT_SIZE: number = 16 * 1024 * 1024;

/** The size limits in force, defaults filled in. */
export function sizeLimits(limits: XmlLimits): Readonly<Record<SizeLimitName, number>> {
  return {
    maxResponseSize: limits.maxResponseSize ?? DEFAULT_MAX_RESPONSE_SIZE,
    maxTextSize: limits.maxTextSize ?? DEFAULT_MAX_TEXT_SIZE,
  };
}
