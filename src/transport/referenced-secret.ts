/**
 * A secret as an XML body can spell it with references: each character literally, as a numeric
 * character reference (`&#83;`, `&#x53;`, with leading zeros) or, for the five markup characters, as
 * a predefined entity. A server that echoes a credential in XML may write any mixture; the decoders
 * would turn it back into the credential, so the redaction must find it in the raw body.
 *
 * Leading zeros are matched up to {@link MAX_ZEROS}: the match must stay bounded, since a streamed
 * body can only hold back so many bytes while waiting to see whether a match completes.
 *
 * @see https://www.w3.org/TR/xml/#sec-references
 */

import { PREDEFINED_ENTITIES } from '../xml/entities.ts';

const MAX_ZEROS = 8;

/** Character → the name of its predefined entity (`&` → `amp`). */
const ENTITY_NAMES: ReadonlyMap<string, string> = new Map(
  Object.entries(PREDEFINED_ENTITIES).map(([name, char]) => [char, name]),
);

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** `5a` → `5[aA]`: hexadecimal digits in either case. */
function anyCaseHex(hex: string): string {
  return hex.replace(/[a-f]/g, (digit) => `[${digit}${digit.toUpperCase()}]`);
}

/**
 * The source of a regular expression that finds `secret` spelled with any mixture of references.
 * `literal` gives how one character appears as itself (in a string: itself; in bytes read as latin1:
 * its UTF-8 bytes).
 */
function referencedSource(secret: string, literal: (char: string) => string): string {
  return [...secret]
    .map((char) => {
      const point = char.codePointAt(0) as number;
      const forms = [
        escapeRegExp(literal(char)),
        `&#0{0,${MAX_ZEROS}}${point};`,
        `&#[xX]0{0,${MAX_ZEROS}}${anyCaseHex(point.toString(16))};`,
      ];
      const entity = ENTITY_NAMES.get(char);
      if (entity !== undefined) {
        forms.push(`&${entity};`);
      }
      return `(?:${forms.join('|')})`;
    })
    .join('');
}

/** The longest a referenced spelling of `secret` can be, in bytes or UTF-16 units. */
export function longestReferenced(secret: string): number {
  // `&#x` + zeros + up to 6 hex digits (7 decimal) + `;` per character.
  return [...secret].length * (3 + MAX_ZEROS + 7 + 1);
}

/**
 * A pattern that finds any secret of `secrets` spelled with at least one reference, or `undefined`
 * when there are none. Plain spellings are found by the caller's literal search already.
 *
 * @example
 * ```ts
 * referencedSecrets(['S3cr3t'], (c) => c)?.test('<d>&#83;3cr3t</d>'); // true
 * ```
 */
export function referencedSecrets(
  secrets: readonly string[],
  literal: (char: string) => string,
): RegExp | undefined {
  if (secrets.length === 0) {
    return undefined;
  }
  const longestFirst = [...secrets].sort((a, b) => b.length - a.length);
  return new RegExp(longestFirst.map((secret) => referencedSource(secret, literal)).join('|'), 'g');
}
