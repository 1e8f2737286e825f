import { SaxesParser } from 'saxes';
import { DavParseError } from '../errors/dav-parse-error.ts';
import type { XmlEventSink } from '../xml/events.ts';
import { NamespaceScope } from '../xml/namespace-scope.ts';
import { snippetAt } from '../xml/position.ts';
import { DEFAULT_XML_LIMITS, type XmlLimits } from '../xml/well-formed.ts';
import { SurrogateCheck } from './surrogates.ts';

const XML_WHITESPACE_ONLY = /^[ \t\r\n]*$/;

// saxes prefixes its messages with `line:column: ` (and a file name when given); davkit reports the
// position itself.
const SAXES_POSITION = /^(?:[^:\n]*:)?\d+:\d+: /;

// saxes' states from `<!DOCTYPE` to the end of its internal subset (S_DOCTYPE … S_DTD_PI_ENDING in
// saxes 6). saxes reports a DOCTYPE only once it is complete, so a hostile body could make it buffer
// an endless internal subset; looking at the state after each write refuses it as soon as it starts.
const FIRST_DOCTYPE_STATE = 2;
const LAST_DOCTYPE_STATE = 12;
// saxes' state inside a reference (`&…;`, S_ENTITY in saxes 6). saxes reads a reference up to the next
// `;`, however far: a stray `&` would make it swallow the rest of the body and fail only at its end.
// What it has read so far must still look like a reference: a name as long as the predefined ones, or
// a character reference (a reasonable number of leading zeros allowed). saxes checks the rest at `;`.
const ENTITY_STATE = 14;
const REFERENCE_SO_FAR = /^(?:[a-z]{0,4}|#x?[\dA-Fa-f]{0,64})$/;

// Characters of recent input kept for error snippets.
const SNIPPET_CONTEXT = 60;

const DOCTYPE_MESSAGE = 'Malformed XML: a DOCTYPE is not allowed in a WebDAV body';

/**
 * The streaming event source: saxes (strict, well-formedness-checking) parses text as it arrives, and
 * davkit's own {@link NamespaceScope} resolves names, exactly as for the buffered source. The text
 * rule is the buffered source's too: a run of text between two pieces of markup (comments aside),
 * decoded, is dropped when it is XML whitespace only; CDATA is kept as it is.
 *
 * saxes is told to apply XML 1.0's rules whatever the declaration says, as the buffered source does:
 * WebDAV is XML 1.0, and a `version="1.1"` body must not be read differently by the two decoders.
 */
export class SaxesEventSource {
  private readonly parser = new SaxesParser({
    xmlns: false,
    position: true,
    defaultXMLVersion: '1.0',
    forceXMLVersion: true,
  });
  private readonly scope: NamespaceScope;
  private readonly sink: XmlEventSink;
  private readonly surrogates = new SurrogateCheck();
  private depth = 0;
  private pendingText = '';
  /** The input around the current write, for error snippets: the tail of earlier input, then the chunk. */
  private window = '';
  /** Offset (in the whole input) of `window`'s first character. */
  private windowStart = 0;

  constructor(sink: XmlEventSink, limits: XmlLimits = DEFAULT_XML_LIMITS) {
    this.sink = sink;
    this.scope = new NamespaceScope(sink);
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
      throw new DavParseError(DOCTYPE_MESSAGE);
    });
    parser.on('opentag', (tag) => {
      this.flushText();
      this.depth++;
      if (this.depth > limits.maxDepth) {
        throw new DavParseError(`Malformed XML: elements nested deeper than ${limits.maxDepth}`);
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

  /**
   * Feeds the next piece of text; events for everything complete in it are delivered at once. A
   * byte-order mark at the very start is skipped (by saxes), once, as the buffered source does.
   */
  write(text: string): void {
    const kept = this.window.length > SNIPPET_CONTEXT ? this.window.slice(-SNIPPET_CONTEXT) : this.window;
    this.windowStart += this.window.length - kept.length;
    this.window = kept + text;
    // Up to a lone surrogate, if any, so that what comes before it is delivered whatever the chunks.
    const lone = this.surrogates.find(text);
    this.guard(() => {
      this.parser.write(lone === -1 ? text : text.slice(0, lone));
      this.checkUnfinished();
    });
    if (lone !== -1) {
      throw this.unpairedSurrogate();
    }
  }

  /** The input has ended: final well-formedness checks (unclosed elements, no root…). */
  close(): void {
    if (this.surrogates.pending) {
      throw this.unpairedSurrogate();
    }
    this.guard(() => this.parser.close());
  }

  private flushText(): void {
    const text = this.pendingText;
    this.pendingText = '';
    if (text !== '' && this.depth > 0 && !XML_WHITESPACE_ONLY.test(text)) {
      this.sink.text(text);
    }
  }

  /**
   * What saxes is in the middle of when a write ends: a DOCTYPE, or a reference that can no longer
   * become valid, is refused now rather than when (if ever) it ends. This reads two of saxes' private
   * fields; should they change, saxes still refuses both, only later.
   */
  private checkUnfinished(): void {
    const { state, entity } = this.parser as unknown as {
      readonly state?: unknown;
      readonly entity?: unknown;
    };
    if (typeof state !== 'number') {
      return;
    }
    if (state >= FIRST_DOCTYPE_STATE && state <= LAST_DOCTYPE_STATE) {
      throw new DavParseError(DOCTYPE_MESSAGE);
    }
    if (state === ENTITY_STATE && typeof entity === 'string' && !REFERENCE_SO_FAR.test(entity)) {
      throw new DavParseError(
        'Malformed XML: an "&" that does not start a valid entity or character reference',
      );
    }
  }

  /**
   * Runs parser work and turns every failure into a DavParseError with a position and a snippet:
   * saxes' own errors, and davkit's (a DOCTYPE, a reserved name, an undeclared prefix, a response that
   * is not one).
   */
  private guard(work: () => void): void {
    try {
      work();
    } catch (error) {
      throw this.located(error);
    }
  }

  private located(error: unknown): DavParseError {
    if (error instanceof DavParseError && error.position !== undefined) {
      return error;
    }
    const { parser } = this;
    const position = { offset: parser.position, line: parser.line, column: parser.column + 1 };
    const snippet = snippetAt(this.window, parser.position - this.windowStart);
    if (error instanceof DavParseError) {
      return new DavParseError(error.message, { position, snippet, cause: error });
    }
    const message = error instanceof Error ? error.message.replace(SAXES_POSITION, '') : String(error);
    return new DavParseError(`Malformed XML: ${message}`, { position, snippet, cause: error });
  }

  /**
   * A lone surrogate where the parser stands. saxes reads one as part of whatever follows (and then
   * accepts or refuses it by accident), so davkit refuses it first: it is not an XML character. Text
   * decoded from bytes never holds one; string chunks may.
   */
  private unpairedSurrogate(): DavParseError {
    const { parser } = this;
    return new DavParseError('Malformed XML: an unpaired surrogate is not an XML character', {
      position: { offset: parser.position, line: parser.line, column: parser.column + 1 },
      snippet: snippetAt(this.window, parser.position - this.windowStart),
    });
  }
}
