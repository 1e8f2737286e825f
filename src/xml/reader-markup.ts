import {
  DECLARATION,
  DECLARATION_HEAD,
  DECLARATION_WINDOW,
  declarationProblem,
  declarationUndecided,
  isXmlSpace,
  opensDeclaration,
  START_NAME,
} from './syntax.ts';

/** Returned where a piece of markup is not all there yet. */
export const WAIT = -1;

/** Reports a problem at an index of the text; never returns. */
export type Fail = (at: number, message: string) => never;

/**
 * The XML declaration at the start of `text`: the index just past it (0 when there is none), or
 * {@link WAIT} while the first characters cannot tell yet.
 */
export function scanXmlDeclaration(text: string, end: number, final: boolean, fail: Fail): number {
  if (!final && end < 6 && '<?xml'.startsWith(text.slice(0, end))) {
    return WAIT;
  }
  if (!opensDeclaration(text, 0)) {
    return 0;
  }
  const close = text.indexOf('?>');
  if (!final && (close === -1 || close + 2 > end) && end < DECLARATION_WINDOW) {
    return WAIT;
  }
  const declaration = DECLARATION.exec(text.slice(0, DECLARATION_WINDOW));
  return declaration === null ? fail(0, 'malformed XML declaration') : declaration[0].length;
}

/** A comment or a CDATA section: where its content ends (its closing delimiter). */
export interface Section {
  readonly kind: 'comment' | 'cdata';
  readonly close: number;
}

/**
 * What `<!` at `lt` opens: a complete comment or CDATA section, `undefined` while it is not all
 * there, or a failure: an unclosed one at the end of the input, `--` inside a comment, CDATA outside
 * the root, and anything else (a DOCTYPE, an HTML page), refused as soon as the first characters say
 * so. `inRoot` tells whether an element is open.
 */
export function scanSection(
  text: string,
  lt: number,
  end: number,
  inRoot: boolean,
  fail: Fail,
): Section | undefined {
  if (text.startsWith('<!--', lt)) {
    const close = text.indexOf('-->', lt + 4);
    if (close === -1 || close + 3 > end) {
      return undefined;
    }
    const dashes = text.indexOf('--', lt + 4);
    return dashes < close ? fail(dashes, '"--" inside a comment') : { kind: 'comment', close };
  }
  if (text.startsWith('<![CDATA[', lt)) {
    if (!inRoot) {
      fail(lt, 'CDATA outside the root element');
    }
    const close = text.indexOf(']]>', lt + 9);
    return close === -1 || close + 3 > end ? undefined : { kind: 'cdata', close };
  }
  return undefined;
}

/**
 * A `<!` that is neither a comment nor a CDATA section (see {@link scanSection}): {@link WAIT} while
 * its first characters cannot tell yet what it is, then a failure that says (a DOCTYPE, an HTML page,
 * an unknown declaration), as the whole-text checker words it.
 */
export function refuseDeclaration(text: string, lt: number, end: number, final: boolean, fail: Fail): number {
  const head = text.slice(lt, Math.min(end, lt + DECLARATION_HEAD));
  const opening = '<![CDATA['.startsWith(head) || '<!--'.startsWith(head);
  if (!final && head.length < DECLARATION_HEAD && (opening || declarationUndecided(head))) {
    return WAIT;
  }
  return fail(lt, declarationProblem(head));
}

/**
 * `<?target …?>` at `lt`: the index just past it, or {@link WAIT}. The target must be a name other
 * than `xml` in any case (the declaration is only allowed at the very start), followed by
 * whitespace or `?>`.
 */
export function scanInstruction(text: string, lt: number, end: number, fail: Fail): number {
  START_NAME.lastIndex = lt + 2;
  const target = START_NAME.exec(text)?.[0] ?? '';
  const after = lt + 2 + target.length;
  if (after >= end || (text.charCodeAt(after) === 63 && after + 1 >= end)) {
    return WAIT;
  }
  if (target === '' || target.toLowerCase() === 'xml') {
    fail(lt, 'malformed processing instruction');
  }
  if (!text.startsWith('?>', after) && !isXmlSpace(text.charCodeAt(after))) {
    fail(after, 'malformed processing instruction');
  }
  const close = text.indexOf('?>', after);
  return close === -1 || close + 2 > end ? WAIT : close + 2;
}
