import { DavUsageError } from '../errors/transport-errors.ts';
import { DAV_NS } from '../model/names.ts';
import type { XmlElement } from '../model/xml-element.ts';
import { escapeAttribute, escapeText } from './escape.ts';
import { parseClark, XML_NS, XMLNS_NS } from './names.ts';
import { invalidXmlChar, isNcName } from './xml-chars.ts';

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
      checkText(namespace, () => `the namespace URI ${JSON.stringify(namespace)}`);
      if (namespace === XMLNS_NS) {
        throw new DavUsageError(`the namespace ${XMLNS_NS} is reserved for namespace declarations`);
      }
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

/** Refuses text XML 1.0 cannot carry, before anything is sent (see `invalidXmlChar`). */
function checkText(text: unknown, where: () => string): void {
  if (typeof text !== 'string') {
    throw new DavUsageError(`${where()} must be a string, got ${typeof text}`);
  }
  const invalid = invalidXmlChar(text);
  if (invalid !== undefined) {
    throw new DavUsageError(
      `${where()} contains ${invalid}, which XML 1.0 cannot carry: the request was not sent`,
    );
  }
}

function qualified(name: string, table: PrefixTable): string {
  const { namespace, local } = parseClark(name);
  if (!isNcName(local)) {
    const shown = invalidXmlChar(local) === undefined ? JSON.stringify(name) : 'a name';
    throw new DavUsageError(`${shown} cannot be written as XML: its local name is not an XML name`);
  }
  return namespace === '' ? local : `${table.prefixFor(namespace)}:${local}`;
}

function serializeAttribute(name: string, value: string, element: string, table: PrefixTable): string {
  if (name === 'xmlns') {
    throw new DavUsageError(
      `<${element}>: an attribute cannot be named xmlns (namespaces come from Clark names)`,
    );
  }
  checkText(value, () => `attribute ${name} of <${element}>`);
  return ` ${qualified(name, table)}="${escapeAttribute(value)}"`;
}

function serializeElement(element: XmlElement, table: PrefixTable): string {
  const tag = qualified(element.name, table);
  const attributes = Object.entries(element.attributes ?? {})
    .map(([name, value]) => serializeAttribute(name, value, element.name, table))
    .join('');
  checkText(element.text ?? '', () => `the text of <${element.name}>`);
  const content =
    escapeText(element.text ?? '') +
    (element.children ?? []).map((child) => serializeElement(child, table)).join('');
  return content === '' ? `<${tag}${attributes}/>` : `<${tag}${attributes}>${content}</${tag}>`;
}

/**
 * Serialises an element tree to an XML document. Every namespace is declared once on the root, with
 * `D:` for DAV: and generated prefixes for the rest; names in no namespace stay unprefixed (no
 * default namespace is ever declared, so they really are in none). Text, attribute values, names and
 * namespace URIs XML 1.0 cannot carry throw `DavUsageError`: the body is well-formed or not built.
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

/**
 * Shorthand for building element trees. @example `el('{DAV:}prop', [el('{DAV:}getetag')])`
 *
 * @group Client
 */
export function el(
  name: string,
  children: readonly XmlElement[] = [],
  text = '',
  attributes = {},
): XmlElement {
  return { name, attributes, children, text };
}
