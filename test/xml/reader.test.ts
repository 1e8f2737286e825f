/**
 * davkit's incremental XML reader on its own (its parity with the buffered decoder is proven by
 * test/stream/parity.test.ts and the fuzz run): what it holds and when it gives up (limits), long
 * runs of text that arrive in many pieces, input normalised across pieces, and where errors point.
 */
import { describe, expect, it } from 'vitest';
import { isDavBodyTooLargeError, isDavParseError } from '../../src/errors/guards.ts';
import type { XmlElement } from '../../src/model/xml-element.ts';
import type { XmlEventSink } from '../../src/xml/events.ts';
import type { XmlLimits } from '../../src/xml/limits.ts';
import { XmlReader } from '../../src/xml/reader.ts';
import { ELEMENT_WEIGHT } from '../../src/xml/size-guard.ts';
import { TreeBuilder } from '../../src/xml/tree-builder.ts';

/** The tree of `text` read in pieces of `size` characters (or the error). */
function read(text: string, size: number, limits?: XmlLimits): XmlElement | unknown {
  const builder = new TreeBuilder();
  const reader = new XmlReader(builder, limits === undefined ? {} : { limits });
  try {
    for (let at = 0; at < text.length; at += size) {
      reader.write(text.slice(at, at + size));
    }
    reader.close();
    return builder.take();
  } catch (error) {
    return error;
  }
}

/** Events as a list, to see exactly what was delivered. */
function events(pieces: readonly string[]): string[] {
  const seen: string[] = [];
  const sink: XmlEventSink = {
    startElement: (name) => seen.push(`<${name}>`),
    text: (text) => seen.push(JSON.stringify(text)),
    endElement: () => seen.push('</>'),
  };
  const reader = new XmlReader(sink);
  for (const piece of pieces) {
    reader.write(piece);
  }
  reader.close();
  return seen;
}

const limits = (sizes: Omit<XmlLimits, 'maxDepth'>): XmlLimits => ({ maxDepth: 128, ...sizes });

describe('long text arriving in many pieces', () => {
  // References and "]]" sit everywhere, so that pieces end inside them.
  const value = 'x&amp;y]]&gt;&#x1F600;]'.repeat(20_000);
  const expected = 'x&y]]>😀]'.repeat(20_000);

  it.each([1, 2, 3, 7, 1000, 16_384])('is read whole in pieces of %i', (size) => {
    const tree = read(`<a>${value}</a>`, size) as XmlElement;
    expect(tree.text).toBe(expected);
  });

  it('"]]>" split between pieces is still refused', () => {
    const text = `<a>${'y'.repeat(40_000)}]]>${'z'.repeat(10)}</a>`;
    for (const size of [1, 2, 3, 20_001, 40_001, 40_002]) {
      expect(isDavParseError(read(text, size)), String(size)).toBe(true);
    }
  });

  it('a comment inside a long run joins the text on both sides', () => {
    expect(
      (read(`<a>${'p'.repeat(30_000)}<!-- c -->${'q'.repeat(30_000)}</a>`, 4096) as XmlElement).text,
    ).toBe('p'.repeat(30_000) + 'q'.repeat(30_000));
  });
});

describe('limits: what is held at once', () => {
  it('maxTextSize: one text node, however it is cut', () => {
    const text = `<a><b>${'t'.repeat(1001)}</b></a>`;
    for (const size of [1, 100, text.length]) {
      const error = read(text, size, limits({ maxTextSize: 1000 }));
      expect(isDavBodyTooLargeError(error) && [error.limitName, error.limit]).toEqual(['maxTextSize', 1000]);
    }
    expect(
      (read(`<a><b>${'t'.repeat(1000)}</b></a>`, 7, limits({ maxTextSize: 1000 })) as XmlElement).children,
    ).toHaveLength(1);
  });

  it('maxTextSize: one tag, comment or CDATA section', () => {
    for (const markup of [
      `<b c="${'v'.repeat(1000)}"/>`,
      `<!--${'c'.repeat(1000)}-->`,
      `<![CDATA[${'d'.repeat(1000)}]]>`,
    ]) {
      for (const size of [3, 5000]) {
        const error = read(`<a>${markup}</a>`, size, limits({ maxTextSize: 1000 }));
        expect(isDavBodyTooLargeError(error) && error.limitName, markup.slice(0, 9)).toBe('maxTextSize');
      }
    }
  });

  it('maxResponseSize: one child of the root, its characters plus a weight per element', () => {
    const child = `<r>${'<e/>'.repeat(10)}</r>`; // 27 characters, 11 elements
    const size = child.length + 11 * ELEMENT_WEIGHT;
    const text = `<root>${child}${child}</root>`;
    for (const piece of [1, 10, text.length]) {
      expect(read(text, piece, limits({ maxResponseSize: size })), String(piece)).toMatchObject({
        name: 'root',
      });
      const error = read(text, piece, limits({ maxResponseSize: size - 1 }));
      expect(isDavBodyTooLargeError(error) && error.limitName, String(piece)).toBe('maxResponseSize');
    }
  });

  it('text outside the root is checked and dropped, not held', () => {
    const reader = new XmlReader(new TreeBuilder(), { limits: limits({ maxTextSize: 100 }) });
    reader.write('<a/>');
    for (let i = 0; i < 1000; i++) {
      reader.write('\n   ');
    }
    expect(() => reader.close()).not.toThrow();
  });
});

describe('input normalised across pieces', () => {
  it('CR LF and lone CR read as LF, in text and attribute values, whatever the cut', () => {
    const text = '<a b="1\r\n2\r3">x\r\ny\rz\r</a>';
    for (let size = 1; size <= text.length; size++) {
      const tree = read(text, size) as XmlElement;
      expect([tree.text, tree.attributes.b], String(size)).toEqual(['x\ny\nz\n', '1 2 3']);
    }
  });

  it('a byte-order mark once at the start; a surrogate pair split between pieces', () => {
    expect(events(['\uFEFF', '<a>\uD83D', '\uDE00</a>'])).toEqual(['<a>', '"😀"', '</>']);
    expect(isDavParseError(read('\uFEFF\uFEFF<a/>', 1))).toBe(true);
    expect(isDavParseError(read('<a>\uD83D</a>', 100))).toBe(true);
  });
});

describe('errors', () => {
  it('point at the problem: line, column and a snippet, whatever the pieces', () => {
    const text = '<a>\n  <b>\n    <c>&bogus;</c>\n  </b>\n</a>';
    for (const size of [1, 4, text.length]) {
      const error = read(text, size);
      expect(isDavParseError(error) && [error.position?.line, error.position?.column]).toEqual([3, 8]);
      // What has arrived up to the problem; a whole body shows what follows it too.
      expect(isDavParseError(error) && error.snippet).toContain('<c>&bogus;');
    }
  });

  it('a DOCTYPE is refused as soon as its first characters say so', () => {
    const reader = new XmlReader(new TreeBuilder());
    expect(() => reader.write('<?xml version="1.0"?>\n<!DOCTYPE x [')).toThrow(/DOCTYPE is not allowed/);
    const html = new XmlReader(new TreeBuilder());
    html.write('<!DOCTYPE ht');
    expect(() => html.write('ml><html>')).toThrow(/an HTML page/);
  });
});
