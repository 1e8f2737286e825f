import { type X2jOptions, XMLParser } from 'fast-xml-parser';
import { DavParseError } from '../errors/dav-parse-error.ts';
import { decodeEntities } from './entities.ts';
import type { XmlEventSink } from './events.ts';
import { DEFAULT_XML_LIMITS, type XmlLimits } from './limits.ts';
import { NamespaceScope } from './namespace-scope.ts';
import { snippetAt } from './position.ts';
import { checkWellFormed, type DocumentOutline } from './well-formed.ts';

/** One node of fast-xml-parser's `preserveOrder` output: `{ [tag]: children, ':@'?: attributes }`. */
type OrderedNode = Record<string, unknown>;

const TEXT = '#text';
const CDATA = '#cdata';
const ATTRIBUTES = ':@';

/**
 * Options chosen for speed and fidelity (see the toolchain notes): keep document order and
 * attributes, never coerce values, and leave entity decoding to davkit, which decodes only the text
 * it keeps. CDATA stays apart from text so that its content is never entity-decoded (nor trimmed).
 *
 * Text is kept exactly (`trimValues: false`: a displayname's spaces, a calendar's final newline are
 * content). A run of text made only of XML whitespace (the indentation of pretty-printed bodies) is
 * dropped. The rule is "a run of text between two pieces of markup, comments aside, decoded, is
 * dropped when it is XML whitespace only, otherwise kept", which the streaming source applies
 * identically.
 */
function createParser(limits: XmlLimits): XMLParser {
  return new XMLParser(fastXmlParserOptions(limits));
}

/** The fast-xml-parser options davkit parses with (exported for the benchmark's "same options" baseline). */
export function fastXmlParserOptions(limits: XmlLimits = DEFAULT_XML_LIMITS): X2jOptions {
  return {
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
    // Entities are davkit's job (entities.ts); this no-op decoder keeps fast-xml-parser from building
    // its own, so its entity tables are never needed (the browser bundle leaves them out).
    entityDecoder: PASSTHROUGH_ENTITIES,
  };
}

const PASSTHROUGH_ENTITIES = {
  reset: () => undefined,
  setXmlVersion: () => undefined,
  addInputEntities: () => undefined,
  setExternalEntities: () => undefined,
  decode: (text: string) => text,
};

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
  let body = stripBom(text);
  let outline = checkWellFormed(body, limits);
  if (outline.instructions.length > 0) {
    body = withoutInstructions(body, outline);
    outline = checkWellFormed(body, limits);
  }
  const parser = parserFor(limits);
  const scope = new NamespaceScope(sink);
  if (body.length < SLICE_SIZE * 2 || outline.rootClose === -1) {
    walk(parse(parser, compact(body, outline)), scope, sink);
    return;
  }
  parseInSlices(body, outline, parser, scope, sink);
}

const INTER_TAG_WHITESPACE = />[ \t\r\n]+</g;

/**
 * Removes the whitespace-only runs of text between tags (the indentation of pretty-printed bodies),
 * which both decoders drop anyway, when the outline says every `>…<` gap is one: fast-xml-parser
 * then neither reads them character by character nor builds a node for each.
 */
function compact(xml: string, outline: DocumentOutline): string {
  return outline.compactable ? xml.replace(INTER_TAG_WHITESPACE, '><') : xml;
}

/**
 * fast-xml-parser misreads a quote inside a processing instruction as attribute quoting (and loses
 * what follows), and davkit drops instructions anyway. Inside the root each becomes an empty CDATA
 * section, which ends the current run of text exactly as the instruction did (so both event sources
 * see the same runs); outside it, nothing. Rare in WebDAV: the cost is paid only when one occurs.
 */
function withoutInstructions(body: string, outline: DocumentOutline): string {
  let rebuilt = '';
  let from = 0;
  for (const instruction of outline.instructions) {
    rebuilt += body.slice(from, instruction.start) + (instruction.inRoot ? '<![CDATA[]]>' : '');
    from = instruction.end;
  }
  return rebuilt + body.slice(from);
}

