import { DavParseError } from '../errors/dav-parse-error.ts';
import type { DecodeWarning } from '../model/decode-warning.ts';
import type { DavResponse } from '../model/multistatus.ts';
import { type ClarkName, davName } from '../model/names.ts';
import { trimXml } from '../model/xml-element.ts';
import { percentDecode } from '../utils/href.ts';
import type { XmlEventSink } from '../xml/events.ts';
import { TreeBuilder } from '../xml/tree-builder.ts';
import { type PendingWarning, UnboundPrefixLog, type UnboundPrefixUse } from '../xml/unbound-prefixes.ts';
import type { DecodeOptions } from './decode-options.ts';
import { type ResponseContext, readResponse } from './read-response.ts';

const MULTISTATUS = davName('multistatus');
const RESPONSE = davName('response');
const DESCRIPTION = davName('responsedescription');
const SYNC_TOKEN = davName('sync-token');

/** What is known of a multistatus once its last event has arrived. */
export interface MultiStatusSummary {
  readonly description?: string;
  readonly syncToken?: string;
  readonly warnings?: readonly DecodeWarning[];
}

/**
 * The one multistatus decoder, fed by either event source. It checks the root element, builds one
 * `DAV:response` subtree at a time, and hands each finished response to `onResponse` at once, so a
 * streaming caller can yield it while the rest of the body is still arriving.
 *
 * Unknown elements under the root are ignored, as RFC 4918 §17 asks of extensions.
 *
 * Unless `strict`, names with undeclared prefixes are read as `NamespaceScope` recovers them and
 * counted here; a warning first met inside a `DAV:response` names that response's href.
 */
export class MultiStatusDecoder implements XmlEventSink {
  private depth = 0;
  private capture: TreeBuilder | undefined;
  private capturing: ClarkName | undefined;
  private description: string | undefined;
  private syncToken: string | undefined;
  private readonly context: ResponseContext;
  private readonly onResponse: (response: DavResponse) => void;
  private readonly log = new UnboundPrefixLog();
  /** Warnings first met since the last element started, and those waiting for their response's href. */
  private fresh: PendingWarning[] = [];
  private awaitingHref: PendingWarning[] = [];
  readonly unboundPrefix: ((use: UnboundPrefixUse) => void) | undefined;

  constructor(options: DecodeOptions, onResponse: (response: DavResponse) => void) {
    this.onResponse = onResponse;
    this.context = {
      base: options.baseUrl,
      anchor: options.requestUrl === undefined ? undefined : pathOf(options.requestUrl),
      propname: options.mode === 'propname',
    };
    this.unboundPrefix = options.strict === true ? undefined : (use) => this.noteUnbound(use);
  }

  startElement(name: ClarkName, attributes: Record<ClarkName, string>): void {
    this.depth++;
    if (this.depth === 1) {
      if (name !== MULTISTATUS) {
        throw new DavParseError(`Not a multistatus: the root element is ${name}`);
      }
      this.fresh = [];
      return;
    }
    if (this.depth === 2 && (name === RESPONSE || name === DESCRIPTION || name === SYNC_TOKEN)) {
      this.capture = new TreeBuilder();
      this.capturing = name;
    }
    if (this.fresh.length > 0) {
      // The uses were reported just before this element's event: they belong where it stands.
      if (this.capturing === RESPONSE) {
        this.awaitingHref.push(...this.fresh);
      }
      this.fresh = [];
    }
    this.capture?.startElement(name, attributes);
  }

  text(text: string): void {
    this.capture?.text(text);
  }

  endElement(): void {
    this.capture?.endElement();
    if (this.depth === 2 && this.capture !== undefined) {
      this.finishTopLevel();
    }
    this.depth--;
  }

  private finishTopLevel(): void {
    const element = this.capture?.take();
    const name = this.capturing;
    this.capture = undefined;
    this.capturing = undefined;
    if (element === undefined) {
      return;
    }
    if (name === RESPONSE) {
      const response = readResponse(element, this.context);
      for (const pending of this.awaitingHref) {
        pending.href = response.href;
      }
      this.awaitingHref = [];
      this.onResponse(response);
    } else if (name === DESCRIPTION) {
      this.description = trimXml(element.text);
    } else {
      this.syncToken = trimXml(element.text);
    }
  }

  /** The top-level description and sync token; call once every event has been delivered. */
  summary(): MultiStatusSummary {
    if (this.depth !== 0) {
      throw new DavParseError('Malformed multistatus: the body ended before </multistatus>');
    }
    const summary: { description?: string; syncToken?: string; warnings?: DecodeWarning[] } = {};
    if (this.description) {
      summary.description = this.description;
    }
    if (this.syncToken) {
      summary.syncToken = this.syncToken;
    }
    if (!this.log.empty) {
      summary.warnings = this.log.warnings();
    }
    return summary;
  }

  /** The warnings so far (a stream shows them while it is still being read). */
  warnings(): DecodeWarning[] {
    return this.log.warnings();
  }

  private noteUnbound(use: UnboundPrefixUse): void {
    const pending = this.log.note(use);
    if (pending !== undefined) {
      this.fresh.push(pending);
    }
  }
}

function pathOf(url: string | URL): string | undefined {
  try {
    return percentDecode(new URL(url).pathname);
  } catch {
    return undefined;
  }
}
