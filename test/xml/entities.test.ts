/**
 * `src/xml/entities.ts`: the five predefined entities and numeric character references, nothing
 * else (there is no DTD to declare more), and the XML character range.
 */
import { describe, expect, it } from 'vitest';
import { decodeEntities, isXmlChar, referenceLengthAt } from '../../src/xml/entities.ts';

describe('decodeEntities', () => {
  it('decodes the five predefined entities', () => {
    expect(decodeEntities('&lt;a&gt; &amp; &quot;b&quot; &apos;c&apos;')).toBe('<a> & "b" \'c\'');
  });

  it('decodes decimal and hexadecimal character references, astral ones included', () => {
    expect(decodeEntities('Gr&#252;n &#xE4;&#xe4; &#x1F600; &#128512; &#0000065;')).toBe('Grün ää 😀 😀 A');
  });

  it('decodes once: an escaped reference stays a reference', () => {
    expect(decodeEntities('&amp;lt; &amp;#65;')).toBe('&lt; &#65;');
  });

  it('returns text without "&" as it is', () => {
    const text = 'plain text, 100% <unchanged>';
    expect(decodeEntities(text)).toBe(text);
  });

  it('leaves what is not a valid reference untouched', () => {
    expect(decodeEntities('&nbsp; &#0; &#xD800; &#x110000; &#; &x;')).toBe(
      '&nbsp; &#0; &#xD800; &#x110000; &#; &x;',
    );
  });
});

describe('referenceLengthAt', () => {
  it.each([
    ['&amp;', 5],
    ['&#65;', 5],
    ['&#x41;', 6],
    ['&#x1F600;', 9],
    ['&nbsp;', 0],
    ['&amp', 0],
    ['&#0;', 0],
    ['&#x110000;', 0],
    ['& amp;', 0],
  ])('%s → %i', (text, length) => {
    expect(referenceLengthAt(`x${text}y`, 1)).toBe(length);
  });

  it('is 0 when the offset holds no "&"', () => {
    expect(referenceLengthAt('a&amp;', 0)).toBe(0);
  });
});

describe('isXmlChar', () => {
  it.each([
    [0x9, true],
    [0xa, true],
    [0xd, true],
    [0x20, true],
    [0xd7ff, true],
    [0xe000, true],
    [0xfffd, true],
    [0x10000, true],
    [0x10ffff, true],
    [0x0, false],
    [0x8, false],
    [0xb, false],
    [0x1f, false],
    [0xd800, false],
    [0xdfff, false],
    [0xfffe, false],
    [0xffff, false],
    [0x110000, false],
  ])('U+%s', (code, expected) => {
    expect(isXmlChar(code)).toBe(expected);
  });
});
