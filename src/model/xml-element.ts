import type { ClarkName } from './names.ts';

/**
 * A plain, serialisable XML element: what davkit gives for any property it has no typed decoder for
 * (dead properties, server extensions), and what you pass to set a structured property value.
 *
 * Names are Clark names, so the tree keeps namespaces whatever prefixes the server used.
 * `text` is the element's own character data (its direct text and CDATA, joined); `children` are its
 * child elements in document order. Comments and processing instructions are not kept.
 *
 * @example
 * ```ts
 * const value: XmlElement = {
 *   name: '{urn:acme}owner',
 *   attributes: {},
 *   children: [{ name: '{urn:acme}team', attributes: { id: '7' }, children: [], text: 'Ops' }],
 *   text: '',
 * };
 * ```
 *
 * @group Multi-Status decoding
 */
export interface XmlElement {
  readonly name: ClarkName;
  /** Attributes by Clark name (an unprefixed attribute is in no namespace: its bare name). */
  readonly attributes: Readonly<Record<ClarkName, string>>;
  readonly children: readonly XmlElement[];
  readonly text: string;
}

/** The first direct child named `name`, if any. */
export function childNamed(element: XmlElement, name: ClarkName): XmlElement | undefined {
  for (const child of element.children) {
    if (child.name === name) {
      return child;
    }
  }
  return undefined;
}

/** Every direct child named `name`, in document order. */
export function childrenNamed(element: XmlElement, name: ClarkName): XmlElement[] {
  return element.children.filter((child) => child.name === name);
}

/** The trimmed text of the first direct child named `name`, if that child exists. */
export function childText(element: XmlElement, name: ClarkName): string | undefined {
  const child = childNamed(element, name);
  return child === undefined ? undefined : trimXml(child.text);
}

/** Whether an element has neither child elements nor non-whitespace text. */
export function isEmptyElement(element: XmlElement): boolean {
  return element.children.length === 0 && trimXml(element.text) === '';
}

/**
 * Trims XML whitespace (space, tab, CR, LF) only. `String.prototype.trim` would also strip a no-break
 * space or an ideographic space, which are content in XML.
 */
export function trimXml(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && isXmlSpace(text.charCodeAt(start))) {
    start++;
  }
  while (end > start && isXmlSpace(text.charCodeAt(end - 1))) {
    end--;
  }
  return start === 0 && end === text.length ? text : text.slice(start, end);
}

function isXmlSpace(code: number): boolean {
  return code === 32 || code === 10 || code === 9 || code === 13;
}
