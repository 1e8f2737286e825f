import { decodeEntities } from './entities.ts';
import type { NameTable } from './name-table.ts';
import type { Fail } from './reader-markup.ts';
import { ATTRIBUTE, isXmlSpace, START_NAME, TAG_END } from './syntax.ts';

/**
 * Where a start tag that begins before `from` ends: the index of its `>`, found outside quoted
 * attribute values, or of a `<` outside them (the tag is malformed, and its check will say so);
 * -1 when the input (up to `end`) stops before.
 */
export function tagEnd(text: string, from: number, end: number): number {
  for (let j = from; j < end; j++) {
    const code = text.charCodeAt(j);
    if (code === 62 /* > */ || code === 60 /* < */) {
      return j;
    }
    if (code === 34 /* " */ || code === 39 /* ' */) {
      const close = text.indexOf(code === 34 ? '"' : "'", j + 1);
      if (close === -1 || close >= end) {
        return -1;
      }
      j = close;
    }
  }
  return -1;
}

/** A start tag: its name as written, its attributes (raw names, values decoded) and whether it is empty. */
export interface StartTag {
  readonly name: string;
  readonly attributes: Record<string, string> | undefined;
  readonly empty: boolean;
}

/** What reading a start tag needs besides the text. */
export interface TagContext {
  readonly names: NameTable;
  readonly fail: Fail;
  /** Checks the references of an attribute value's range. */
  readonly references: (start: number, end: number) => void;
}

/**
 * Reads the start tag from `lt` (its `<`) to `gt` (its `>`) with the grammar the whole-text checker
 * uses: a name, attributes each after whitespace with a quoted value, no duplicate, valid references.
 * Values are normalised as XML says (literal tabs and line ends read as spaces, then references
 * decoded, so `&#9;` stays a tab: §3.3.3).
 *
 * Tags whose names are ASCII are read without regexes; any other tag, and any tag that is not
 * well-formed, goes through the regexes of the whole-text checker, which say what is wrong.
 */
export function readStartTag(text: string, lt: number, gt: number, context: TagContext): StartTag {
  return readAsciiTag(text, lt, gt, context) ?? readAnyTag(text, lt, gt, context);
}

function readAnyTag(text: string, lt: number, gt: number, context: TagContext): StartTag {
  const { fail } = context;
  START_NAME.lastIndex = lt + 1;
  const name = START_NAME.exec(text)?.[0];
  if (name === undefined) {
    return fail(lt, 'a "<" that does not start a tag');
  }
  let i = lt + 1 + name.length;
  let attributes: Record<string, string> | undefined;
  for (;;) {
    ATTRIBUTE.lastIndex = i;
    const match = ATTRIBUTE.exec(text);
    if (match === null || ATTRIBUTE.lastIndex > gt) {
      break;
    }
    const valueEnd = ATTRIBUTE.lastIndex - 1;
    const value = match[2] ?? match[3] ?? '';
    attributes = addAttribute(
      attributes,
      match[1] as string,
      text,
      valueEnd - value.length,
      valueEnd,
      i,
      context,
    );
    i = ATTRIBUTE.lastIndex;
  }
  TAG_END.lastIndex = i;
  const close = TAG_END.exec(text);
  if (close === null || TAG_END.lastIndex !== gt + 1) {
    return fail(i, `malformed start tag <${name}>`);
  }
  return { name, attributes, empty: close[1] === '/' };
}

/** The same grammar for ASCII names, by hand; `undefined` for anything else (the regexes decide then). */
function readAsciiTag(text: string, lt: number, gt: number, context: TagContext): StartTag | undefined {
  let i = text.charCodeAt(gt) === 62 /* > */ ? asciiNameEnd(text, lt + 1, gt) : -1;
  if (i === -1) {
    return undefined;
  }
  const name = context.names.name(text, lt + 1, i);
  let attributes: Record<string, string> | undefined;
  for (;;) {
    const spaced = skipSpace(text, i);
    if (spaced === gt || (spaced + 1 === gt && text.charCodeAt(spaced) === 47) /* / */) {
      return { name, attributes, empty: spaced !== gt };
    }
    const nameEnd = spaced === i ? -1 : asciiNameEnd(text, spaced, gt);
    if (nameEnd === -1) {
      return undefined;
    }
    const equals = skipSpace(text, nameEnd);
    const open = text.charCodeAt(equals) === 61 /* = */ ? skipSpace(text, equals + 1) : -1;
    const quote = open === -1 ? 0 : text.charCodeAt(open);
    if (quote !== 34 && quote !== 39) {
      return undefined;
    }
    const close = text.indexOf(quote === 34 ? '"' : "'", open + 1);
    const lt2 = text.indexOf('<', open + 1);
    if (close === -1 || close >= gt || (lt2 !== -1 && lt2 < close)) {
      return undefined;
    }
    const key = context.names.name(text, spaced, nameEnd);
    attributes = addAttribute(attributes, key, text, open + 1, close, spaced, context);
    i = close + 1;
  }
}

function addAttribute(
  attributes: Record<string, string> | undefined,
  key: string,
  text: string,
  start: number,
  end: number,
  at: number,
  context: TagContext,
): Record<string, string> {
  // Keys may be any name, `__proto__` included: a prototype-less record keeps them all as data.
  const record = attributes ?? (Object.create(null) as Record<string, string>);
  if (key in record) {
    context.fail(at, `duplicate attribute ${key}`);
  }
  context.references(start, end);
  const raw = text.slice(start, end);
  const spaced = raw.indexOf('\n') === -1 && raw.indexOf('\t') === -1 ? raw : raw.replace(/[\t\n\r]/g, ' ');
  record[key] = spaced.indexOf('&') === -1 ? spaced : decodeEntities(spaced);
  return record;
}

function skipSpace(text: string, from: number): number {
  let i = from;
  while (isXmlSpace(text.charCodeAt(i))) {
    i++;
  }
  return i;
}

/** Index just past the ASCII name at `start` (before `limit`), or -1 if there is none, or it is not ASCII. */
function asciiNameEnd(text: string, start: number, limit: number): number {
  if (!isAsciiNameStart(text.charCodeAt(start))) {
    return -1;
  }
  let i = start + 1;
  while (i < limit && isAsciiNameChar(text.charCodeAt(i))) {
    i++;
  }
  return text.charCodeAt(i) >= 128 ? -1 : i;
}

/** `[A-Za-z_:]`: an ASCII character that may start an XML name. */
export function isAsciiNameStart(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || code === 95 || code === 58;
}

/** `[A-Za-z_:0-9.-]`: an ASCII character that may continue an XML name. */
export function isAsciiNameChar(code: number): boolean {
  return isAsciiNameStart(code) || (code >= 48 && code <= 57) || code === 45 || code === 46;
}
