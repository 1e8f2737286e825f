const XML_TYPE = /^\s*(?:text|application)\/(?:[\w.+-]+\+)?xml\s*(?:;|$)/i;
// The first start tag after the prolog (declaration, comments, PIs, whitespace).
const FIRST_TAG =
  /^\uFEFF?\s*(?:<\?[\s\S]*?\?>\s*|<!--[\s\S]*?-->\s*)*<([A-Za-z_][\w.-]*:)?multistatus\b([^>]*)>/;

/**
 * Whether a body is a `DAV:multistatus`: judged by its root element, not only by its content type,
 * because servers send `text/xml`, `application/xml` and quoted charsets, and Apache sends a
 * multistatus with a top-level 424.
 *
 * @param contentType the `Content-Type` header, if any (`null`/`undefined` means unknown).
 * @example
 * ```ts
 * isMultiStatusBody('text/xml; charset="utf-8"', '<D:multistatus xmlns:D="DAV:">…'); // true
 * isMultiStatusBody('text/html', '<html>…');                                         // false
 * ```
 */
export function isMultiStatusBody(contentType: string | null | undefined, text: string): boolean {
  if (contentType && !XML_TYPE.test(contentType)) {
    return false;
  }
  const match = FIRST_TAG.exec(text.slice(0, 4096));
  if (match === null) {
    return false;
  }
  const prefix = match[1] === undefined ? '' : `:${match[1].slice(0, -1).replace(/[.-]/g, '\\$&')}`;
  const declaration = new RegExp(`\\sxmlns${prefix}\\s*=\\s*(["'])DAV:\\1`);
  return declaration.test(match[2] ?? '');
}
