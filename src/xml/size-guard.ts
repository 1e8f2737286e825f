import { DavBodyTooLargeError } from '../errors/transport-errors.ts';
import type { BodyLimitName } from '../model/body-limit.ts';
import { sizeLimits, type XmlLimits } from './limits.ts';

/**
 * What an element inside a child of the root counts for in `maxResponseSize`, besides its markup: a
 * decoded element costs far more memory than `<a/>`, and the limit exists to bound memory.
 */
export const ELEMENT_WEIGHT = 128;

/**
 * The size limits of an incremental read: what is held at once, one text node or tag
 * (`maxTextSize`), one child of the root such as a `DAV:response` (`maxResponseSize`).
 */
export class SizeGuard {
  private readonly maxResponseSize: number;
  private readonly maxTextSize: number;
  private readonly request: { readonly method: string; readonly url: string } | undefined;
  /** Where the open child of the root started (offset in the input), or -1, and its elements so far. */
  private childStart = -1;
  private elements = 0;

  constructor(limits: XmlLimits, request?: { readonly method: string; readonly url: string }) {
    const sizes = sizeLimits(limits);
    this.maxResponseSize = sizes.maxResponseSize;
    this.maxTextSize = sizes.maxTextSize;
    this.request = request;
  }

  /** An element opens at `offset`; `depth` is how many were open before it (0: it is the root). */
  open(depth: number, offset: number): void {
    if (depth === 1) {
      this.childStart = offset;
      this.elements = 0;
    }
    this.elements++;
  }

  /** A child of the root closes; `after` is the offset just past its end. */
  closeChild(after: number): void {
    this.reached(after);
    this.childStart = -1;
  }

  /** The input has been received up to `offset`: the open child of the root, if any, still fits. */
  reached(offset: number): void {
    const { childStart } = this;
    if (childStart !== -1 && offset - childStart + this.elements * ELEMENT_WEIGHT > this.maxResponseSize) {
      this.tooLarge('maxResponseSize', this.maxResponseSize);
    }
  }

  /** One text node, attribute value or piece of markup of `size` characters fits. */
  text(size: number): void {
    if (size > this.maxTextSize) {
      this.tooLarge('maxTextSize', this.maxTextSize);
    }
  }

  private tooLarge(limitName: BodyLimitName, limit: number): never {
    throw new DavBodyTooLargeError({ ...this.request, limit, limitName });
  }
}
