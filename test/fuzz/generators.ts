/**
 * Inputs for fuzzing both multistatus decoders (`decodeMultiStatus` and the streaming
 * `decodeMultiStatusStream`), shared by `npm run fuzz` (scripts/fuzz.ts, 100,000 cases) and the small
 * run inside `npm test` (test/multistatus/fuzz.test.ts).
 *
 * Five families, from "surely rejected" to "surely accepted": random bytes, random Unicode strings,
 * XML token soup, real captures (and other projects' real-world bodies) mutated at the byte level,
 * and generated valid multistatus documents written with random prefixes, undeclared ones included
 * (the model of `test/multistatus/generated-documents.ts`). Each case also says how the streaming
 * decoder receives the body: bytes or text, in chunks of random sizes.
 */
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import type { MultiStatus } from '../../src/model/multistatus.ts';
import { BASE_URL, FIXTURE_NAMES, fixture } from '../multistatus/fixture-files.ts';
import { documentModel, expectedDecode, render } from '../multistatus/generated-documents.ts';

/** The input families, in the order the summary lists them. */
export const CATEGORIES = ['bytes', 'unicode', 'soup', 'mutated', 'generated'] as const;

/** One input family. */
export type Category = (typeof CATEGORIES)[number];

/** A body as text (handed to both decoders as it is) or as bytes (decoded as the transport does). */
export type FuzzBody = { readonly text: string } | { readonly bytes: Uint8Array };

/** One fuzz case: a body, how the stream receives it, and (for generated documents) the expected result. */
export interface FuzzCase {
  readonly category: Category;
  readonly body: FuzzBody;
  /** The Content-Type both decoders are told (its charset, if any, picks the decoding). */
  readonly contentType: string | null;
  /** Sizes of the successive stream chunks, in code units or bytes, used in a cycle. */
  readonly chunkSizes: readonly number[];
  /** What decoding must give, when the case is a valid generated document. */
  readonly expected?: MultiStatus;
}

/** Decoding options for every case: the base URL the captures were normalised to. */
export const DECODE_OPTIONS = { baseUrl: BASE_URL } as const;

const utf8 = new TextEncoder();

/**
 * Tokens that make up multistatus bodies and the tricks against them: prefixes, references, CDATA,
 * comments, PIs, DOCTYPEs, prototype names, huge numbers.
 */
export const XML_TOKENS: readonly string[] = [
  '<D:multistatus xmlns:D="DAV:">',
  '</D:multistatus>',
  '<multistatus xmlns="DAV:">',
  '</multistatus>',
  '<D:response>',
  '</D:response>',
  '<D:href>',
  '</D:href>',
  '/dav/a%20b',
  'http://127.0.0.1:8080/dav/x',
  '<D:propstat>',
  '</D:propstat>',
  '<D:prop>',
  '</D:prop>',
  '<D:status>',
  'HTTP/1.1 200 OK',
  'HTTP/1.1 42',
  'HTTP/1.1 424 Failed Dependency',
  '</D:status>',
  '<D:getetag>',
  '</D:getetag>',
  '<D:getcontentlength>',
  '9999999999999999999999',
  '</D:getcontentlength>',
  '<D:resourcetype><D:collection/></D:resourcetype>',
  '<D:lockdiscovery><D:activelock><D:timeout>Second-9999999999999999999</D:timeout>',
  '</D:activelock></D:lockdiscovery>',
  '<D:responsedescription>',
  '</D:responsedescription>',
  '<D:sync-token>',
  '</D:sync-token>',
  '<x:a xmlns:x="urn:x">',
  '</x:a>',
  '<y:b/>',
  // Prefixes used without a declaration (issue 17): recovered, with warnings, by both decoders.
  '<DAV:getetag>',
  '</DAV:getetag>',
  '<oc:fileid/>',
  ' nc:a="1"',
  '<xmlns:x/>',
  '<:a/>',
  '<__proto__>',
  '<x:constructor xmlns:x="urn:x">',
  ' __proto__="1"',
  ' xmlns:__proto__="urn:p"',
  '<D:error>',
  '</D:error>',
  '&amp;',
  '&#',
  '&#x1F600;',
  '&#0;',
  '&bogus;',
  ']]>',
  '<![CDATA[',
  '<!--',
  '-->',
  '<?pi ',
  '<?xml version="1.0"?>',
  '?>',
  '<!DOCTYPE x [<!ENTITY e "v">]>',
  '<!doctype x>',
  ' xmlns=""',
  ' xmlns:D="urn:not-dav"',
  '"',
  "'",
  '=',
  '>',
  '<',
  '/>',
  '\n',
  '\uFEFF',
];

/** Markup a mutation inserts: the characters and constructs that break naive parsers. */
const INSERTIONS = [
  '&',
  '<',
  '>',
  ']]>',
  '<!DOCTYPE x>',
  '<!DOCTYPE',
  '<!DOCTYPE m [<!ENTITY x SYSTEM "file:///etc/passwd">]>',
  '&#',
  '&amp',
  '&#x110000;',
  '<!--',
  '-->',
  '<![CDATA[',
  '</',
  '"',
  "'",
  ':',
  'xmlns:D="urn:x"',
  '\u0000',
  '\uFFFF',
].map((token) => utf8.encode(token));

