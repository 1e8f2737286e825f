import { describe, expect, it } from 'vitest';
import { BodyTextDecoder, charsetOf, chooseDecoder } from '../../src/transport/charset.ts';

const utf8 = (text: string) => new TextEncoder().encode(text);
const latin1 = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));

describe('charsetOf', () => {
  it.each([
    ['text/xml; charset="utf-8"', 'utf-8'],
    ['application/xml;charset=utf-8', 'utf-8'],
    ['text/html; charset=ISO-8859-1; foo=bar', 'ISO-8859-1'],
    ['text/plain; CHARSET = windows-1252', 'windows-1252'],
    ['text/plain', undefined],
    [null, undefined],
    ['text/plain; charset=""', undefined],
  ])('%j → %j', (contentType, charset) => {
    expect(charsetOf(contentType)).toBe(charset);
  });
});

describe('chooseDecoder', () => {
  it('lets a byte-order mark win over everything', () => {
    expect(
      chooseDecoder('text/xml; charset=iso-8859-1', new Uint8Array([0xef, 0xbb, 0xbf, 0x3c])).encoding,
    ).toBe('utf-8');
    expect(chooseDecoder('text/xml; charset=utf-8', new Uint8Array([0xff, 0xfe, 0x3c, 0])).encoding).toBe(
      'utf-16le',
    );
    expect(chooseDecoder(null, new Uint8Array([0xfe, 0xff, 0, 0x3c])).encoding).toBe('utf-16be');
  });

  it('takes the Content-Type charset (quoted or not) over the XML declaration', () => {
    const head = latin1('<?xml version="1.0" encoding="utf-8"?><a/>');
    expect(chooseDecoder('text/xml; charset="iso-8859-1"', head).encoding).toBe('windows-1252');
  });

  it('falls back to the XML declaration, single or double quoted', () => {
    expect(chooseDecoder('text/xml', latin1('<?xml version="1.0" encoding="ISO-8859-1"?>')).encoding).toBe(
      'windows-1252',
    );
    expect(chooseDecoder(null, latin1("<?xml version='1.0' encoding='utf-16le'?>")).encoding).toBe(
      'utf-16le',
    );
  });

  it('uses UTF-8 when nothing says otherwise, or for an unknown label', () => {
    expect(chooseDecoder(null, utf8('<a/>')).encoding).toBe('utf-8');
    expect(chooseDecoder('text/xml; charset=x-klingon', utf8('<a/>')).encoding).toBe('utf-8');
    expect(chooseDecoder(null, latin1('<?xml version="1.0" encoding="no-such-thing"?>')).encoding).toBe(
      'utf-8',
    );
  });

  it('never rejects invalid bytes: they become U+FFFD', () => {
    expect(
      chooseDecoder('text/plain; charset=utf-8', new Uint8Array()).decode(new Uint8Array([0x61, 0xff])),
    ).toBe('a\uFFFD');
  });
});

describe('BodyTextDecoder', () => {
  it('decodes a multi-byte UTF-8 body split into single bytes', () => {
    const text = 'café ☕ 𝄞'.repeat(40);
    const decoder = new BodyTextDecoder('text/plain; charset=utf-8');
    const parts = Array.from(utf8(text), (byte) => decoder.push(new Uint8Array([byte])));
    expect(parts.join('') + decoder.end()).toBe(text);
  });

  it('sniffs the XML declaration of a short body at the end', () => {
    const decoder = new BodyTextDecoder(null);
    expect(decoder.push(latin1('<?xml version="1.0" encoding="iso-8859-1"?><a>caf\xe9</a>'))).toBe('');
    expect(decoder.end()).toBe('<?xml version="1.0" encoding="iso-8859-1"?><a>café</a>');
  });

  it('strips a UTF-8 BOM', () => {
    const decoder = new BodyTextDecoder(null);
    decoder.push(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('<a/>')]));
    expect(decoder.end()).toBe('<a/>');
  });
});
