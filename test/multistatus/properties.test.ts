/**
 * Property-based tests of `decodeMultiStatus` (fast-check):
 * - any input (random strings, random bytes, mutated real fixtures, XML token soup) gives a result or
 *   a `DavParseError`, nothing else, and never hangs;
 * - generated multistatus documents, written with random prefixes, default namespaces, inner
 *   redeclarations, references and CDATA, decode to the generator's model: same Clark names, same
 *   values, whatever the spelling.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeMultiStatus, isDavParseError } from '../../src/index.ts';
import { FIXTURE_NAMES, fixture } from './fixture-files.ts';
import { documentModel, expectedDecode, render } from './generated-documents.ts';

const RUNS = 500;

/** Decoding either succeeds or throws DavParseError; anything else is reported with the input. */
function decodesOrParseError(text: string): void {
  try {
    decodeMultiStatus(text, { baseUrl: 'http://127.0.0.1:8080/dav/' });
  } catch (error) {
    if (!isDavParseError(error)) {
      throw new Error(`not a DavParseError: ${String(error)} for ${JSON.stringify(text.slice(0, 300))}`);
    }
  }
}

const FIXTURES = FIXTURE_NAMES.map(fixture);

/** One edit of a document: truncate, cut a slice, overwrite a character, duplicate or move a piece. */
const edit = fc.oneof(
  fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('cut' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({
    op: fc.constant('overwrite' as const),
    at: fc.nat(),
    with: fc.constantFrom(
      '<',
      '>',
      '&',
      '/',
      '"',
      "'",
      '=',
      ':',
      ']]>',
      '<!--',
      '-->',
      '\u0000',
      '\uFFFF',
      'x',
      ' ',
      '<![CDATA[',
      '&#0;',
      '&#x110000;',
      '<!DOCTYPE x>',
      'xmlns:D="urn:x"',
      '\uD800',
    ),
  }),
  fc.record({
    op: fc.constant('duplicate' as const),
    at: fc.nat(),
    from: fc.nat(),
    length: fc.integer({ min: 1, max: 80 }),
  }),
);

function applyEdit(text: string, e: EditValue): string {
  const at = text.length === 0 ? 0 : e.at % (text.length + 1);
  switch (e.op) {
    case 'truncate':
      return text.slice(0, at);
    case 'cut':
      return text.slice(0, at) + text.slice(at + e.length);
    case 'overwrite':
      return text.slice(0, at) + e.with + text.slice(at + 1);
    case 'duplicate': {
      const from = text.length === 0 ? 0 : e.from % text.length;
      return text.slice(0, at) + text.slice(from, from + e.length) + text.slice(at);
    }
  }
}
type EditValue = typeof edit extends fc.Arbitrary<infer V> ? V : never;

const XML_TOKENS = [
  '<D:multistatus xmlns:D="DAV:">',
  '</D:multistatus>',
  '<D:response>',
  '</D:response>',
  '<D:href>',
  '</D:href>',
  '/dav/a%20b',
  '<D:propstat>',
  '</D:propstat>',
  '<D:prop>',
  '</D:prop>',
  '<D:status>',
  'HTTP/1.1 200 OK',
  'HTTP/1.1 42',
  '</D:status>',
  '<D:getetag>',
  '</D:getetag>',
  '<D:lockdiscovery><D:activelock><D:timeout>Second-9999999999999999999</D:timeout>',
  '</D:activelock></D:lockdiscovery>',
  '<x:a xmlns:x="urn:x">',
  '</x:a>',
  '<y:b/>',
  '<D:error>',
  '</D:error>',
  '&amp;',
  '&#',
  '&#x1F600;',
  '&bogus;',
  ']]>',
  '<![CDATA[',
  '<!--',
  '-->',
  '<?pi ',
  '?>',
  ' xmlns=""',
  '"',
  '>',
  '<',
  '\n',
];

describe('decodeMultiStatus on arbitrary input: a result or DavParseError', () => {
  it('random strings', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), decodesOrParseError), {
      numRuns: RUNS,
    });
  });

  it('random bytes decoded as UTF-8', () => {
    const decoder = new TextDecoder();
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => decodesOrParseError(decoder.decode(bytes))),
      { numRuns: RUNS },
    );
  });

  it('XML token soup', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...XML_TOKENS), { maxLength: 40 }), (tokens) =>
        decodesOrParseError(tokens.join('')),
      ),
      { numRuns: RUNS },
    );
  });

  it('real fixtures, mutated (truncated, cut, overwritten, pieces duplicated)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...FIXTURES),
        fc.array(edit, { minLength: 1, maxLength: 4 }),
        (text, edits) => decodesOrParseError(edits.reduce(applyEdit, text)),
      ),
      { numRuns: RUNS },
    );
  });
});

describe('generated multistatus documents decode to their model, whatever the spelling', () => {
  it('same responses, statuses, Clark names and values under random prefixes and declarations', () => {
    fc.assert(
      fc.property(documentModel, (model) => {
        expect(decodeMultiStatus(render(model))).toEqual(expectedDecode(model));
      }),
      { numRuns: RUNS },
    );
  });

  it('a document and its re-spelling (other noise) decode identically', () => {
    fc.assert(
      fc.property(documentModel, fc.array(fc.nat(), { minLength: 8, maxLength: 8 }), (model, noise) => {
        expect(decodeMultiStatus(render({ ...model, noise }))).toEqual(decodeMultiStatus(render(model)));
      }),
      { numRuns: RUNS },
    );
  });
});
