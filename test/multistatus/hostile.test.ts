/**
 * Hostile XML, one test per attack, through both decoders (`decodeMultiStatus` and the streaming
 * `decodeMultiStatusStream`) and, for byte-level attacks, through the client's transport
 * (`propfind`, `streamPropfind`). Each body is either rejected with `DavParseError` or decoded safely.
 *
 * No durations are asserted: the work is bounded by what is checked (a DOCTYPE is refused before any
 * entity is read, nesting stops at the depth limit, huge values are decoded exactly once). The
 * benchmark reports the times.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isDavParseError } from '../../src/errors/guards.ts';
import type { DavResponse, MultiStatus, PropStat } from '../../src/model/multistatus.ts';
import type { XmlElement } from '../../src/model/xml-element.ts';
import { decodeMultiStatus } from '../../src/multistatus/decode.ts';
import { decodeMultiStatusStream, streamPropfind } from '../../src/stream/index.ts';
import { observedClient } from '../helpers/clients.ts';

const BASE = 'https://dav.test/root/';
const utf8 = new TextEncoder();

const ms = (inner: string) => `<D:multistatus xmlns:D="DAV:">${inner}</D:multistatus>`;
/** A document with one 200 propstat holding `prop`. */
const withProp = (prop: string) =>
  ms(
    `<D:response><D:href>/root/x</D:href><D:propstat><D:prop>${prop}</D:prop>` +
      '<D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response>',
  );

/** The buffered decoder's result, or its error. */
function buffered(text: string): MultiStatus | unknown {
  try {
    return decodeMultiStatus(text, { baseUrl: BASE });
  } catch (error) {
    return error;
  }
}

/** The streaming decoder's result (in 64 KiB chunks, or the given size), or its error. */
async function streamed(text: string, chunk = 65_536): Promise<MultiStatus | unknown> {
  const chunks = Array.from({ length: Math.ceil(text.length / chunk) }, (_, i) =>
    text.slice(i * chunk, (i + 1) * chunk),
  );
  try {
    const responses: DavResponse[] = [];
    for await (const response of decodeMultiStatusStream(chunks, { baseUrl: BASE })) {
      responses.push(response);
    }
    return { kind: 'multistatus', responses };
  } catch (error) {
    return error;
  }
}

/** Both decoders must reject `text` with DavParseError. */
async function expectRejected(text: string): Promise<void> {
  const outcomes = [buffered(text), await streamed(text), await streamed(text, 7)];
  for (const outcome of outcomes) {
    expect(isDavParseError(outcome), `not a DavParseError: ${String(outcome)}`).toBe(true);
  }
}

/** Both decoders must accept `text` and agree; returns the result. */
async function expectDecoded(text: string): Promise<MultiStatus> {
  const result = buffered(text);
  expect(isDavParseError(result), String(result)).toBe(false);
  expect(await streamed(text)).toEqual(result);
  return result as MultiStatus;
}

/** The value of one property of the only propstat. */
function propOf(result: MultiStatus, name: string): unknown {
  const [response] = result.responses;
  expect(response?.kind).toBe('propstat');
  return (response as { propstats: readonly PropStat[] }).propstats[0]?.props[name];
}

