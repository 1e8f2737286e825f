import { DavParseError } from '../errors/dav-parse-error.ts';
import type { XmlEventSink } from './events.ts';
import { DEFAULT_XML_LIMITS, type XmlLimits } from './limits.ts';
import { NameTable } from './name-table.ts';
import { NamespaceScope } from './namespace-scope.ts';
import { ReaderBuffer } from './reader-buffer.ts';
import {
  type Fail,
  refuseDeclaration,
  scanInstruction,
  scanSection,
  scanXmlDeclaration,
  WAIT,
} from './reader-markup.ts';
import { isAsciiNameChar, isAsciiNameStart, readStartTag, tagEnd } from './reader-tags.ts';
import { TextChecks, TextRun } from './reader-text.ts';
import { SizeGuard } from './size-guard.ts';
import { END_TAG } from './syntax.ts';

/** Options of an {@link XmlReader}. */
export interface XmlReaderOptions {
  readonly limits?: XmlLimits;
  /** The request whose body is read, named in `DavBodyTooLargeError`. */
  readonly request?: { readonly method: string; readonly url: string };
}

/**
 * davkit's own XML tokenizer: it reads text as it arrives, piece by piece, checks it is well-formed
 * as the buffered decoder's checker does (the grammar is shared, `syntax.ts`), resolves namespaces
 * with the same {@link NamespaceScope}, and feeds the same {@link XmlEventSink}. The text rule is the
 * buffered source's too: a run of text between two pieces of markup (comments aside), decoded, is
 * dropped when it is XML whitespace only; CDATA is kept as it is.
 *
 * Only what is still incomplete is held between pieces, never the body. What is held at once is
 * bounded by `limits`: one text node or tag (`maxTextSize`), one child of the root such as a
 * `DAV:response` (`maxResponseSize`), the nesting depth. A problem is reported as soon as it is
 * certain and before any later event, so the events delivered before an error do not depend on how
 * the input was cut into pieces.
 *
 * @example
 * ```ts
 * const reader = new XmlReader(new MultiStatusDecoder({}, (response) => console.log(response.href)));
 * for (const piece of pieces) reader.write(piece);
 * reader.close();
 * ```
 */
export class XmlReader {
  private readonly sink: XmlEventSink;
  private readonly scope: NamespaceScope;
  /** Read by `readStartTag` (the reader is its `TagContext`). */
  readonly names: NameTable = new NameTable();
  private readonly input = new ReaderBuffer();
  private readonly checks: TextChecks;
  private readonly run: TextRun;
  private readonly maxDepth: number;
  private readonly sizes: SizeGuard;
  private final = false;
  private prolog = true;
  private rootSeen = false;
  private readonly stack: string[] = [];
  /** Where the unfinished markup or text held starts (index in the input's text), and which it is. */
  private pendingFrom = 0;
  private pendingText = false;
  /** Where the markup being handled starts, for errors raised by the sink. */
  private at = 0;
  readonly fail: Fail = (index: number, message: string): never => {
    throw new DavParseError(`Malformed XML: ${message}`, this.input.where(index));
  };
  readonly references: (start: number, end: number) => void;

  constructor(sink: XmlEventSink, options: XmlReaderOptions = {}) {
    const limits = options.limits ?? DEFAULT_XML_LIMITS;
    this.sink = sink;
    this.scope = new NamespaceScope(sink);
    this.maxDepth = limits.maxDepth;
    this.sizes = new SizeGuard(limits, options.request);
    this.checks = new TextChecks(this.input, this.fail);
    this.references = this.checks.references;
    this.run = new TextRun(this.input, this.checks, this.sizes);
  }

  /** Reads the next piece of text; events for everything complete in it are delivered at once. */
  write(text: string): void {
    if (this.input.push(text, false)) {
      this.read();
    } else {
      this.checkHeld();
    }
  }

