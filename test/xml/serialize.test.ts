/**
 * `serializeXml` and `el`: the output is well-formed, parses back (`parseXmlTree`) to the same tree
 * whatever the namespaces, escapes `& < > "` and declares every namespace once on the root.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { el } from '../../src/index.ts';
import type { XmlElement } from '../../src/model/xml-element.ts';
import { parseXmlTree } from '../../src/xml/parse-tree.ts';
import { serializeXml } from '../../src/xml/serialize.ts';

const XML_NS = 'http://www.w3.org/XML/1998/namespace';

describe('serializeXml', () => {
  it('writes D: for DAV:, generated prefixes for other namespaces, declared once on the root', () => {
    const tree = el('{DAV:}propfind', [
      el('{DAV:}prop', [el('{urn:a}x'), el('{urn:b}y'), el('{urn:a}z'), el('bare')]),
    ]);
    expect(serializeXml(tree)).toBe(
      '<?xml version="1.0" encoding="utf-8"?>\n' +
        '<D:propfind xmlns:D="DAV:" xmlns:ns0="urn:a" xmlns:ns1="urn:b">' +
        '<D:prop><ns0:x/><ns1:y/><ns0:z/><bare/></D:prop></D:propfind>',
    );
  });

  it('escapes & < > in text and & < " in attributes', () => {
    const xml = serializeXml(el('{urn:x}a', [], 'a & b < c > d "q"', { title: 'say "hi" & <bye>' }));
    expect(xml).toContain('>a &amp; b &lt; c &gt; d "q"<');
    expect(xml).not.toMatch(/title="[^"]*"[^ />]/);
    expect(parseXmlTree(xml)).toEqual(el('{urn:x}a', [], 'a & b < c > d "q"', { title: 'say "hi" & <bye>' }));
  });

  it('declares namespace URIs that need escaping, and names in no namespace stay in none', () => {
    const tree = el('{urn:a&b"c<d}root', [el('plain', [], 'x'), el('{DAV:}href', [], '/a')], '', {
      '{urn:attr}id': '7',
      [`{${XML_NS}}lang`]: 'en',
      local: 'v',
    });
    expect(parseXmlTree(serializeXml(tree))).toEqual(tree);
  });

  it('keeps a tab, a newline and a carriage return in an attribute value (written as references)', () => {
    const tree = el('{urn:x}a', [], '', { v: 'a\tb\nc\rd' });
    expect(parseXmlTree(serializeXml(tree))).toEqual(tree);
  });

  it('keeps spaces at the edges of an attribute value', () => {
    const tree = el('{urn:x}a', [], '', { v: ' padded ' });
    expect(parseXmlTree(serializeXml(tree))).toEqual(tree);
  });

  it('keeps a carriage return in text (CRLF line endings of a property value)', () => {
    const tree = el('{urn:x}ics', [], 'BEGIN:VCALENDAR\r\nEND:VCALENDAR');
    expect(parseXmlTree(serializeXml(tree))).toEqual(tree);
  });

  it('el() builds plain trees with defaults', () => {
    expect(el('{DAV:}a')).toEqual({ name: '{DAV:}a', attributes: {}, children: [], text: '' });
  });
});

// Random trees: any namespace URI (non-empty), names that are XML names; text and attribute values
// without whitespace at their edges and without tab/CR/LF (the decoder trims them: own tests above).
const URI = fc.oneof(
  fc.constantFrom('DAV:', 'urn:a', 'http://x/"q"&<>', 'urn:ietf:params:xml:ns:caldav', XML_NS),
  fc
    .string({ minLength: 1, maxLength: 10 })
    .filter((uri) => [...uri].every((c) => c > ' ' && c !== '\uFFFE' && c !== '\uFFFF')),
);
const LOCAL = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_.-]{0,8}$/).filter((name) => !/^xml/i.test(name));
const TEXT = fc
  .string({
    unit: fc.constantFrom('a', 'é', '&', '<', '>', '"', "'", ']]>', '😀', ' ', '\n', '€'),
    maxLength: 10,
  })
  .map((text) => text.trim());
const element: fc.Memo<XmlElement> = fc.memo((depth) =>
  fc.record({
    name: fc
      .oneof(
        LOCAL,
        fc.tuple(URI, LOCAL).map(([uri, local]) => `{${uri}}${local}`),
      )
      .filter((name) => !name.startsWith(`{${XML_NS}}`)),
    attributes: fc.dictionary(
      fc.oneof(
        LOCAL,
        fc.tuple(URI, LOCAL).map(([uri, local]) => `{${uri}}${local}`),
      ),
      fc
        .string({ unit: fc.constantFrom('a', '&', '<', '>', '"', "'", ' ', '😀'), maxLength: 6 })
        .map((value) => value.trim()),
      { maxKeys: 2 },
    ),
    children: depth > 2 ? fc.constant([]) : fc.array(element(depth + 1), { maxLength: 3 }),
    text: TEXT,
  }),
);

describe('serializeXml round trip (fast-check)', () => {
  it('parseXmlTree(serializeXml(tree)) equals the tree', () => {
    fc.assert(
      fc.property(element(0), (tree) => {
        expect(parseXmlTree(serializeXml(tree))).toEqual(tree);
      }),
      { numRuns: 300 },
    );
  });
});