/**
 * About this many characters of the root's children are parsed at a time (see `parseInSlices`).
 * Measured on a 10,000-entry body: 64 KiB keeps the peak at ~180 MiB where 128 KiB and up reach ~310
 * (fast-xml-parser's trees then outlive the young generation); smaller gains nothing.
 */
const SLICE_SIZE = 64 * 1024;

function parse(parser: XMLParser, xml: string): OrderedNode[] {
  try {
    return parser.parse(xml) as OrderedNode[];
  } catch (cause) {
    throw new DavParseError(`Malformed XML: ${cause instanceof Error ? cause.message : String(cause)}`, {
      cause,
      snippet: snippetAt(xml, 0),
    });
  }
}

/**
 * A big body is parsed a group of the root's children at a time: each group is wrapped in a copy of
 * the root's start tag (so its namespace declarations apply) and end tag, parsed, walked and dropped.
 * fast-xml-parser's tree of a whole 100 MB listing would hold several times the body's size; this
 * holds one slice's. The cuts fall on the ends of the root's children, found by the well-formedness
 * check, so no element and no run of text is ever split.
 */
function parseInSlices(
  body: string,
  outline: DocumentOutline,
  parser: XMLParser,
  scope: NamespaceScope,
  sink: XmlEventSink,
): void {
  const open = body.slice(outline.rootStart, outline.rootOpenEnd);
  const close = `</${outline.rootName}>`;
  const ends = outline.childEnds;
  let start = outline.rootOpenEnd;
  let next = 0;
  let entered = false;
  while (start < outline.rootClose) {
    while (next < ends.length && (ends[next] as number) - start < SLICE_SIZE) {
      next++;
    }
    const end = next < ends.length ? (ends[next++] as number) : outline.rootClose;
    const slice = compact(open + body.slice(start, end) + close, outline);
    const root = parse(parser, slice).find((node) => tagOf(node) !== TEXT);
    const tag = root === undefined ? undefined : tagOf(root);
    if (root === undefined || tag === undefined) {
      throw new DavParseError('Malformed XML: a slice of the body has no root element');
    }
    if (!entered) {
      const attributes = root[ATTRIBUTES] as Record<string, string> | undefined;
      const element = scope.enter(tag, attributes === undefined ? undefined : decodeAttributes(attributes));
      sink.startElement(element.name, element.attributes);
      entered = true;
    }
    walk(root[tag] as OrderedNode[], scope, sink);
    start = end;
  }
  sink.endElement();
  scope.leave();
}

function walk(nodes: readonly OrderedNode[], scope: NamespaceScope, sink: XmlEventSink): void {
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i] as OrderedNode;
    // Text first: it is the commonest node, and checking one key avoids enumerating the object.
    const raw = node[TEXT];
    if (raw !== undefined) {
      emitText(String(raw), sink);
      continue;
    }
    const tag = tagOf(node);
    if (tag === CDATA) {
      emitCdata(node[CDATA] as OrderedNode[], sink);
    } else if (tag !== undefined) {
      const attributes = node[ATTRIBUTES] as Record<string, string> | undefined;
      const element = scope.enter(tag, attributes === undefined ? undefined : decodeAttributes(attributes));
      sink.startElement(element.name, element.attributes);
      walk(node[tag] as OrderedNode[], scope, sink);
      sink.endElement();
      scope.leave();
    }
  }
}

const XML_WHITESPACE_ONLY = /^[ \t\r\n]*$/;

function emitText(raw: string, sink: XmlEventSink): void {
  // Tested after decoding, as the incremental source does (it decodes a run before testing it).
  const text = decodeEntities(raw);
  if (!XML_WHITESPACE_ONLY.test(text)) {
    sink.text(text);
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

/**
 * Attribute values as XML defines them: literal tabs and newlines read as spaces first, then
 * references decoded, so `&#9;` stays a tab (XML 1.0 §3.3.3).
 */
function decodeAttributes(raw: Record<string, string>): Record<string, string> {
  const decoded: Record<string, string> = {};
  for (const key in raw) {
    decoded[key] = decodeEntities(String(raw[key]).replace(/[\t\n\r]/g, ' '));
  }
  return decoded;
}
