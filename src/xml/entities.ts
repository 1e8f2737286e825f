/**
 * Entity references in XML text. davkit accepts only what XML itself defines: the five predefined
 * entities and numeric character references. Bodies with a DOCTYPE are refused before this point,
 * so there are no declared entities to expand, and no expansion attack can happen.
 *
 * @see https://www.w3.org/TR/xml/#sec-references
 */

/**
 * XML's five predefined entities, by name.
 *
 * @example
 * ```ts
 * PREDEFINED_ENTITIES.amp; // '&'
 * ```
 */
export const PREDEFINED_ENTITIES: Readonly<Record<string, string>> = {
  lt: '<',
  gt: '>',
  amp: '&',
  quot: '"',
  apos: "'",
};

/** Matches one reference; `null` text means "not a valid reference". */
// Leading zeros are allowed (`&#x0000041;`); 64 digits is where both decoders stop reading.
const REFERENCE = /&(?:#x([0-9a-fA-F]{1,64})|#([0-9]{1,64})|([A-Za-z_][\w.-]*));/g;

/** Whether a code point may appear in an XML 1.0 document. */
export function isXmlChar(code: number): boolean {
  return (
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff)
  );
}

/** The character a reference stands for, or `undefined` when it is not a valid XML reference. */
function resolveReference(hex: string | undefined, dec: string | undefined, name: string | undefined) {
  if (name !== undefined) {
    return PREDEFINED_ENTITIES[name];
  }
  const code = hex !== undefined ? Number.parseInt(hex, 16) : Number.parseInt(dec ?? '', 10);
  return isXmlChar(code) ? String.fromCodePoint(code) : undefined;
}

/**
 * Length of the valid reference starting at `offset` (which holds `&`), or 0 when there is none.
 * Used by the well-formedness check, so that decoding later cannot fail.
 */
export function referenceLengthAt(text: string, offset: number): number {
  REFERENCE.lastIndex = offset;
  const match = REFERENCE.exec(text);
  if (match === null || match.index !== offset) {
    return 0;
  }
  return resolveReference(match[1], match[2], match[3]) === undefined ? 0 : match[0].length;
}

/**
 * Replaces entity and character references in text that passed the well-formedness check.
 * Text without `&` is returned as is, so the common case costs one `indexOf`.
 *
 * @example
 * ```ts
 * decodeEntities('Gr&#252;n &amp; Blau'); // 'Grün & Blau'
 * ```
 */
export function decodeEntities(text: string): string {
  if (text.indexOf('&') === -1) {
    return text;
  }
  return text.replace(
    REFERENCE,
    (whole, hex: string | undefined, dec: string | undefined, name: string | undefined) =>
      resolveReference(hex, dec, name) ?? whole,
  );
}
