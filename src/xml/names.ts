import { DavUsageError } from '../errors/transport-errors.ts';
import type { ClarkName, QualifiedName } from '../model/names.ts';

/** The namespace URI bound to the reserved `xml` prefix. */
export const XML_NS = 'http://www.w3.org/XML/1998/namespace';

/** The namespace URI bound to the reserved `xmlns` prefix. */
export const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';

/**
 * Splits a Clark name into namespace and local name. A caller's name that is not one is refused with
 * `DavUsageError` before anything is sent.
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