describe('entity tricks: refused with the DOCTYPE that declares them', () => {
  it('billion laughs', async () => {
    const entities = Array.from(
      { length: 9 },
      (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`,
    ).join('');
    await expectRejected(
      `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">${entities}]>` +
        ms('<D:responsedescription>&lol9;</D:responsedescription>'),
    );
  });

  it('quadratic blow-up: one 100 KB entity referenced 10,000 times', async () => {
    const body = `<!DOCTYPE m [<!ENTITY a "${'a'.repeat(100_000)}">]>${withProp(`<x:p xmlns:x="urn:x">${'&a;'.repeat(10_000)}</x:p>`)}`;
    await expectRejected(body);
  });

  it('an entity reference without any declaration', async () => {
    await expectRejected(ms('<D:responsedescription>&xxe;</D:responsedescription>'));
  });

  describe('external entities (XXE): nothing is fetched', () => {
    let hits = 0;
    let origin = '';
    const server = createServer((_request, response) => {
      hits++;
      response.end('<!ENTITY leak "stolen">');
    });
    beforeAll(async () => {
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it.each([
      ['a SYSTEM file entity', () => '<!DOCTYPE m [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>', '&xxe;'],
      ['a SYSTEM http entity', () => `<!DOCTYPE m [<!ENTITY xxe SYSTEM "${origin}/e">]>`, '&xxe;'],
      ['a PUBLIC entity', () => `<!DOCTYPE m [<!ENTITY xxe PUBLIC "-//davkit//x" "${origin}/p">]>`, '&xxe;'],
      [
        'an external parameter entity',
        () => `<!DOCTYPE m [<!ENTITY % p SYSTEM "${origin}/dtd"> %p;]>`,
        '&leak;',
      ],
      ['an internal parameter entity', () => '<!DOCTYPE m [<!ENTITY % p "<!ENTITY e \'x\'>"> %p;]>', '&e;'],
      ['an external DTD', () => `<!DOCTYPE D:multistatus SYSTEM "${origin}/ms.dtd">`, '&leak;'],
    ])('%s', async (_what, doctype, reference) => {
      await expectRejected(
        `${doctype()}${ms(`<D:responsedescription>${reference}</D:responsedescription>`)}`,
      );
      expect(hits).toBe(0);
    });
  });
});

describe('a DOCTYPE in any form is refused', () => {
  const root = ms('<D:response><D:href>/root/x</D:href><D:status>HTTP/1.1 200 OK</D:status></D:response>');
  it.each([
    ['without internal subset', `<!DOCTYPE D:multistatus>${root}`],
    ['with an empty internal subset', `<!DOCTYPE D:multistatus []>${root}`],
    ['with element declarations only', `<!DOCTYPE D:multistatus [<!ELEMENT D:multistatus ANY>]>${root}`],
    ['in lower case', `<!doctype D:multistatus>${root}`],
    ['in mixed case', `<!DocType D:multistatus>${root}`],
    ['after a comment', `<!-- hello --><!DOCTYPE D:multistatus>${root}`],
    ['after the XML declaration', `<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE D:multistatus>${root}`],
    ['after a processing instruction', `<?xml-stylesheet href="a.xsl"?><!DOCTYPE D:multistatus>${root}`],
    ['after a byte-order mark', `\uFEFF<!DOCTYPE D:multistatus>${root}`],
    ['across lines', `<!DOCTYPE\n  D:multistatus\n  [\n]\n>${root}`],
    ['inside the root element', ms('<!DOCTYPE x><D:response/>')],
    ['after the root element', `${root}<!DOCTYPE D:multistatus>`],
  ])('%s', async (_what, text) => {
    await expectRejected(text);
  });
});

describe('size and depth', () => {
  const nested = (depth: number) =>
    withProp(`${'<x:a xmlns:x="urn:x">'.repeat(depth)}${'</x:a>'.repeat(depth)}`);

  it('10,000-deep nesting is refused at the depth limit', async () => {
    await expectRejected(nested(10_000));
  });

  it('100,000-deep nesting too, and unclosed nesting', async () => {
    await expectRejected(nested(100_000));
    await expectRejected(ms('<D:response>'.repeat(100_000)));
  });

  it('nesting up to the limit is accepted; a lower limit is honoured', async () => {
    expect((await expectDecoded(nested(100))).responses).toHaveLength(1);
    expect(() => decodeMultiStatus(nested(20), { limits: { maxDepth: 10 } })).toThrow(
      /nested deeper than 10/,
    );
  });

  it('a 1 MB attribute value is decoded whole', async () => {
    const value = 'v'.repeat(1 << 20);
    const result = await expectDecoded(withProp(`<x:p xmlns:x="urn:x" big="${value}"/>`));
    expect((propOf(result, '{urn:x}p') as XmlElement).attributes.big).toBe(value);
  });

  it('a 1 MB attribute made of references is decoded once', async () => {
    const result = await expectDecoded(withProp(`<x:p xmlns:x="urn:x" big="${'&amp;'.repeat(200_000)}"/>`));
    expect((propOf(result, '{urn:x}p') as XmlElement).attributes.big).toBe('&'.repeat(200_000));
  });

  it('a 10 MB text node is decoded whole', { timeout: 60_000 }, async () => {
    const text = 't'.repeat(10 << 20);
    const result = await expectDecoded(withProp(`<x:p xmlns:x="urn:x">${text}</x:p>`));
    expect((propOf(result, '{urn:x}p') as XmlElement).text.length).toBe(text.length);
  });

  it('20,000 attributes on one element are decoded', { timeout: 60_000 }, async () => {
    const attributes = Array.from({ length: 20_000 }, (_, i) => ` a${i}="${i}"`).join('');
    const result = await expectDecoded(withProp(`<x:p xmlns:x="urn:x"${attributes}/>`));
    expect(Object.keys((propOf(result, '{urn:x}p') as XmlElement).attributes)).toHaveLength(20_000);
  });
});

/** A PROPFIND answer whose displayname is given as raw bytes, in the encoding `encode` produces. */
function answer(displayname: Uint8Array, declaration = '<?xml version="1.0" encoding="utf-8"?>'): Uint8Array {
  const [head, tail] = [
    `${declaration}<D:multistatus xmlns:D="DAV:"><D:response><D:href>/root/x/</D:href><D:propstat><D:prop><D:displayname>`,
    '</D:displayname></D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response></D:multistatus>',
  ].map((part) => utf8.encode(part));
  return concat(head as Uint8Array, displayname, tail as Uint8Array);
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, part) => n + part.byteLength, 0));
  parts.reduce((offset, part) => {
    out.set(part, offset);
    return offset + part.byteLength;
  }, 0);
  return out;
}

