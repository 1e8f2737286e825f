/**
 * What XML 1.0 lets a document contain, for the request bodies davkit writes. Characters outside
 * `Char` (C0 controls other than tab, LF and CR; U+FFFE, U+FFFF; lone surrogates) cannot be written at
 * all, not even as character references: a server refuses the body (400), or `TextEncoder` silently
 * turns a lone surrogate into U+FFFD and the server stores something else than what was asked.
 *
 * @see https://www.w3.org/TR/xml/#charsets
 * @see https://www.w3.org/TR/xml/#NT-Name
 * @see https://www.w3.org/TR/xml-names/#NT-NCName
 */

// Char ::= #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]. With the `u` flag,
// a lone surrogate is one code point in D800–DFFF, outside every allowed range.
const NOT_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

const NAME_START =
  'A-Z_a-z\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF\\u0370-\\u037D\\u037F-\\u1FFF\\u200C-\\u200D' +
  '\\u2070-\\u218F\\u2C00-\\u2FEF\\u3001-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFFD\\u{10000}-\\u{EFFFF}';
const NAME_CHAR = `${NAME_START}\\-.0-9\\u00B7\\u0300-\\u036F\\u203F-\\u2040`;

// NCName: an XML Name without colons (XML Namespaces 1.0 §3).
const NCNAME = new RegExp(`^[${NAME_START}][${NAME_CHAR}]*$`, 'u');

/**
 * The first character XML 1.0 cannot carry, described (`U+0001`, `a lone surrogate U+D800`), or
 * `undefined` when the text is fine.
 *
 * @example
 * ```ts
 * invalidXmlChar('a\u0001b'); // 'U+0001'
 * invalidXmlChar('tab\tok');  // undefined
 * ```
 */
export function invalidXmlChar(text: string): string | undefined {
  const match = NOT_CHAR.exec(text);
  if (match === null) {
    return undefined;
  }
  const code = (match[0].codePointAt(0) as number).toString(16).toUpperCase().padStart(4, '0');
  return code >= 'D800' && code <= 'DFFF' && code.length === 4 ? `a lone surrogate U+${code}` : `U+${code}`;
}

/**
 * Whether a local name is an XML NCName (a name without a colon).
 *
 * @example
 * ```ts
 * isNcName('getetag'); // true
 * isNcName('1st');     // false
 * ```
 */
export function isNcName(name: string): boolean {
  return NCNAME.test(name);
}
