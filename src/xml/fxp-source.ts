import { XMLParser } from 'fast-xml-parser';
import { DavParseError } from '../errors/dav-parse-error.ts';
import { decodeEntities } from './entities.ts';
import type { XmlEventSink } from './events.ts';
import { NamespaceScope } from './namespace-scope.ts';
import { snippetAt } from './position.ts';
import { checkWellFormed, DEFAULT_XML_LIMITS, type XmlLimits } from './well-formed.ts';

/** One node of fast-xml-parser's `preserveOrder` output: `{ [tag]: children, ':@'?: attributes }`. */
type OrderedNode = Record<string, unknown>;

const TEXT = '#text';
const CDATA = '#cdata';
const ATTRIBUTES = ':@';

/**
 * Options chosen for speed and fidelity (see the toolchain notes): keep document order and
 * attributes, never coerce values, keep whitespace (the decoder decides what is significant), and
 * leave entity decoding to davkit, which decodes only the text it keeps. CDATA stays apart from
 * text so that its content is never entity-decoded.
 */
function createParser(limits: XmlLimits): XMLParser {
  return new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: '',
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: false,
    processEntities: false,
    htmlEntities: false,
    ignoreDeclaration: true,
    ignorePiTags: true,
    cdataPropName: CDATA,
    removeNSPrefix: false,
    maxNestedTags: limits.maxDepth + 1,
    jPath: false,
    onDangerousProperty: (name: string) => name,
  });
}

let sharedParser: XMLParser | undefined;

function parserFor(limits: XmlLimits): XMLParser {
  if (limits === DEFAULT_XML_LIMITS) {
    sharedParser ??= createParser(limits);
    return sharedParser;
  }
  return createParser(limits);
}

/** Strips a byte-order mark, which `TextDecoder` may leave at the start of a string. */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * Parses a whole XML document and feeds it, as namespace-resolved events, to `sink`.
 *
 * The document is checked for well-formedness first, then parsed by fast-xml-parser, then walked
 * once. Any failure, including the parser's own exceptions, surfaces as {@link DavParseError}.
 */
export function parseXmlToEvents(
  text: string,
  sink: XmlEventSink,
  limits: XmlLimits = DEFAULT_XML_LIMITS,
): void {
  const body = stripBom(text);
  checkWellFormed(body, limits);
  let nodes: OrderedNode[];
  try {
    nodes = parserFor(limits).parse(body) as OrderedNode[];
  } catch (cause) {
    throw new DavParseError(`Malformed XML: ${cause instanceof Error ? cause.message : String(cause)}`, {
      cause,
      snippet: snippetAt(body, 0),
    });
  }
  walk(nodes, new NamespaceScope(), sink);
}

function walk(nodes: readonly OrderedNode[], scope: NamespaceScope, sink: XmlEventSink): void {
  for (const node of nodes) {
    const tag = tagOf(node);
    if (tag === TEXT) {
      sink.text(decodeEntities(String(node[TEXT])));
    } else if (tag === CDATA) {
      emitCdata(node[CDATA] as OrderedNode[], sink);
    } else if (tag !== undefined) {
      const raw = node[ATTRIBUTES] as Record<string, string> | undefined;
      const element = scope.enter(tag, raw === undefined ? undefined : decodeAttributes(raw));
      sink.startElement(element.name, element.attributes);
      walk(node[tag] as OrderedNode[], scope, sink);
      sink.endElement();
      scope.leave();
    }
  }
}

function tagOf(node: OrderedNode): string | undefined {
  for (const key in node) {
    if (key !== ATTRIBUTES) {
      return key;
    }
  }
  return undefined;
}

function emitCdata(parts: readonly OrderedNode[], sink: XmlEventSink): void {
  for (const part of parts) {
    sink.text(String(part[TEXT] ?? ''));
  }
}

function decodeAttributes(raw: Record<string, string>): Record<string, string> {
  const decoded: Record<string, string> = {};
  for (const key in raw) {
    decoded[key] = decodeEntities(String(raw[key]));
  }
  return decoded;
}