/** UTF-16 code units, little or big endian, with a byte-order mark. */
function utf16(text: string, endian: 'le' | 'be'): Uint8Array {
  const out = new Uint8Array(2 + text.length * 2);
  const view = new DataView(out.buffer);
  view.setUint16(0, 0xfeff, endian === 'le');
  for (let i = 0; i < text.length; i++) {
    view.setUint16(2 + i * 2, text.charCodeAt(i), endian === 'le');
  }
  return out;
}

/** The displayname as decoded by `propfind`, by `streamPropfind` and by the stream decoder on the bytes. */
async function displaynames(body: Uint8Array, contentType: string): Promise<unknown[]> {
  const { dav } = observedClient(
    () => new Response(body.slice(), { status: 207, headers: { 'content-type': contentType } }),
  );
  const name = (result: { responses: readonly DavResponse[] }) =>
    (result.responses[0] as { propstats: readonly PropStat[] }).propstats[0]?.props['{DAV:}displayname'];
  const viaClient = name(await dav.propfind('/x/', { depth: 0 }));
  const streamedResponses: DavResponse[] = [];
  for await (const response of streamPropfind(dav, '/x/', { depth: 0 })) {
    streamedResponses.push(response);
  }
  const byteChunks = Array.from({ length: body.length }, (_, i) => body.subarray(i, i + 1));
  const fromBytes: DavResponse[] = [];
  for await (const response of decodeMultiStatusStream(
    (async function* () {
      yield* byteChunks;
    })(),
    { contentType },
  )) {
    fromBytes.push(response);
  }
  return [viaClient, name({ responses: streamedResponses }), name({ responses: fromBytes })];
}