  /** The input has ended: the final checks (an unclosed element, no root, unfinished markup). */
  close(): void {
    this.final = true;
    this.input.push('', true);
    this.read();
    const { pos, end, text } = this.input;
    if (pos < end && text.indexOf('<', pos) !== -1) {
      this.fail(pos, 'the body ends inside a tag (truncated?)');
    }
    const open = this.stack[this.stack.length - 1];
    if (open !== undefined) {
      this.fail(end, `the body ends inside <${open}> (truncated?)`);
    }
    if (!this.rootSeen) {
      this.fail(0, 'no root element');
    }
  }

  private read(): void {
    const { input } = this;
    this.checks.reset();
    try {
      if (this.prolog) {
        const after = scanXmlDeclaration(input.text, input.end, this.final, this.fail);
        this.prolog = after === WAIT;
        input.pos = Math.max(after, 0);
      }
      if (!this.prolog) {
        this.advance();
      }
      this.checkPending();
    } catch (error) {
      throw this.located(error);
    }
    if (input.forbidden !== -1) {
      const code = input.text.charCodeAt(input.forbidden);
      this.fail(input.forbidden, `character U+${code.toString(16).padStart(4, '0')} is not allowed`);
    }
  }

  /** Reads every complete piece of markup and text; stops where the input is not all there yet. */
  private advance(): void {
    const { input } = this;
    const { text, end } = input;
    let i = input.pos;
    while (i < end) {
      const lt = text.indexOf('<', i);
      if (lt === -1 || lt >= end) {
        break;
      }
      if (lt > i) {
        this.checkText(i, lt);
      }
      const next = lt + 1 < end ? this.markup(text, lt, i) : WAIT;
      if (next === WAIT) {
        if (this.final) {
          this.fail(lt, 'the body ends inside a tag (truncated?)');
        }
        break;
      }
      i = next;
    }
    input.pos = i;
  }

  /** The markup at `lt`, after the text from `from`: the index just past it, or WAIT. */
  private markup(text: string, lt: number, from: number): number {
    this.at = lt;
    switch (text.charCodeAt(lt + 1)) {
      case 47 /* / */:
        return this.endTag(text, lt, from);
      case 33 /* ! */:
        return this.section(text, lt, from);
      case 63 /* ? */:
        {
          const next = scanInstruction(text, lt, this.input.end, this.fail);
          if (next !== WAIT) {
            this.sizes.text(next - lt);
            this.text(from, lt, false);
          }
          return next;
        }
      default:
        return this.startTag(text, lt, from);
    }
  }

  private startTag(text: string, lt: number, from: number): number {
    const { end } = this.input;
    let j = lt + 1;
    // The common case, without a regex: an ASCII name, then `>` or `/>`.
    if (isAsciiNameStart(text.charCodeAt(j))) {
      for (j++; j < end && isAsciiNameChar(text.charCodeAt(j)); j++) {}
      const code = text.charCodeAt(j);
      const empty = code === 47 /* / */ && text.charCodeAt(j + 1) === 62;
      if (code === 62 /* > */ || empty) {
        this.text(from, lt, false);
        this.open(lt, this.names.name(text, lt + 1, j), undefined, empty);
        return empty ? j + 2 : j + 1;
      }
    }
    const gt = tagEnd(text, lt + 1, end);
    if (gt === -1) {
      return WAIT;
    }
    this.sizes.text(gt + 1 - lt);
    if (this.stack.length === 0 && this.rootSeen) {
      this.fail(lt, 'a second root element');
    }
    const tag = readStartTag(text, lt, gt, this);
    this.text(from, lt, false);
    this.open(lt, tag.name, tag.attributes, tag.empty);
    return gt + 1;
  }

  private open(lt: number, name: string, attributes: Record<string, string> | undefined, empty: boolean) {
    const depth = this.stack.length;
    if (depth === 0) {
      if (this.rootSeen) {
        this.fail(lt, 'a second root element');
      }
      this.rootSeen = true;
    }
    if (depth + 1 > this.maxDepth) {
      this.fail(lt, `elements nested deeper than ${this.maxDepth}`);
    }
    this.sizes.open(depth, this.input.base + lt);
    const element = this.scope.enter(name, attributes);
    this.sink.startElement(element.name, element.attributes);
    if (empty) {
      this.closeElement(depth + 1, lt);
    } else {
      this.stack.push(name);
    }
  }

