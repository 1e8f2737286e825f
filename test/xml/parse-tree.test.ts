/**
 * `parseXmlTree`: one namespace-resolved element tree from a small body, with XML's own text rules
 * (line-end normalisation, attribute-value normalisation, references, CDATA, BOM).
 */
import { describe, expect, it } from 'vitest';
import { DavParseError, el } from '../../src/index.ts';
import { parseXmlTree } from '../../src/xml/parse-tree.ts';

describe('parseXmlTree', () => {
  it('resolves names, drops comments and PIs, joins text and CDATA, strips a BOM', () => {
    expect(
      parseXmlTree(
        '\uFEFF<?xml version="1.0"?><d:error xmlns:d="DAV:" xmlns:s="http://sabredav.org/ns">' +
          '<!-- c --><?pi?><s:message>a &lt; b<![CDATA[ & <c>]]></s:message><d:lock-token-submitted/></d:error>',
      ),
    ).toEqual(
      el('{DAV:}error', [
        el('{http://sabredav.org/ns}message', [], 'a < b & <c>'),
        el('{DAV:}lock-token-submitted'),
      ]),
    );
  });

  it('normalises CRLF and CR line ends in text to LF (XML 1.0 §2.11)', () => {
    expect(parseXmlTree('<a>x\r\ny\rz</a>').text).toBe('x\ny\nz');
  });

  it('reads literal whitespace in an attribute value as spaces (XML 1.0 §3.3.3)', () => {
    expect(parseXmlTree('<a v="x\ty\r\nz"/>').attributes).toEqual({ v: 'x y z' });
  });

  it('keeps characters given by reference in an attribute value (XML 1.0 §3.3.3)', () => {
    expect(parseXmlTree('<a v="x&#9;y&#10;z&#13;"/>').attributes).toEqual({ v: 'x\ty\nz\r' });
  });

  it('throws DavParseError for malformed XML', () => {
    expect(() => parseXmlTree('<a><b></a>')).toThrow(DavParseError);
    expect(() => parseXmlTree('')).toThrow(DavParseError);
  });
});
