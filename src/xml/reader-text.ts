import { referenceLengthAt } from './entities.ts';
import type { Fail } from './reader-markup.ts';
import { WHITESPACE } from './syntax.ts';

/** The input's current text, as the checks read it. */
interface TextSource {
  readonly text: string;
}

// "Not searched yet" and "none in the text", for the positions remembered below.
const UNKNOWN = -1;
const NONE = -2;

/**
 * The checks on text between markup, as the whole-text checker makes them: references valid, no
 * `]]>`, nothing but whitespace outside the root. The next `&` and `]]>` are searched once and
 * remembered, so that checking thousands of short runs does not search the same text again and again.
 */
export class TextChecks {
  private readonly source: TextSource;
  private readonly fail: Fail;
  private nextAmp = UNKNOWN;
  private nextCdataEnd = UNKNOWN;

  constructor(source: TextSource, fail: Fail) {
    this.source = source;
    this.fail = fail;
  }

  /** Forgets the remembered positions: the text has changed. */
  reset(): void {
    this.nextAmp = UNKNOWN;
    this.nextCdataEnd = UNKNOWN;
  }

  /** Every `&` from `start` to `end` starts a valid reference that ends before `end`. */
  readonly references = (start: number, end: number): void => {
    const { text } = this.source;
    if (this.nextAmp !== NONE && this.nextAmp < start) {
      this.nextAmp = found(text.indexOf('&', start));
    }
    while (this.nextAmp >= 0 && this.nextAmp < end) {
      const length = referenceLengthAt(text, this.nextAmp);
      if (length === 0 || this.nextAmp + length > end) {
        this.fail(this.nextAmp, 'an "&" that does not start a valid entity or character reference');
      }
      this.nextAmp = found(text.indexOf('&', this.nextAmp + length));
    }
  };

  /** No `]]>` from `start` to `end`. */
  noCdataEnd(start: number, end: number): void {
    const { text } = this.source;
    if (this.nextCdataEnd !== NONE && this.nextCdataEnd < start) {
      this.nextCdataEnd = found(text.indexOf(']]>', start));
    }
    if (this.nextCdataEnd >= 0 && this.nextCdataEnd + 3 <= end) {
      this.fail(this.nextCdataEnd, '"]]>" is not allowed in text');
    }
  }

  /** Text outside the root element: whitespace only. */
  outsideRoot(start: number, end: number, rootSeen: boolean): void {
    WHITESPACE.lastIndex = start;
    WHITESPACE.exec(this.source.text);
    if (WHITESPACE.lastIndex < end) {
      this.fail(
        WHITESPACE.lastIndex,
        rootSeen ? 'content after the root element' : 'text before the root element',
      );
    }
  }
}

function found(index: number): number {
  return index === -1 ? NONE : index;
}