/** Bytes that are significant to XML or to UTF-8, for biased random byte strings. */
const SIGNIFICANT_BYTES = [
  ...Array.from('<>/="\'&;:!?-[]#x DAVmultistatus', (c) => c.charCodeAt(0)),
  0x00,
  0x0a,
  0x80,
  0xbf,
  0xc3,
  0xe2,
  0xef,
  0xbb,
  0xf0,
  0xfe,
  0xff,
];

const CONTENT_TYPES = fc.constantFrom<string | null>(
  null,
  'application/xml',
  'application/xml; charset=utf-8',
  'text/xml; charset="utf-8"',
  'text/xml; charset=iso-8859-1',
  'text/html',
  'application/xml; charset=x-unknown',
);

const CHUNK_SIZES = fc.oneof(
  fc.array(fc.integer({ min: 1, max: 64 }), { minLength: 1, maxLength: 8 }),
  fc.constant([1]),
  fc.constant([1 << 20]),
);

function withStream(category: Category, body: fc.Arbitrary<FuzzBody>): fc.Arbitrary<FuzzCase> {
  return fc
    .record({ body, contentType: CONTENT_TYPES, chunkSizes: CHUNK_SIZES })
    .map((parts) => ({ category, ...parts }));
}

/** Random bytes: uniform, or biased towards XML and UTF-8 significant values. */
export const randomBytes: fc.Arbitrary<FuzzCase> = withStream(
  'bytes',
  fc
    .oneof(
      fc.uint8Array({ maxLength: 512 }),
      fc.array(fc.constantFrom(...SIGNIFICANT_BYTES), { maxLength: 512 }).map((b) => Uint8Array.from(b)),
    )
    .map((bytes) => ({ bytes })),
);

/** Random Unicode strings, astral planes and lone surrogates included, sometimes inside a multistatus. */
export const randomUnicode: fc.Arbitrary<FuzzCase> = withStream(
  'unicode',
  fc
    .tuple(
      fc.string({
        unit: fc.oneof(
          { weight: 8, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
          { weight: 1, arbitrary: fc.constantFrom('\uD800', '\uDFFF', '<', '&', '>') },
        ),
        maxLength: 300,
      }),
      fc.boolean(),
    )
    .map(([text, wrapped]) => ({
      text: wrapped ? `<D:multistatus xmlns:D="DAV:">${text}</D:multistatus>` : text,
    })),
);

/** XML token soup, sometimes inside a multistatus root so that it reaches the decoder proper. */
export const tokenSoup: fc.Arbitrary<FuzzCase> = withStream(
  'soup',
  fc
    .tuple(fc.array(fc.constantFrom(...XML_TOKENS), { maxLength: 60 }), fc.boolean())
    .map(([tokens, wrapped]) => ({
      text: wrapped ? `<D:multistatus xmlns:D="DAV:">${tokens.join('')}</D:multistatus>` : tokens.join(''),
    })),
);

/** One byte-level mutation of a document. */
export type Mutation =
  | { readonly op: 'flip'; readonly at: number; readonly mask: number }
  | { readonly op: 'truncate'; readonly at: number }
  | { readonly op: 'insert'; readonly at: number; readonly token: number }
  | { readonly op: 'remove-tag'; readonly at: number }
  | { readonly op: 'duplicate-tag'; readonly at: number; readonly to: number }
  | { readonly op: 'cut'; readonly at: number; readonly length: number };

/** Mutations as fast-check values (positions are taken modulo the document length). */
export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('flip' as const), at: fc.nat(), mask: fc.integer({ min: 1, max: 255 }) }),
  fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({
    op: fc.constant('insert' as const),
    at: fc.nat(),
    token: fc.nat({ max: INSERTIONS.length - 1 }),
  }),
  fc.record({ op: fc.constant('remove-tag' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('duplicate-tag' as const), at: fc.nat(), to: fc.nat() }),
  fc.record({ op: fc.constant('cut' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
);

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, part) => n + part.byteLength, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.byteLength;
  }
  return out;
}

/** The tag (`<…>`) that starts at or after `from`, as [start, end) byte offsets. */
function tagAt(bytes: Uint8Array, from: number): [number, number] | undefined {
  const start = bytes.indexOf(0x3c, from);
  const end = start === -1 ? -1 : bytes.indexOf(0x3e, start);
  return end === -1 ? undefined : [start, end + 1];
}

/**
 * Applies one mutation: flip bits of a byte, truncate, insert a token, remove or duplicate a tag, or
 * cut a range. Works on bytes, so a truncation may split a multi-byte character.
 */
