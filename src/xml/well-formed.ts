import { DavParseError } from '../errors/dav-parse-error.ts';
import { referenceLengthAt } from './entities.ts';
import { DEFAULT_XML_LIMITS, type XmlLimits } from './limits.ts';
import { positionAt, snippetAt } from './position.ts';
import {
  ATTRIBUTE,
  DECLARATION,
  DECLARATION_HEAD,
  DECLARATION_WINDOW,
  declarationProblem,
  END_TAG,
  INVALID_CHAR,
  LONE_SURROGATE,
  opensDeclaration,
  START_NAME,
  TAG_END,
  WHITESPACE,
} from './syntax.ts';

function fail(text: string, offset: number, message: string): never {
  throw new DavParseError(`Malformed XML: ${message}`, {
    position: positionAt(text, offset),
    snippet: snippetAt(text, offset),
  });
}

/**
 * Checks that a document is well-formed XML, in one pass that jumps between markup with `indexOf`.
 *
 * fast-xml-parser builds a tree from unbalanced or truncated input without complaint, so davkit
 * checks first: balanced and matching tags, one root, quoted and unique attributes, valid references,
 * closed comments, CDATA and processing instructions, XML characters only, bounded depth. A DOCTYPE
 * is refused outright: WebDAV never needs one, and refusing it rules out entity expansion and XXE.
 *
 * @throws {DavParseError} with the position and a snippet of the first problem found.
 * @see https://www.w3.org/TR/xml/#sec-well-formed
 */
export function checkWellFormed(text: string, limits: XmlLimits = DEFAULT_XML_LIMITS): DocumentOutline {
  const bad = INVALID_CHAR.exec(text) ?? (/[\uD800-\uDFFF]/.test(text) ? LONE_SURROGATE.exec(text) : null);
  if (bad !== null) {
    fail(text, bad.index, `character U+${bad[0].charCodeAt(0).toString(16).padStart(4, '0')} is not allowed`);
  }
  const scanner = new Scanner(text, limits);
  scanner.run();
  return scanner.outline;
}

/**
 * Where the root element and its children lie in a well-formed document, found during the check at
 * no extra cost. It lets the buffered source parse a big body child group by child group.
 */
export interface DocumentOutline {
  /** The root's name as written (`D:multistatus`). */
  rootName: string;
  /** Offset of the root's `<`, and just past its start tag's `>`. */
  rootStart: number;
  rootOpenEnd: number;
  /** Offset of the root's end tag, or -1 when the root is self-closing. */
  rootClose: number;
  /** Offsets just past the end of each child element of the root, in order. */
  readonly childEnds: number[];
  /** Processing instructions after the declaration: `[start, end)` and whether inside the root. */
  readonly instructions: { readonly start: number; readonly end: number; readonly inRoot: boolean }[];
  /**
   * Whether every `>` followed by XML whitespace and a `<` is a tag's end followed by a whitespace-only
   * run of text: true when the root holds no comment, no CDATA section and no `>` in its text. Such
   * runs are dropped by both decoders, so they may be removed before parsing.
   */
  compactable: boolean;
}

class Scanner {
  readonly outline: DocumentOutline = {
    rootName: '',
    rootStart: 0,
    rootOpenEnd: 0,
    rootClose: -1,
    childEnds: [],
    instructions: [],
    compactable: true,
  };
  private readonly stack: string[] = [];
  private rootSeen = false;
  private nextAmp: number;
  private nextCdataEnd: number;
  private readonly text: string;
  private readonly limits: XmlLimits;

  constructor(text: string, limits: XmlLimits) {
    this.text = text;
    this.limits = limits;
    this.nextAmp = text.indexOf('&');
    this.nextCdataEnd = text.indexOf(']]>');
  }

  run(): void {
    const { text } = this;
    let i = this.skipDeclaration();
    while (i < text.length) {
      const lt = text.indexOf('<', i);
      const textEnd = lt === -1 ? text.length : lt;
      if (textEnd > i) {
        this.checkText(i, textEnd);
      }
      if (lt === -1) {
        break;
      }
      i = this.markup(lt);
    }
    if (this.stack.length > 0) {
      fail(text, text.length, `the body ends inside <${this.stack[this.stack.length - 1]}> (truncated?)`);
    }
    if (!this.rootSeen) {
      fail(text, 0, 'no root element');
    }
  }

  private skipDeclaration(): number {
    const { text } = this;
    if (!opensDeclaration(text, 0)) {
      return 0;
    }
    const declaration = DECLARATION.exec(text.slice(0, DECLARATION_WINDOW));
    return declaration === null ? fail(text, 0, 'malformed XML declaration') : declaration[0].length;
  }

  private checkText(start: number, end: number): void {
    const { text } = this;
    if (this.stack.length === 0) {
      WHITESPACE.lastIndex = start;
      WHITESPACE.exec(text);
      if (WHITESPACE.lastIndex < end) {
        fail(
          text,
          WHITESPACE.lastIndex,
          this.rootSeen ? 'content after the root element' : 'text before the root element',
        );
      }
      return;
    }
    this.checkReferences(start, end);
    if (this.outline.compactable) {
      const gt = text.indexOf('>', start);
      this.outline.compactable = gt === -1 || gt >= end;
    }
    if (this.nextCdataEnd !== -1 && this.nextCdataEnd < start) {
      this.nextCdataEnd = text.indexOf(']]>', start);
    }
    if (this.nextCdataEnd !== -1 && this.nextCdataEnd < end) {
      fail(text, this.nextCdataEnd, '"]]>" is not allowed in text');
    }
  }

