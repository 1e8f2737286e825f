/**
 * `checkWellFormed`: one test per well-formedness rule davkit enforces before fast-xml-parser (which
 * accepts unbalanced and truncated documents), and a valid document using every construct.
 */
import { describe, expect, it } from 'vitest';
import { type DavParseError, isDavParseError } from '../../src/index.ts';
import { checkWellFormed } from '../../src/xml/well-formed.ts';

function rejects(text: string, limits?: { maxDepth: number }): DavParseError {
  let thrown: unknown;
  try {
    checkWellFormed(text, limits);
  } catch (error) {
    thrown = error;
  }
  expect(isDavParseError(thrown), `accepted ${JSON.stringify(text)}`).toBe(true);
  return thrown as DavParseError;
}

describe('checkWellFormed accepts', () => {
  it('a document with declaration, comments, PIs, CDATA, references, both quote styles', () => {
    const text =
      '\uFEFF'.slice(1) +
      '<?xml version="1.0" encoding="utf-8"?>\n<!-- prolog comment -->\n<?app data?>\n' +
      '<D:multistatus xmlns:D="DAV:" a = \'1\' b="x &amp; &#233; &#xE9; &lt;&gt;&quot;&apos;">\n' +
      '  <D:response><!-- inner --><?pi inner?><D:href>/a&amp;b</D:href>\n' +
      '    <x:p xmlns:x="urn:x"><![CDATA[ <not> & markup ]] ]]></x:p><e/><e  /><f></f >\n' +
      '  </D:response>\n</D:multistatus>\n<!-- epilog -->\n<?epilog?>\n';
    expect(() => checkWellFormed(text)).not.toThrow();
  });

  it('nesting exactly at the depth limit', () => {
    expect(() => checkWellFormed('<a><b><c/></b></a>', { maxDepth: 3 })).not.toThrow();
  });

  it('non-ASCII names and astral characters in text', () => {
    expect(() => checkWellFormed('<café xmlns:é="urn:x"><é:ü>😀</é:ü></café>')).not.toThrow();
  });
});

describe('checkWellFormed rejects', () => {
  it.each([
    ['an unclosed element', '<a><b></b>'],
    ['an end tag closing the wrong element', '<a><b></a></b>'],
    ['an end tag closing nothing', '<a></a></b>'],
    ['a case mismatch', '<a></A>'],
  ])('unbalanced tags: %s', (_what, text) => {
    rejects(text);
  });

  it.each([
    ['inside a start tag', '<a><b'],
    ['inside an attribute value', '<a b="1'],
    ['inside an end tag', '<a></a'],
    ['after a child', '<a><b/>'],
  ])('truncation %s', (_what, text) => {
    rejects(text);
  });

  it.each([
    ['a second root', '<a/><b/>'],
    ['text before the root', 'x<a/>'],
    ['text after the root', '<a/>x'],
    ['CDATA outside the root', '<![CDATA[x]]><a/>'],
    ['no root at all', '<!-- only a comment -->'],
    ['an empty document', ''],
  ])('document structure: %s', (_what, text) => {
    rejects(text);
  });

  it.each([
    ['an unquoted value', '<a b=1/>'],
    ['a missing value', '<a b/>'],
    ['"<" in a value', '<a b="<"/>'],
    ['no space between attributes', '<a b="1"c="2"/>'],
    ['a name that cannot start a name', '<a 1b="1"/>'],
  ])('bad attribute: %s', (_what, text) => {
    rejects(text);
  });

  it('a duplicate attribute', () => {
    rejects('<a b="1" b="2"/>');
  });

  it.each([
    ['a bare "&" in text', '<a>fish & chips</a>'],
    ['an undefined entity', '<a>&nbsp;</a>'],
    ['a reference without ";"', '<a>&amp</a>'],
    ['a bad hex reference', '<a>&#xZZ;</a>'],
    ['a reference to a forbidden character', '<a>&#0;</a>'],
    ['a reference to a surrogate', '<a>&#xD800;</a>'],
    ['a reference beyond Unicode', '<a>&#x110000;</a>'],
    ['a bare "&" in an attribute', '<a b="x&y"/>'],
  ])('"&" without a valid reference: %s', (_what, text) => {
    rejects(text);
  });

  it('"]]>" in text', () => {
    rejects('<a>x ]]> y</a>');
  });

  it.each([
    ['"--" inside a comment', '<a><!-- a -- b --></a>'],
    ['an unclosed comment', '<a><!-- x </a>'],
    ['an unclosed CDATA section', '<a><![CDATA[x</a>'],
    ['an unclosed processing instruction', '<a><?pi x</a>'],
    ['an XML declaration that is not first', ' <?xml version="1.0"?><a/>'],
    ['an XML declaration inside the root', '<a><?xml version="1.0"?></a>'],
    ['an unclosed XML declaration', '<?xml version="1.0"<a/>'],
    ['an unknown markup declaration', '<a><!ELEMENT a ANY></a>'],
    ['a "<" that starts no tag', '<a>< b</a>'],
  ])('markup: %s', (_what, text) => {
    rejects(text);
  });

  it('any DOCTYPE, even an empty one', () => {
    rejects('<!DOCTYPE a><a/>');
    rejects('<?xml version="1.0"?>\n<!DOCTYPE a [<!ENTITY e "x">]><a>&e;</a>');
  });

  it('nesting beyond the depth limit, at the element that crosses it', () => {
    const error = rejects('<a>\n<b>\n<c>\n<d></d></c></b></a>', { maxDepth: 3 });
    expect(error.position?.line).toBe(4);
  });

  it.each([
    ['U+0000', '<a>\u0000</a>'],
    ['U+0001', '<a>\u0001</a>'],
    ['U+001F in an attribute', '<a b="\u001f"/>'],
    ['U+FFFE', '<a>\uFFFE</a>'],
    ['U+FFFF', '<a>\uFFFF</a>'],
  ])('the forbidden character %s', (_what, text) => {
    rejects(text);
  });

  it('reports line, column and a snippet', () => {
    const error = rejects('<a>\n  <b>x & y</b>\n</a>');
    expect(error.position).toEqual({ offset: 11, line: 2, column: 8 });
    expect(error.snippet).toContain('x & y');
  });
});