export function mutate(bytes: Uint8Array, m: Mutation): Uint8Array {
  const at = bytes.length === 0 ? 0 : m.at % (bytes.length + 1);
  switch (m.op) {
    case 'flip': {
      const copy = bytes.slice();
      if (copy.length > 0) {
        const index = m.at % copy.length;
        copy[index] = (copy[index] as number) ^ m.mask;
      }
      return copy;
    }
    case 'truncate':
      return bytes.slice(0, at);
    case 'insert':
      return concat(bytes.slice(0, at), INSERTIONS[m.token] as Uint8Array, bytes.slice(at));
    case 'remove-tag': {
      const tag = tagAt(bytes, at);
      return tag === undefined ? bytes : concat(bytes.slice(0, tag[0]), bytes.slice(tag[1]));
    }
    case 'duplicate-tag': {
      const tag = tagAt(bytes, at);
      const to = bytes.length === 0 ? 0 : m.to % (bytes.length + 1);
      return tag === undefined
        ? bytes
        : concat(bytes.slice(0, to), bytes.slice(tag[0], tag[1]), bytes.slice(to));
    }
    case 'cut':
      return concat(bytes.slice(0, at), bytes.slice(at + m.length));
  }
}

/** Other projects' real-world bodies (test/fixtures/real-world/), Nextcloud's undeclared prefixes included. */
const REAL_WORLD_DIR = new URL('../fixtures/real-world/', import.meta.url);
const REAL_WORLD: readonly string[] = readdirSync(REAL_WORLD_DIR, { recursive: true, encoding: 'utf8' })
  .filter((name) => name.endsWith('.xml'))
  .sort()
  .map((name) => readFileSync(new URL(name, REAL_WORLD_DIR), 'utf8'));

/** The real-server captures and the real-world corpus, as bytes. */
export const CAPTURES: readonly Uint8Array[] = [...FIXTURE_NAMES.map(fixture), ...REAL_WORLD].map((text) =>
  utf8.encode(text),
);

/** Real captures (and sometimes generated documents), mutated one to five times at the byte level. */
export const mutatedCapture: fc.Arbitrary<FuzzCase> = withStream(
  'mutated',
  fc
    .tuple(
      fc.oneof(
        { weight: 3, arbitrary: fc.constantFrom(...CAPTURES) },
        { weight: 1, arbitrary: documentModel.map((model) => utf8.encode(render(model))) },
      ),
      fc.array(mutation, { minLength: 1, maxLength: 5 }),
    )
    .map(([source, mutations]) => ({ bytes: mutations.reduce(mutate, source) })),
);

/** UTF-16 with its byte-order mark: what a server that declares `charset=utf-16le` sends. */
function utf16le(text: string): Uint8Array {
  const bytes = new Uint8Array(2 + text.length * 2);
  bytes[0] = 0xff;
  bytes[1] = 0xfe;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    bytes[2 + i * 2] = unit & 0xff;
    bytes[3 + i * 2] = unit >> 8;
  }
  return bytes;
}

/**
 * Valid multistatus documents with random prefixes, default namespaces, redeclarations, references
 * and CDATA, sent as text, UTF-8 bytes or UTF-16LE bytes with a BOM: both decoders must accept them
 * and give the model's result.
 */
export const generatedDocument: fc.Arbitrary<FuzzCase> = fc
  .record({
    model: documentModel,
    encoding: fc.constantFrom('text', 'utf-8', 'utf-16le'),
    chunkSizes: CHUNK_SIZES,
  })
  .map(({ model, encoding, chunkSizes }) => {
    const text = render(model);
    const body: FuzzBody =
      encoding === 'text'
        ? { text }
        : { bytes: encoding === 'utf-8' ? utf8.encode(text) : utf16le(text.replace(/^\uFEFF/, '')) };
    return {
      category: 'generated',
      body,
      contentType: encoding === 'utf-16le' ? 'application/xml; charset=utf-16le' : 'application/xml',
      chunkSizes,
      expected: expectedDecode(model),
    };
  });

/** The generator of each family. */
export const GENERATORS: Readonly<Record<Category, fc.Arbitrary<FuzzCase>>> = {
  bytes: randomBytes,
  unicode: randomUnicode,
  soup: tokenSoup,
  mutated: mutatedCapture,
  generated: generatedDocument,
};

/** The size of a body in bytes (text counted as UTF-16 code units × 2, as it sits in memory). */
export function bodySize(body: FuzzBody): number {
  return 'bytes' in body ? body.bytes.byteLength : body.text.length * 2;
}

/** A short, printable rendering of a body for failure reports. */
export function describeBody(body: FuzzBody, max = 2_000): string {
  if ('bytes' in body) {
    const text = new TextDecoder('utf-8', { fatal: false }).decode(body.bytes);
    const hex = Buffer.from(body.bytes.slice(0, max / 2)).toString('hex');
    return `${body.bytes.byteLength} bytes: ${JSON.stringify(text.slice(0, max))}\n  hex: ${hex}`;
  }
  return `${body.text.length} chars: ${JSON.stringify(body.text.slice(0, max))}`;
}