  private checkReferences(start: number, end: number): void {
    const { text } = this;
    if (this.nextAmp !== -1 && this.nextAmp < start) {
      this.nextAmp = text.indexOf('&', start);
    }
    while (this.nextAmp !== -1 && this.nextAmp < end) {
      const length = referenceLengthAt(text, this.nextAmp);
      if (length === 0 || this.nextAmp + length > end) {
        fail(text, this.nextAmp, 'an "&" that does not start a valid entity or character reference');
      }
      this.nextAmp = text.indexOf('&', this.nextAmp + length);
    }
  }

  private markup(lt: number): number {
    const next = this.text.charCodeAt(lt + 1);
    if (next === 47 /* / */) {
      return this.endTag(lt);
    }
    if (next === 33 /* ! */) {
      return this.bang(lt);
    }
    if (next === 63 /* ? */) {
      return this.processingInstruction(lt);
    }
    return this.startTag(lt);
  }

  private startTag(lt: number): number {
    const { text, stack } = this;
    if (stack.length === 0 && this.rootSeen) {
      fail(text, lt, 'a second root element');
    }
    START_NAME.lastIndex = lt + 1;
    const name = START_NAME.exec(text)?.[0];
    if (name === undefined) {
      fail(text, lt, 'a "<" that does not start a tag');
    }
    let i = this.attributes(lt + 1 + name.length);
    TAG_END.lastIndex = i;
    const end = TAG_END.exec(text);
    if (end === null) {
      fail(text, i, `malformed start tag <${name}>`);
    }
    i = TAG_END.lastIndex;
    this.rootSeen = true;
    if (stack.length + 1 > this.limits.maxDepth) {
      fail(text, lt, `elements nested deeper than ${this.limits.maxDepth}`);
    }
    if (stack.length === 0) {
      Object.assign(this.outline, { rootName: name, rootStart: lt, rootOpenEnd: i });
    } else if (stack.length === 1 && end[1] === '/') {
      this.outline.childEnds.push(i);
    }
    if (end[1] !== '/') {
      stack.push(name);
    }
    return i;
  }

  private attributes(from: number): number {
    const { text } = this;
    let i = from;
    // Names seen on this tag: a short array for the usual few, a Set past that, so that a hostile tag
    // with 100,000 attributes stays linear.
    let names: string[] | Set<string> | undefined;
    for (;;) {
      ATTRIBUTE.lastIndex = i;
      const match = ATTRIBUTE.exec(text);
      if (match === null) {
        return i;
      }
      const name = match[1] as string;
      names = this.rememberAttribute(names, name, i);
      const valueEnd = ATTRIBUTE.lastIndex - 1;
      const value = match[2] ?? match[3] ?? '';
      this.checkReferences(valueEnd - value.length, valueEnd);
      i = ATTRIBUTE.lastIndex;
    }
  }

  private rememberAttribute(
    names: string[] | Set<string> | undefined,
    name: string,
    at: number,
  ): string[] | Set<string> {
    const seen = names instanceof Set ? names.has(name) : (names?.includes(name) ?? false);
    if (seen) {
      fail(this.text, at, `duplicate attribute ${name}`);
    }
    if (names instanceof Set) {
      return names.add(name);
    }
    const list = names ?? [];
    list.push(name);
    return list.length > 8 ? new Set(list) : list;
  }

  private endTag(lt: number): number {
    const { text, stack } = this;
    END_TAG.lastIndex = lt + 2;
    const match = END_TAG.exec(text);
    if (match === null) {
      fail(text, lt, 'malformed end tag');
    }
    const open = stack.pop();
    if (open !== match[1]) {
      fail(
        text,
        lt,
        open === undefined ? `</${match[1]}> closes nothing` : `</${match[1]}> closes <${open}>`,
      );
    }
    if (stack.length === 1) {
      this.outline.childEnds.push(END_TAG.lastIndex);
    } else if (stack.length === 0) {
      this.outline.rootClose = lt;
    }
    return END_TAG.lastIndex;
  }

  private bang(lt: number): number {
    const { text } = this;
    if (text.startsWith('<!--', lt)) {
      const end = text.indexOf('-->', lt + 4);
      if (end === -1) {
        fail(text, lt, 'a comment is not closed');
      }
      const dashes = text.indexOf('--', lt + 4);
      if (dashes < end) {
        fail(text, dashes, '"--" inside a comment');
      }
      // A comment does not end a run of text: whitespace next to it may belong to a longer run.
      this.outline.compactable &&= this.stack.length === 0;
      return end + 3;
    }
    if (text.startsWith('<![CDATA[', lt)) {
      if (this.stack.length === 0) {
        fail(text, lt, 'CDATA outside the root element');
      }
      const end = text.indexOf(']]>', lt + 9);
      this.outline.compactable = false;
      return end === -1 ? fail(text, lt, 'a CDATA section is not closed') : end + 3;
    }
    return fail(text, lt, declarationProblem(text.slice(lt, lt + DECLARATION_HEAD)));
  }

  private processingInstruction(lt: number): number {
    const { text } = this;
    START_NAME.lastIndex = lt + 2;
    const target = START_NAME.exec(text)?.[0];
    if (target === undefined || target.toLowerCase() === 'xml') {
      fail(text, lt, 'malformed processing instruction');
    }
    const after = lt + 2 + target.length;
    if (!text.startsWith('?>', after) && !/[ \t\r\n]/.test(text.charAt(after))) {
      fail(text, after, 'malformed processing instruction');
    }
    const end = text.indexOf('?>', after);
    if (end === -1) {
      fail(text, lt, 'a processing instruction is not closed');
    }
    this.outline.instructions.push({ start: lt, end: end + 2, inRoot: this.stack.length > 0 });
    return end + 2;
  }
}
