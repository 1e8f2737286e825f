import { PREDEFINED_ENTITIES } from '../xml/entities.ts';

/**
 * How a credential can be spelled by a server that echoes it: as sent, XML-escaped, percent-encoded
 * (upper- or lower-case hex, as Apache writes hrefs), JSON-escaped; and what a header value hides
 * (the credentials after its scheme, the `user:password` pair inside Basic, each cookie's value).
 */

// Shorter values would mangle ordinary text if replaced; real tokens and Basic credentials are longer.
const MIN_SECRET_LENGTH = 4;

/** Character → its escape (`&` → `&amp;`), from XML's predefined entities. */
const XML_ESCAPES: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(PREDEFINED_ENTITIES).map(([name, char]) => [char, `&${name};`]),
);

function lowerHex(encoded: string): string {
  return encoded.replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase());
}

/** The percent-encoded form, or the text itself when it cannot be encoded (a lone surrogate). */
function encoded(encode: (text: string) => string, text: string): string {
  try {
    return encode(text);
  } catch {
    return text;
  }
}

/** A Basic credential's `user:password`, or `undefined` when it is not valid base64 of UTF-8. */
function decodeBasic(credentials: string): string | undefined {
  try {
    const binary = atob(credentials);
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** `user:password` as it would appear as URL userinfo (each part percent-encoded). */
function userinfoForm(pair: string): string {
  const colon = pair.indexOf(':');
  return colon === -1
    ? encoded(encodeURIComponent, pair)
    : `${encoded(encodeURIComponent, pair.slice(0, colon))}:${encoded(encodeURIComponent, pair.slice(colon + 1))}`;
}

/**
 * The secrets one header value carries: the whole value; for `Authorization`-style values the
 * credentials after the scheme and, for Basic, the decoded `user:password`; for `Cookie`, each cookie
 * and its value.
 *
 * @example
 * ```ts
 * secretsOfHeader('authorization', 'Basic dTpwYXNz'); // ['Basic dTpwYXNz', 'dTpwYXNz', 'u:pass', 'u:pass']
 * ```
 */
export function secretsOfHeader(name: string, value: string): string[] {
  const secrets = [value];
  if (name === 'cookie') {
    for (const cookie of value.split(';')) {
      const pair = cookie.trim();
      secrets.push(pair, pair.slice(pair.indexOf('=') + 1));
    }
    return secrets;
  }
  const scheme = /^(\S+)\s+(.+)$/s.exec(value.trim());
  if (scheme !== null) {
    const credentials = (scheme[2] as string).trim();
    secrets.push(credentials);
    if ((scheme[1] as string).toLowerCase() === 'basic') {
      const pair = decodeBasic(credentials);
      if (pair !== undefined) {
        secrets.push(pair, userinfoForm(pair));
      }
    }
  }
  return secrets;
}

/**
 * Every spelling of a secret an echoing server might produce, long enough to be replaced safely.
 *
 * @example
 * ```ts
 * spellings('p@ss&word'); // ['p@ss&word', 'p@ss&amp;word', 'p%40ss%26word', 'p@ss%26word', …]
 * ```
 */
export function spellings(secret: string): string[] {
  if (secret.length < MIN_SECRET_LENGTH) {
    return [];
  }
  const component = encoded(encodeURIComponent, secret);
  const uri = encoded(encodeURI, secret);
  const forms = [
    secret,
    secret.replace(/[&<>"']/g, (c) => XML_ESCAPES[c] as string),
    component,
    lowerHex(component),
    uri,
    lowerHex(uri),
    JSON.stringify(secret).slice(1, -1),
  ];
  return [...new Set(forms)];
}
