import { hrefToPath } from '../utils/href.ts';
import { davName } from '../xml/names.ts';
import type { XmlElement } from '../xml/xml-element.ts';
import type { DavCondition } from './types.ts';

const HREF = davName('href');

/**
 * Reads a `DAV:error` element into its conditions: every child is one, DAV: or foreign.
 * Hrefs are kept as sent and resolved to paths (SabreDAV sends them relative to its DAV root).
 *
 * @see https://www.rfc-editor.org/rfc/rfc4918#section-16
 */
export function decodeConditions(error: XmlElement, base: string | URL | undefined): DavCondition[] {
  return error.children.map((child) => decodeCondition(child, base));
}

function decodeCondition(element: XmlElement, base: string | URL | undefined): DavCondition {
  const hrefs = element.children.filter((child) => child.name === HREF).map((href) => href.text.trim());
  if (hrefs.length > 0) {
    return { name: element.name, hrefs, paths: hrefs.map((href) => hrefToPath(href, base)) };
  }
  const text = element.text.trim();
  return text === '' ? { name: element.name } : { name: element.name, text };
}
