import { DavParseError } from '../errors/dav-parse-error.ts';
import { percentDecode } from '../utils/href.ts';
import type { XmlEventSink } from '../xml/events.ts';
import { type ClarkName, davName } from '../xml/names.ts';
import { TreeBuilder } from '../xml/tree-builder.ts';
import { trimXml } from '../xml/xml-element.ts';
import { type ResponseContext, readResponse } from './read-response.ts';
import type { DavResponse, DecodeOptions } from './types.ts';

const MULTISTATUS = davName('multistatus');
const RESPONSE = davName('response');
const DESCRIPTION = davName('responsedescription');
const SYNC_TOKEN = davName('sync-token');

/** What is known of a multistatus once its last event has arrived. */
export interface MultiStatusSummary {
  readonly description?: string;
  readonly syncToken?: string;
}

/**
 * The one multistatus decoder, fed by either event source. It checks the root element, builds one
 * `DAV:response` subtree at a time, and hands each finished response to `onResponse` at once, so a
 * streaming caller can yield it while the rest of the body is still arriving.
 *
 * Unknown elements under the root are ignored, as RFC 4918 §17 asks of extensions.
 */
export class MultiStatusDecoder implements XmlEventSink {
  private depth = 0;
  private capture: TreeBuilder | undefined;
  private capturing: ClarkName | undefined;
  private description: string | undefined;
  private syncToken: string | undefined;
  private readonly context: ResponseContext;
  private readonly onResponse: (response: DavResponse) => void;

  constructor(options: DecodeOptions, onResponse: (response: DavResponse) => void) {
    this.onResponse = onResponse;
    this.context = {
      base: options.baseUrl,
      anchor: options.requestUrl === undefined ? undefined : pathOf(options.requestUrl),
      propname: options.mode === 'propname',
    };
  }

  startElement(name: ClarkName, attributes: Record<ClarkName, string>): void {
    this.depth++;
    if (this.depth === 1) {
      if (name !== MULTISTATUS) {
        throw new DavParseError(`Not a multistatus: the root element is ${name}`);
      }
      return;
    }
    if (this.depth === 2 && (name === RESPONSE || name === DESCRIPTION || name === SYNC_TOKEN)) {
      this.capture = new TreeBuilder();
      this.capturing = name;
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
      this.onResponse(readResponse(element, this.context));
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
    const summary: { description?: string; syncToken?: string } = {};
    if (this.description) {
      summary.description = this.description;
    }
    if (this.syncToken) {
      summary.syncToken = this.syncToken;
    }
    return summary;
  }
}

function pathOf(url: string | URL): string | undefined {
  try {
    return percentDecode(new URL(url).pathname);
  } catch {
    return undefined;
  }
}
