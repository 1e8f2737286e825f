import type { DavCondition } from '../model/multistatus.ts';
import { davName } from '../model/names.ts';
import type { XmlElement } from '../model/xml-element.ts';
import { trimXml } from '../model/xml-element.ts';
import { hrefToPath } from '../utils/href.ts';

const HREF = davName('href');

/**
 * Reads a `DAV:error` element into its conditions: every child is one, DAV: or foreign.
 * Hrefs are kept as sent and resolved to paths (SabreDAV sends them relative to its DAV root, which
 * `anchor`, the request path or the paths a request touches, helps place: see `hrefToPath`).
 *
 * @see https://www.rfc-editor.org/rfc/rfc4918#section-16
 */
export function decodeConditions(
  error: XmlElement,
  base: string | URL | undefined,
  anchor?: string | readonly string[],
): DavCondition[] {
  return error.children.map((child) => decodeCondition(child, base, anchor));
}

function decodeCondition(
  element: XmlElement,
  base: string | URL | undefined,
  anchor: string | readonly string[] | undefined,
): DavCondition {
  const hrefs = element.children.filter((child) => child.name === HREF).map((href) => trimXml(href.text));
  if (hrefs.length > 0) {
    return { name: element.name, hrefs, paths: hrefs.map((href) => hrefToPath(href, base, anchor)) };
  }
  const text = trimXml(element.text);
  return text === '' ? { name: element.name } : { name: element.name, text };
}
