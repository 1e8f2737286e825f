import type { ClarkName } from '../model/names.ts';
import type { XmlElement } from '../model/xml-element.ts';
import { trimXml } from '../model/xml-element.ts';
import type { XmlEventSink } from './events.ts';
import type { UnboundPrefixUse } from './unbound-prefixes.ts';

interface OpenElement {
  name: ClarkName;
  attributes: Record<ClarkName, string>;
  children: readonly XmlElement[];
  text: string;
}

// Most elements are leaves: they share one frozen empty list instead of each allocating its own
// (a 100,000-entry listing has millions of them).
const NO_CHILDREN: readonly XmlElement[] = Object.freeze([]);

/**
 * Builds {@link XmlElement} trees from element events. Used for whole small bodies (LOCK answers,
 * `DAV:error` bodies) and, by the multistatus decoder, for one `DAV:response` at a time, which is
 * what keeps the streaming decoder's memory constant.
 */
export class TreeBuilder implements XmlEventSink {
  private readonly open: OpenElement[] = [];
  private finished: XmlElement | undefined;
  readonly unboundPrefix: ((use: UnboundPrefixUse) => void) | undefined;

  /** `unboundPrefix`: where names with undeclared prefixes go when the builder parses a whole body. */
  constructor(unboundPrefix?: (use: UnboundPrefixUse) => void) {
    this.unboundPrefix = unboundPrefix;
  }

  startElement(name: ClarkName, attributes: Record<ClarkName, string>): void {
    this.open.push({ name, attributes, children: NO_CHILDREN, text: '' });
  }

  text(text: string): void {
    const current = this.open[this.open.length - 1];
    if (current !== undefined) {
      current.text += text;
    }
  }

  endElement(): void {
    const element = this.open.pop();
    if (element === undefined) {
      return;
    }
    // Indentation between child elements is not content; text that stands beside children is kept.
    if (element.children.length > 0 && trimXml(element.text) === '') {
      element.text = '';
    }
    const parent = this.open[this.open.length - 1];
    if (parent === undefined) {
      this.finished = element;
    } else if (parent.children === NO_CHILDREN) {
      parent.children = [element];
    } else {
      (parent.children as XmlElement[]).push(element);
    }
  }

  /** Whether an element is open (the builder is inside a subtree). */
  get depth(): number {
    return this.open.length;
  }

  /** The last completed top-level element, handed over once. */
  take(): XmlElement | undefined {
    const element = this.finished;
    this.finished = undefined;
    return element;
  }
}
