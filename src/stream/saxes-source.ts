import { SaxesParser } from 'saxes';
import { DavParseError } from '../errors/dav-parse-error.ts';
import type { XmlEventSink } from '../xml/events.ts';
import { NamespaceScope } from '../xml/namespace-scope.ts';
import { DEFAULT_XML_LIMITS, type XmlLimits } from '../xml/well-formed.ts';

const XML_WHITESPACE_ONLY = /^[ \t\r\n]*$/;

/**
 * The streaming event source: saxes (strict, well-formedness-checking) parses text as it arrives, and
 * davkit's own {@link NamespaceScope} resolves names, exactly as for the buffered source. The text
 * rule is the buffered source's too: a run of text between two pieces of markup (comments aside),
 * decoded, is dropped when it is XML whitespace only; CDATA is kept as it is.
 */
export class SaxesEventSource {
  private readonly parser = new SaxesParser({ xmlns: false, position: true });
  private readonly scope = new NamespaceScope();
  private readonly sink: XmlEventSink;
  private depth = 0;
  private pendingText = '';
  private started = false;

  constructor(sink: XmlEventSink, limits: XmlLimits = DEFAULT_XML_LIMITS) {
    this.sink = sink;
    const parser = this.parser;
    parser.on('text', (text) => {
      this.pendingText += text;
    });
    parser.on('cdata', (cdata) => {
      this.flushText();
      sink.text(cdata);
    });
    parser.on('processinginstruction', () => this.flushText());
    parser.on('doctype', () => {
      throw new DavParseError('Malformed XML: a DOCTYPE is not allowed in a WebDAV body', this.where());
    });
    parser.on('opentag', (tag) => {
      this.flushText();
      this.depth++;
      if (this.depth > limits.maxDepth) {
        throw new DavParseError(
          `Malformed XML: elements nested deeper than ${limits.maxDepth}`,
          this.where(),
        );
      }
      const element = this.scope.enter(tag.name, tag.attributes);
      sink.startElement(element.name, element.attributes);
    });
    parser.on('closetag', () => {
      this.flushText();
      this.depth--;
      sink.endElement();
      this.scope.leave();
    });
  }

  /** Feeds the next piece of text; events for everything complete in it are delivered at once. */
  write(text: string): void {
    // A byte-order mark is not content; TextDecoder leaves one only in strings handed over directly.
    const chunk = !this.started && text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    if (chunk !== '') {
      this.started = true;
    }
    this.guard(() => this.parser.write(chunk));
  }

  /** The input has ended: final well-formedness checks (unclosed elements, no root…). */
  close(): void {
    this.guard(() => this.parser.close());
  }

  private flushText(): void {
    const text = this.pendingText;
    this.pendingText = '';
    if (text !== '' && this.depth > 0 && !XML_WHITESPACE_ONLY.test(text)) {
      this.sink.text(text);
    }
  }

  private where() {
    return {
      position: { offset: this.parser.position, line: this.parser.line, column: this.parser.column + 1 },
    };
  }

  /** Runs parser work, turning saxes' own errors into DavParseError with a position. */
  private guard(work: () => void): void {
    try {
      work();
    } catch (error) {
      if (error instanceof DavParseError) {
        throw error;
      }
      const message = error instanceof Error ? error.message.replace(/^[^:]*:\d+:\d+: /, '') : String(error);
      throw new DavParseError(`Malformed XML: ${message}`, { ...this.where(), cause: error });
    }
  }
}
