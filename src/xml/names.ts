import { DavUsageError } from '../errors/transport-errors.ts';

/**
 * An XML name in Clark notation: `{namespace-uri}local-name`, e.g. `'{DAV:}getetag'`.
 * An element in no namespace is named by its bare local name (`'x'`).
 *
 * Clark names are what davkit uses everywhere a property or condition is named, because WebDAV
 * prefixes are arbitrary (`D:`, `d:`, `lp1:`, a default `xmlns`) and only the URI identifies a name.
 *
 * @see https://www.rfc-editor.org/rfc/rfc4918#section-4.3
 */
export type ClarkName = string;

/** The WebDAV namespace URI. @see https://www.rfc-editor.org/rfc/rfc4918#section-21 */
export const DAV_NS = 'DAV:';

/** The namespace URI bound to the reserved `xml` prefix. */
export const XML_NS = 'http://www.w3.org/XML/1998/namespace';

/** The namespace URI bound to the reserved `xmlns` prefix. */
export const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';

/**
 * Builds a Clark name from a namespace URI and a local name.
 *
 * @example
 * ```ts
 * clark('DAV:', 'getetag'); // '{DAV:}getetag'
 * clark('', 'x');           // 'x'
 * ```
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
 * Splits a Clark name into namespace and local name.
 *
 * @example
 * ```ts
 * parseClark('{urn:acme}state'); // { namespace: 'urn:acme', local: 'state' }
 * parseClark('x');               // { namespace: '', local: 'x' }
 * ```
 */
export function parseClark(name: ClarkName): QualifiedName {
  if (typeof name !== 'string') {
    throw new DavUsageError(`A name must be a Clark name string, got ${typeof name}`);
  }
  if (name.charCodeAt(0) !== 123 /* { */) {
    return { namespace: '', local: name };
  }
  const end = name.lastIndexOf('}');
  if (end < 1 || end === name.length - 1) {
    throw new DavUsageError(`Not a Clark name: ${JSON.stringify(name)} (expected "{namespace}local")`);
  }
  return { namespace: name.slice(1, end), local: name.slice(end + 1) };
}

/**
 * `{DAV:}<local>`: a name in the DAV: namespace.
 *
 * @example
 * ```ts
 * davName('getetag'); // '{DAV:}getetag'
 * ```
 */
export function davName(local: string): ClarkName {
  return `{DAV:}${local}`;
}
