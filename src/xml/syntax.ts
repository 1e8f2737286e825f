/**
 * The pieces of XML 1.0's grammar both well-formedness checkers use: the whole-text one that guards
 * fast-xml-parser (`well-formed.ts`) and the incremental reader (`reader.ts`). One definition, so the
 * two decoders accept exactly the same documents.
 *
 * Sticky (`y`) regexes let a scanner test at an offset without slicing; each use sets `lastIndex`.
 *
 * @see https://www.w3.org/TR/xml/
 */

// XML 1.0 names (§2.3), BMP ranges; characters beyond the BMP pass as surrogate pairs in NameChar.
const NAME_START =
  ':A-Z_a-z\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF\\u0370-\\u037D\\u037F-\\u1FFF\\u200C-\\u200D\\u2070-\\u218F\\u2C00-\\u2FEF\\u3001-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFFD';
const NAME = `[${NAME_START}\\uD800-\\uDBFF][${NAME_START}\\-.0-9\\u00B7\\u0300-\\u036F\\u203F-\\u2040\\uD800-\\uDFFF]*`;

/** A name at `lastIndex`. */
export const START_NAME: RegExp = new RegExp(NAME, 'y');
/** One attribute, with the whitespace before it: name, then the value in double or single quotes. */
export const ATTRIBUTE: RegExp = new RegExp(
  `[ \\t\\r\\n]+(${NAME})[ \\t\\r\\n]*=[ \\t\\r\\n]*(?:"([^"<]*)"|'([^'<]*)')`,
  'y',
);
/** The end of a start tag: `>` or `/>` (group 1 is `/` for an empty element). */
export const TAG_END: RegExp = /[ \t\r\n]*(\/?)>/y;
/** An end tag after its `</`: the name, then `>`. */
export const END_TAG: RegExp = new RegExp(`(${NAME})[ \\t\\r\\n]*>`, 'y');
/** XML whitespace at `lastIndex`. */
export const WHITESPACE: RegExp = /[ \t\r\n]*/y;
// Characters XML 1.0 forbids: C0 controls other than tab, newline and carriage return, and U+FFFE/FFFF.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
export const INVALID_CHAR: RegExp = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;
/** A surrogate without its other half: only a string handed over directly can hold one. */
export const LONE_SURROGATE: RegExp =
  /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** The XML declaration (§2.8): version 1.x, then optional encoding and standalone, in that order. */
export const DECLARATION: RegExp =
  /^<\?xml[ \t\r\n]+version[ \t\r\n]*=[ \t\r\n]*(["'])1\.[0-9]+\1(?:[ \t\r\n]+encoding[ \t\r\n]*=[ \t\r\n]*(["'])[A-Za-z][A-Za-z0-9._-]*\2)?(?:[ \t\r\n]+standalone[ \t\r\n]*=[ \t\r\n]*(["'])(?:yes|no)\3)?[ \t\r\n]*\?>/;
/** How far into a body its XML declaration may reach. */
export const DECLARATION_WINDOW = 512;

/** Whether the text at `at` opens an XML declaration (`<?xml` then whitespace or `?`). */
export function opensDeclaration(text: string, at: number): boolean {
  return text.startsWith('<?xml', at) && /[ \t\r\n?]/.test(text.charAt(at + 5));
}

const HTML_DOCTYPE = /^<!DOCTYPE[ \t\r\n]+html\b/i;

/**
 * Why a `<!` that opens neither a comment nor a CDATA section is refused: an HTML page (a login or
 * error page served where XML was expected), a DOCTYPE (never needed by WebDAV; refusing it rules out
 * entity expansion and XXE), or anything else. `head` is the text from `<!`, up to 20 characters.
 */
export function declarationProblem(head: string): string {
  if (HTML_DOCTYPE.test(head)) {
    return 'an HTML page where a WebDAV XML body was expected';
  }
  return head.startsWith('<!DOCTYPE')
    ? 'a DOCTYPE is not allowed in a WebDAV body'
    : 'unknown markup declaration';
}

/** How many characters from `<!` {@link declarationProblem} looks at. */
export const DECLARATION_HEAD = 20;

// Every text from which more input could still complete `<!DOCTYPE html`, in any case.
const HTML_DOCTYPE_PREFIX =
  /^<(?:!(?:D(?:O(?:C(?:T(?:Y(?:P(?:E(?:[ \t\r\n]+(?:h(?:t(?:m(?:l)?)?)?)?)?)?)?)?)?)?)?)?)?$/i;

/**
 * Whether a `<!` whose first characters are `head` (fewer than {@link DECLARATION_HEAD}) must wait for
 * more input before {@link declarationProblem} can decide, as it would on the whole text.
 */
export function declarationUndecided(head: string): boolean {
  if (HTML_DOCTYPE_PREFIX.test(head)) {
    return true;
  }
  // `<!DOCTYPE html` at the end of the head: whether a name character follows decides `\b`.
  return HTML_DOCTYPE.test(head) && /html$/i.test(head);
}

/** Whether `code` is XML whitespace (space, tab, line feed, carriage return). */
export function isXmlSpace(code: number): boolean {
  return code === 32 || code === 10 || code === 9 || code === 13;
}

/** Whether `text` from `start` to `end` is XML whitespace only. */
export function isSpaceOnly(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    if (!isXmlSpace(text.charCodeAt(i))) {
      return false;
    }
  }
  return true;
}