  private endTag(text: string, lt: number, from: number): number {
    const { stack } = this;
    const open = stack[stack.length - 1];
    if (open !== undefined) {
      const gt = lt + 2 + open.length;
      if (gt < this.input.end && text.charCodeAt(gt) === 62 && text.startsWith(open, lt + 2)) {
        this.text(from, lt, false);
        stack.pop();
        this.closeElement(stack.length + 1, gt + 1);
        return gt + 1;
      }
    }
    const gt = text.indexOf('>', lt + 2);
    if (gt === -1 || gt >= this.input.end) {
      return WAIT;
    }
    END_TAG.lastIndex = lt + 2;
    const match = END_TAG.exec(text);
    if (match === null || END_TAG.lastIndex !== gt + 1) {
      this.fail(lt, 'malformed end tag');
    }
    if (open !== match[1]) {
      this.fail(lt, open === undefined ? `</${match[1]}> closes nothing` : `</${match[1]}> closes <${open}>`);
    }
    this.text(from, lt, false);
    stack.pop();
    this.closeElement(stack.length + 1, gt + 1);
    return gt + 1;
  }

  /** The element at `depth` (1: the root) closes; `after` is the index just past its end. */
  private closeElement(depth: number, after: number): void {
    if (depth === 2) {
      this.sizes.closeChild(this.input.base + after);
    }
    this.sink.endElement();
    this.scope.leave();
  }

  /** `<!`: a comment (dropped; the text around it is one run), a CDATA section, or refused. */
  private section(text: string, lt: number, from: number): number {
    const { end } = this.input;
    const section = scanSection(text, lt, end, this.stack.length > 0, this.fail);
    if (section === undefined) {
      const opened = text.startsWith('<!--', lt) || text.startsWith('<![CDATA[', lt);
      return opened ? WAIT : refuseDeclaration(text, lt, end, this.final, this.fail);
    }
    this.sizes.text(section.close + 3 - lt);
    if (section.kind === 'comment') {
      this.text(from, lt, true);
    } else {
      this.text(from, lt, false);
      this.sink.text(text.slice(lt + 9, section.close));
    }
    return section.close + 3;
  }

  /** Checks the text between two pieces of markup (no event yet: the markup may be incomplete). */
  private checkText(start: number, end: number): void {
    if (this.stack.length === 0) {
      this.checks.outsideRoot(start, end, this.rootSeen);
    } else {
      this.run.check(start, end);
    }
  }

  /** The text before the markup at `end` (checked): a comment (`keepRun`) does not end its run. */
  private text(start: number, end: number, keepRun: boolean): void {
    if (this.stack.length === 0) {
      return;
    }
    if (keepRun) {
      this.run.continue(start, end);
    } else {
      this.run.end(start, end, this.sink);
    }
  }

  /** Checks what is held unfinished once the input read so far has been read. */
  private checkPending(): void {
    const { input } = this;
    const { text, pos, end } = input;
    const lt = text.indexOf('<', pos);
    this.pendingText = lt === -1 || lt >= end;
    this.pendingFrom = this.pendingText ? pos : lt;
    if (this.pendingText && pos < end) {
      if (this.stack.length === 0) {
        // Whitespace outside the root, checked: nothing of it is kept.
        this.checks.outsideRoot(pos, end, this.rootSeen);
        input.pos = this.pendingFrom = end;
      } else {
        input.pos = this.pendingFrom = this.run.unfinished(pos, end);
      }
    }
    this.checkHeld();
  }

  /** What is held unfinished, queued input included, stays within the size limits. */
  private checkHeld(): void {
    const { input } = this;
    const held = input.heldFrom(this.pendingFrom);
    this.sizes.text(held + (this.pendingText ? this.run.held : 0));
    this.sizes.reached(input.received);
  }

  /** Errors of the sink or the namespace scope get the position of the markup being read. */
  private located(error: unknown): unknown {
    if (error instanceof DavParseError && error.position === undefined) {
      return new DavParseError(error.message, { ...this.input.where(this.at), cause: error });
    }
    return error;
  }
}
