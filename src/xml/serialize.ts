import { DavUsageError } from '../errors/transport-errors.ts';
import { escapeAttribute, escapeText } from './escape.ts';
import { DAV_NS, parseClark, XML_NS } from './names.ts';
import type { XmlElement } from './xml-element.ts';

/** Prefixes chosen for namespaces while serialising: `D` for DAV:, `ns0`, `ns1`… for the rest. */
class PrefixTable {
  private readonly prefixes = new Map<string, string>([
    [DAV_NS, 'D'],
    [XML_NS, 'xml'],
  ]);
  private readonly used = new Set<string>();

  prefixFor(namespace: string): string {
    let prefix = this.prefixes.get(namespace);
    if (prefix === undefined) {
      prefix = `ns${this.prefixes.size - 2}`;
      this.prefixes.set(namespace, prefix);
    }
    if (namespace !== XML_NS) {
      this.used.add(namespace);
    }
    return prefix;
  }

  /** `xmlns:p="uri"` for every namespace used, for the root element. */
  declarations(): string {
    return [...this.used].map((uri) => ` xmlns:${this.prefixes.get(uri)}="${escapeAttribute(uri)}"`).join('');
  }
}

// An XML name without a colon (NCName); a little laxer than XML's tables above U+00B7.
const NCNAME = /^[A-Za-z_\u00C0-\uFFFF][\w.\-\u00B7-\uFFFF]*$/;

function qualified(name: string, table: PrefixTable): string {
  const { namespace, local } = parseClark(name);
  if (!NCNAME.test(local)) {
    throw new DavUsageError(
      `${JSON.stringify(name)} cannot be written as XML: "${local}" is not an XML name`,
    );
  }
  return namespace === '' ? local : `${table.prefixFor(namespace)}:${local}`;
}

function serializeElement(element: XmlElement, table: PrefixTable): string {
  const tag = qualified(element.name, table);
  const attributes = Object.entries(element.attributes)
    .map(([name, value]) => ` ${qualified(name, table)}="${escapeAttribute(value)}"`)
    .join('');
  const content =
    escapeText(element.text) + element.children.map((child) => serializeElement(child, table)).join('');
  return content === '' ? `<${tag}${attributes}/>` : `<${tag}${attributes}>${content}</${tag}>`;
}

/**
 * Serialises an element tree to an XML document. Every namespace is declared once on the root, with
 * `D:` for DAV: and generated prefixes for the rest; names in no namespace stay unprefixed (no
 * default namespace is ever declared, so they really are in none).
 *
 * @example
 * ```ts
 * serializeXml({ name: '{DAV:}propfind', attributes: {}, text: '', children: [
 *   { name: '{DAV:}allprop', attributes: {}, text: '', children: [] },
 * ] });
 * // '<?xml version="1.0" encoding="utf-8"?>\n<D:propfind xmlns:D="DAV:"><D:allprop/></D:propfind>'
 * ```
 */
export function serializeXml(root: XmlElement): string {
  const table = new PrefixTable();
  const body = serializeElement(root, table);
  const tagEnd = body.search(/\/?>/);
  return `<?xml version="1.0" encoding="utf-8"?>\n${body.slice(0, tagEnd)}${table.declarations()}${body.slice(tagEnd)}`;
}

/** Shorthand for building element trees. @example `el('{DAV:}prop', [el('{DAV:}getetag')])` */
export function el(
  name: string,
  children: readonly XmlElement[] = [],
  text = '',
  attributes = {},
): XmlElement {
  return { name, attributes, children, text };
}