describe('bytes and charsets, through the transport and the streaming reader', () => {
  it('invalid UTF-8 is decoded with U+FFFD, safely', async () => {
    // A lone continuation byte, a truncated sequence, an overlong "/", an encoded surrogate, 0xFF.
    const invalid = Uint8Array.from([0x61, 0x80, 0x62, 0xc3, 0x28, 0xc0, 0xaf, 0xed, 0xa0, 0x80, 0xff, 0x7a]);
    const names = await displaynames(answer(invalid), 'application/xml; charset=utf-8');
    expect(new Set(names).size).toBe(1);
    expect(names[0]).toMatch(/^a\uFFFDb\uFFFD\(\uFFFD+z$/);
  });

  it('a UTF-8 byte-order mark is not content', async () => {
    const names = await displaynames(
      concat(Uint8Array.from([0xef, 0xbb, 0xbf]), answer(utf8.encode('Grün'))),
      'application/xml; charset=utf-8',
    );
    expect(names).toEqual(['Grün', 'Grün', 'Grün']);
  });

  it.each(['le', 'be'] as const)(
    'UTF-16%s with its byte-order mark and a matching charset',
    async (endian) => {
      const text = new TextDecoder().decode(
        answer(utf8.encode('Grün 😀'), '<?xml version="1.0" encoding="utf-16"?>'),
      );
      const names = await displaynames(utf16(text, endian), `application/xml; charset=utf-16${endian}`);
      expect(names).toEqual(['Grün 😀', 'Grün 😀', 'Grün 😀']);
    },
  );

  it('a wrong declared charset (iso-8859-1 for UTF-8 bytes) gives mojibake, not an exception', async () => {
    const names = await displaynames(answer(utf8.encode('café')), 'text/xml; charset=iso-8859-1');
    expect(names).toEqual(['cafÃ©', 'cafÃ©', 'cafÃ©']);
  });

  it('a wrong XML encoding declaration (utf-16 for UTF-8 bytes) is rejected or decoded, never thrown raw', async () => {
    const body = answer(utf8.encode('x'), '<?xml version="1.0" encoding="utf-16"?>');
    const outcome = await displaynames(body, 'application/xml').catch((error: unknown) => error);
    expect(Array.isArray(outcome) || isDavParseError(outcome), String(outcome)).toBe(true);
  });
});

/** Every object reachable from a value is a plain object or an array (no prototype tricks). */
function expectPlain(value: unknown, path = 'result'): void {
  if (typeof value !== 'object' || value === null) {
    return;
  }
  const prototype = Object.getPrototypeOf(value);
  expect(prototype === Object.prototype || prototype === Array.prototype, `${path} is not plain`).toBe(true);
  for (const key of Reflect.ownKeys(value)) {
    expect(typeof key, `${path} has a symbol key`).toBe('string');
    const descriptor = Object.getOwnPropertyDescriptor(value, key);
    expect(descriptor && 'value' in descriptor, `${path}.${String(key)} is an accessor`).toBe(true);
    expectPlain(descriptor?.value, `${path}.${String(key)}`);
  }
}

describe('prototype names are decoded as data or refused, never as prototypes', () => {
  const before = Object.getOwnPropertyNames(Object.prototype).sort();

  it.each([
    ['a __proto__ element', '<__proto__><polluted>yes</polluted></__proto__>'],
    ['a __proto__ attribute', '<x:p xmlns:x="urn:x" __proto__="yes"/>'],
    ['a constructor element', '<constructor><prototype><polluted>yes</polluted></prototype></constructor>'],
    ['a constructor attribute', '<x:p xmlns:x="urn:x" constructor="yes" prototype="yes"/>'],
    ['toString and hasOwnProperty elements', '<toString>x</toString><hasOwnProperty>y</hasOwnProperty>'],
    ['a __proto__ prefix', '<__proto__:p xmlns:__proto__="urn:x">yes</__proto__:p>'],
    ['a __proto__ namespace', '<p xmlns="__proto__">yes</p>'],
    ['a DAV:__proto__ element', '<D:__proto__>yes</D:__proto__>'],
    ['a namespaced __proto__ element', '<x:__proto__ xmlns:x="urn:x" x:__proto__="yes">yes</x:__proto__>'],
  ])('%s', async (_what, prop) => {
    const text = withProp(prop);
    for (const outcome of [buffered(text), await streamed(text), await streamed(text, 3)]) {
      if (!isDavParseError(outcome)) {
        expectPlain(outcome);
        expect(structuredClone(outcome)).toEqual(outcome);
      }
    }
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
