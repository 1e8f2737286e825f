import { decodeEntities, referenceLengthAt } from './entities.ts';
import type { XmlEventSink } from './events.ts';
import type { Fail } from './reader-markup.ts';
import type { SizeGuard } from './size-guard.ts';
import { isSpaceOnly, WHITESPACE } from './syntax.ts';

/** The input's current text, as the checks read it. */
interface TextSource {
  readonly text: string;
}

// Unfinished text longer than this moves to the current run (see `TextRun.unfinished`).
const SPILL_FROM = 16 * 1024;

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

/**
 * The text between markup inside the root, checked, then delivered a run at a time: a run of text
 * between two pieces of markup (comments aside), decoded, dropped when it is XML whitespace only,
 * as the buffered source does. Only what is already read stays in the run; the rest is in the input.
 */
export class TextRun {
  private readonly source: TextSource;
  private readonly checks: TextChecks;
  private readonly sizes: SizeGuard;
  /** Text of the current run read so far, when a comment interrupted it or it is long. */
  private run = '';

  constructor(source: TextSource, checks: TextChecks, sizes: SizeGuard) {
    this.source = source;
    this.checks = checks;
    this.sizes = sizes;
  }

  /** Characters of the current run held apart from the input. */
  get held(): number {
    return this.run.length;
  }

  /** Checks the text from `start` to `end`, complete (no event yet: the markup after it may not be). */
  check(start: number, end: number): void {
    this.sizes.text(this.run.length + end - start);
    this.checks.references(start, end);
    this.checks.noCdataEnd(start, end);
  }

  /**
   * The text from `start` to `end` (checked) before a comment, which does not end the run: kept.
   */
  continue(start: number, end: number): void {
    this.run += this.source.text.slice(start, end);
  }

  /** The run ends at `end` (checked): delivered to `sink`, unless it is whitespace only. */
  end(start: number, end: number, sink: XmlEventSink): void {
    const { text } = this.source;
    let raw: string;
    if (this.run === '') {
      if (isSpaceOnly(text, start, end)) {
        return;
      }
      raw = text.slice(start, end);
    } else {
      raw = this.run + text.slice(start, end);
      this.run = '';
    }
    const decoded = raw.indexOf('&') === -1 ? raw : decodeEntities(raw);
    if (!isSpaceOnly(decoded, 0, decoded.length)) {
      sink.text(decoded);
    }
  }

  /**
   * Unfinished text from `start` to `end`: checked as far as it can be (the last reference may still
   * be arriving). A long one moves from the input to the run, where it is kept as the pieces it
   * arrived in instead of being copied again with every piece appended (a 10 MB property value
   * arrives in hundreds). Returns where the input's unread text now starts.
   */
  unfinished(start: number, end: number): number {
    const { text } = this.source;
    const amp = text.lastIndexOf('&', end - 1);
    const checked = amp >= start ? amp : end;
    this.checks.references(start, checked);
    this.checks.noCdataEnd(start, end);
    // A "]" at the end stays behind: it may begin a "]]>" that the next piece completes.
    let cut = checked;
    while (cut > start && cut > end - 2 && text.charCodeAt(cut - 1) === 93 /* ] */) {
      cut--;
    }
    if (cut - start <= SPILL_FROM) {
      return start;
    }
    this.run += text.slice(start, cut);
    return cut;
  }
}
