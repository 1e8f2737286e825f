/**
 * Request bodies are well-formed XML or refused (issue 11.4): characters XML 1.0 does not allow, in
 * property values, element text, attribute values, names or namespace URIs, give a `DavUsageError`
 * before anything is sent. Before this, some went out raw (the server answered 400) and lone
 * surrogates were silently replaced by U+FFFD and reported as success.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isDavUsageError } from '../../src/errors/guards.ts';
import { buildReport, buildSearch } from '../../src/operations/report-search.ts';
import { lockInfoBody } from '../../src/xml/bodies/lockinfo.ts';
import { propertyUpdateBody } from '../../src/xml/bodies/propertyupdate.ts';
import { propfindBody } from '../../src/xml/bodies/propfind.ts';
import { parseXmlTree } from '../../src/xml/parse-tree.ts';
import { el, serializeXml } from '../../src/xml/serialize.ts';
import { invalidXmlChar, isNcName } from '../../src/xml/xml-chars.ts';
import { observedClient } from '../helpers/clients.ts';

/** Every kind of character XML 1.0 refuses, with how davkit names it. */
const REFUSED: [string, string][] = [
  ['\u0000', 'U+0000'],
  ['\u0001', 'U+0001'],
  ['\u0008', 'U+0008'],
  ['\u000B', 'U+000B'],
  ['\u000C', 'U+000C'],
  ['\u001F', 'U+001F'],
  ['\uFFFE', 'U+FFFE'],
  ['\uFFFF', 'U+FFFF'],
  ['\uD800', 'a lone surrogate U+D800'],
  ['\uDFFF', 'a lone surrogate U+DFFF'],
  ['x\uDBFF', 'a lone surrogate U+DBFF'],
];

/** Characters at the edges of what XML 1.0 allows: kept exactly. */
const ALLOWED = ['\t', '\n', '\r', ' ', '\u007F', '\u0085', '\uD7FF', '\uE000', '\uFFFD', '😀', '\u{10FFFF}'];

function usageError(build: () => unknown): Error {
  try {
    build();
  } catch (error) {
    expect(isDavUsageError(error), String(error)).toBe(true);
    return error as Error;
  }
  throw new Error('expected a DavUsageError');
}

describe('invalidXmlChar', () => {
  it.each(REFUSED)('names %j as %s', (char, name) => {
    expect(invalidXmlChar(`ok ${char} ok`)).toBe(name);
  });

  it.each(ALLOWED)('accepts %j', (char) => {
    expect(invalidXmlChar(`ok ${char} ok`)).toBeUndefined();
  });

  it('agrees with the XML 1.0 Char production on every BMP code unit and sampled astral ones', () => {
    const allowed = (code: number) =>
      code === 0x9 ||
      code === 0xa ||
      code === 0xd ||
      (code >= 0x20 && code <= 0xd7ff) ||
      (code >= 0xe000 && code <= 0xfffd) ||
      (code >= 0x10000 && code <= 0x10ffff);
    for (let code = 0; code <= 0xffff; code++) {
      expect(invalidXmlChar(String.fromCharCode(code)) === undefined).toBe(allowed(code));
    }
    fc.assert(
      fc.property(fc.integer({ min: 0x10000, max: 0x10ffff }), (code) => {
        expect(invalidXmlChar(String.fromCodePoint(code))).toBeUndefined();
      }),
    );
  });
});

describe('isNcName', () => {
  it.each(['getetag', 'a-b.c_d', 'ünïcode', '_x', 'x\u00B7y', 'n\u{10000}'])('accepts %j', (name) => {
    expect(isNcName(name)).toBe(true);
  });
  it.each(['', '1st', '-x', '.x', 'a:b', 'a b', 'a\u0001', '\uFFFE', 'x\uD800', 'a/b'])(
    'refuses %j',
    (name) => {
      expect(isNcName(name)).toBe(false);
    },
  );
});

describe('every request body refuses what XML 1.0 cannot carry', () => {
  it.each(REFUSED)(
    '%j in a PROPPATCH value, element text, attribute, name or namespace URI',
    (char, name) => {
      const builders: [string, () => unknown][] = [
        ['property value', () => propertyUpdateBody({ set: { '{urn:x}a': `v${char}` } })],
        ['element text', () => propertyUpdateBody({ set: { '{urn:x}a': el('{urn:x}b', [], `t${char}`) } })],
        ['attribute value', () => serializeXml(el('{urn:x}a', [], '', { id: `i${char}` }))],
        ['property name', () => propfindBody([`{urn:x}a${char}`])],
        ['namespace URI', () => propertyUpdateBody({ remove: [`{urn:x${char}}a`] })],
        ['lock owner', () => lockInfoBody({ owner: `me${char}` })],
        ['REPORT text', () => buildReport('/', `<x xmlns="urn:x">${char}</x>`)],
      ];
      for (const [, build] of builders) {
        const error = usageError(build);
        if (!error.message.includes('not an XML name')) {
          expect(error.message).toContain(name);
        }
      }
    },
  );

  it('keeps the allowed edges exactly: what is written parses back to the same text', () => {
    const text = ALLOWED.join('');
    const body = propertyUpdateBody({ set: { '{urn:x}a': text } });
    const value = parseXmlTree(body).children[0]?.children[0]?.children[0];
    expect(value?.text).toBe(text);
  });

  it('refuses non-finite numbers and values that are no element tree', () => {
    expect(usageError(() => propertyUpdateBody({ set: { '{urn:x}a': Number.NaN } })).message).toContain(
      'NaN',
    );
    usageError(() => propertyUpdateBody({ set: { '{urn:x}a': {} as never } }));
    usageError(() => propertyUpdateBody({ set: { '{urn:x}a': [el('{urn:x}b'), 'x'] as never } }));
  });

  it('refuses the xmlns namespace and an attribute named xmlns', () => {
    usageError(() => propfindBody(['{http://www.w3.org/2000/xmlns/}a']));
    usageError(() => serializeXml(el('{urn:x}a', [], '', { xmlns: 'urn:y' })));
  });

  it('refuses XML text that is not well-formed (REPORT, SEARCH)', () => {
    expect(usageError(() => buildReport('/', '<a><b></a>')).message).toContain('not well-formed');
    usageError(() => buildSearch('/', '<searchrequest xmlns="DAV:">'));
    expect(buildSearch('/', '<searchrequest xmlns="DAV:"/>').body).toBe('<searchrequest xmlns="DAV:"/>');
  });

  it('through the client: DavUsageError and nothing sent (a lone surrogate is never turned into U+FFFD)', async () => {
    const { dav, requests } = observedClient(() => new Response(null, { status: 207 }));
    const error = await dav
      .proppatch('/a.txt', { set: { '{urn:x}a': 'half \uD83D' } })
      .catch((e: unknown) => e);
    expect(isDavUsageError(error) && error.message).toContain('a lone surrogate U+D83D');
    // A batch step's body is built as the batch runs: run() rejects, before anything is sent.
    const batch = dav.batch();
    batch.proppatch('/a.txt', { set: { '{urn:x}a': '\u0002' } });
    const refused = await batch.run().catch((e: unknown) => e);
    expect(isDavUsageError(refused) && refused.message).toContain('U+0002');
    expect(requests).toEqual([]);
  });
});
