import { describe, expect, it } from 'vitest';
import { isDavParseError } from '../../src/errors/guards.ts';
import { decodeMultiStatus } from '../../src/multistatus/decode.ts';
import { decodeMultiStatusStream } from '../../src/stream/index.ts';

// Inputs where the buffered decoder once disagreed with the streaming one (found by the stream's
// parity tests). Both must give the same result, or both DavParseError.

async function both(text: string): Promise<[unknown, unknown]> {
  const outcome = (error: unknown) => (isDavParseError(error) ? 'DavParseError' : error);
  let buffered: unknown;
  let streamed: unknown;
  try {
    buffered = decodeMultiStatus(text).responses;
  } catch (error) {
    buffered = outcome(error);
  }
  try {
    const responses = [];
    for await (const response of decodeMultiStatusStream(text)) {
      responses.push(response);
    }
    streamed = responses;
  } catch (error) {
    streamed = outcome(error);
  }
  return [buffered, streamed];
}

const wrap = (inner: string) =>
  `<D:multistatus xmlns:D="DAV:"><D:response><D:href>/a</D:href><D:propstat><D:prop>${inner}</D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response></D:multistatus>`;

describe('buffered and streaming decoders agree', () => {
  it('on a processing instruction with a quote in it (fast-xml-parser read it as attribute quoting)', async () => {
    const [buffered, streamed] = await both(
      `<?t '?>${wrap(`<z:v xmlns:z="urn:z"><?t '?>A<z:w>B</z:w><?t '?></z:v>`)}`,
    );
    expect(buffered).toEqual(streamed);
    expect(JSON.stringify(buffered)).toContain('"text":"A"');
  });

  it('on character references with leading zeros', async () => {
    const [buffered, streamed] = await both(
      '<D:multistatus xmlns:D="DAV:"><D:response><D:href>/&#x0000000041;&#00000000066;</D:href><D:status>HTTP/1.1 200 OK</D:status></D:response></D:multistatus>',
    );
    expect(buffered).toEqual(streamed);
    expect((buffered as { href: string }[])[0]?.href).toBe('/AB');
  });

  it.each([
    [
      'a declaration with an unknown pseudo-attribute',
      '<?xml version="1.0" foo="bar"?><D:multistatus xmlns:D="DAV:"/>',
    ],
    ['a declaration without a version', '<?xml encoding="utf-8"?><D:multistatus xmlns:D="DAV:"/>'],
    ['a declaration of XML 2.0', '<?xml version="2.0"?><D:multistatus xmlns:D="DAV:"/>'],
    [
      'a name starting with a combining mark',
      '<D:multistatus xmlns:D="DAV:"><\u0300v xmlns="urn:z"/></D:multistatus>',
    ],
    [
      'a lone surrogate',
      `<D:multistatus xmlns:D="DAV:"><D:response><D:href>/\uD800</D:href><D:status>HTTP/1.1 200 OK</D:status></D:response></D:multistatus>`,
    ],
    [
      'a processing instruction whose target runs into a quote',
      `<D:multistatus xmlns:D="DAV:"><?t'x?></D:multistatus>`,
    ],
  ])('on %s: both refuse it', async (_label, text) => {
    expect(await both(text)).toEqual(['DavParseError', 'DavParseError']);
  });

  it('on prefixed names that fast-xml-parser reserves only unprefixed', async () => {
    const [buffered, streamed] = await both(
      wrap('<x:__proto__ xmlns:x="urn:x" x:constructor="1">v</x:__proto__>'),
    );
    expect(buffered).toEqual(streamed);
    expect(
      Object.keys((buffered as { propstats: { props: object }[] }[])[0]?.propstats[0]?.props ?? {}),
    ).toEqual(['{urn:x}__proto__']);
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
  });

  it.each([
    [
      'a literal > in text before whitespace and a tag',
      '<z:v xmlns:z="urn:z">a >  <z:w/>  tail</z:v>',
      'a >  ',
    ],
    ['a comment between text and whitespace', '<z:v xmlns:z="urn:z">a<!-- c -->  <z:w/></z:v>', 'a  '],
    ['CDATA holding ">   <"', '<z:v xmlns:z="urn:z"><![CDATA[x>   <y]]></z:v>', 'x>   <y'],
  ])(
    'when whitespace between tags is removed before parsing, except with %s',
    async (_label, inner, text) => {
      const [buffered, streamed] = await both(wrap(inner));
      expect(buffered).toEqual(streamed);
      const value = (buffered as { propstats: { props: Record<string, { text: string }> }[] }[])[0]
        ?.propstats[0]?.props['{urn:z}v'];
      expect(value?.text.startsWith(text)).toBe(true);
    },
  );

  it('still accepts a full declaration and a surrogate pair', async () => {
    const text = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><D:multistatus xmlns:D="DAV:"><D:response><D:href>/\u{1F600}</D:href><D:status>HTTP/1.1 200 OK</D:status></D:response></D:multistatus>`;
    const [buffered, streamed] = await both(text);
    expect(buffered).toEqual(streamed);
    expect((buffered as { path: string }[])[0]?.path).toBe('/\u{1F600}');
  });
});
