/**
 * An XML name in Clark notation: `{namespace-uri}local-name`, e.g. `'{DAV:}getetag'`.
 * An element in no namespace is named by its bare local name (`'x'`).
 *
 * Clark names are what davkit uses everywhere a property or condition is named, because WebDAV
 * prefixes are arbitrary (`D:`, `d:`, `lp1:`, a default `xmlns`) and only the URI identifies a name.
 *
 * @see https://www.rfc-editor.org/rfc/rfc4918#section-4.3
 *
 * @group Multi-Status decoding
 */
export type ClarkName = string;

/**
 * The WebDAV namespace URI. @see https://www.rfc-editor.org/rfc/rfc4918#section-21
 *
 * @group Multi-Status decoding
 */
export const DAV_NS = 'DAV:';

/**
 * Builds a Clark name from a namespace URI and a local name.
 *
 * @example
 * ```ts
 * clark('DAV:', 'getetag'); // '{DAV:}getetag'
 * clark('', 'x');           // 'x'
 * ```
 *
 * @group Multi-Status decoding
 */
export function clark(namespace: string, local: string): ClarkName {
  return namespace === '' ? local : `{${namespace}}${local}`;
}

/** A Clark name split into its namespace URI (`''` for none) and local name. */
export interface QualifiedName {
  readonly namespace: string;
  readonly local: string;
}

/**
 * `{DAV:}<local>`: a name in the DAV: namespace.
 *
 * @example
 * ```ts
 * davName('getetag'); // '{DAV:}getetag'
 * ```
 *
 * @group Multi-Status decoding
 */
export function davName(local: string): ClarkName {
  return `{DAV:}${local}`;
}
