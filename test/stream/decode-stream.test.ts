/**
 * `decodeMultiStatusStream` as an API: every body shape it accepts, cancellation of the source when
 * the loop stops early or the body is bad, a single iteration, the top-level values once it has
 * ended, charsets and byte-order marks, fail-fast refusals, and control handed back to the event loop
 * during long decodes. Where the buffered decoder is laxer than XML (reported to the lead), the
 * stream's own strictness is tested here, not parity.
 */
import { Readable } from 'node:stream';
import { describe, expect, it, vi } from 'vitest';
import { decodeMultiStatus, isDavParseError } from '../../src/index.ts';
import type { DavResponse } from '../../src/model/multistatus.ts';
import { decodeMultiStatusStream } from '../../src/stream/index.ts';
import { BASE_URL, fixture } from '../multistatus/fixture-files.ts';
import { apacheListing } from './apache-listing.ts';
import { asAsync, asReadableStream, cut, streamOutcome, utf8 } from './stream-helpers.ts';

const TEXT = fixture('apache-propfind-allprop.xml');
const EXPECTED = decodeMultiStatus(TEXT, { baseUrl: BASE_URL });

async function collect(stream: AsyncIterable<DavResponse>): Promise<DavResponse[]> {
  const responses: DavResponse[] = [];
  for await (const response of stream) {
    responses.push(response);
  }
  return responses;
}

/** A multistatus with one response whose displayname is `name`. */
function named(name: string, prolog = ''): string {
  return `${prolog}<D:multistatus xmlns:D="DAV:"><D:response><D:href>/dav/a</D:href><D:propstat><D:prop><D:displayname>${name}</D:displayname></D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response></D:multistatus>`;
}

function displayname(response: DavResponse | undefined): unknown {
  return response?.kind === 'propstat' ? response.propstats[0]?.props['{DAV:}displayname'] : undefined;
}

describe('the bodies it accepts', () => {
  const bytes = utf8(TEXT);
  const bodies = {
    'a ReadableStream<Uint8Array>': () => asReadableStream(cut(bytes, [5, 300, 1])),
    'an AsyncIterable<Uint8Array>': () => asAsync(cut(bytes, [64])),
    'an AsyncIterable<string>': () => asAsync(cut(TEXT, [3, 1000])),
    'an AsyncIterable mixing bytes and strings': () =>
      // 100 bytes are still held for charset sniffing when the first string arrives.
      asAsync<Uint8Array | string>([bytes.slice(0, 100), TEXT.slice(100, 2000), utf8(TEXT.slice(2000))]),
    'a string': () => TEXT,
    'an array of strings': () => cut(TEXT, [10]),
    'a Node Readable (an AsyncIterable of Buffers)': () => Readable.from(cut(Buffer.from(TEXT), [7])),
  };
  for (const [label, body] of Object.entries(bodies)) {
    it(label, async () => {
      const stream = decodeMultiStatusStream(body(), { baseUrl: BASE_URL });
      expect(await collect(stream)).toStrictEqual(EXPECTED.responses);
    });
  }
});

describe('stopping early cancels the source', () => {
  it('break cancels a ReadableStream (its cancel is called)', async () => {
    const cancel = vi.fn();
    const pieces = cut(utf8(TEXT), [400]);
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull: (controller) => {
        controller.enqueue(pieces[pulled++ % pieces.length] as Uint8Array);
      },
      cancel,
    });
    for await (const response of decodeMultiStatusStream(body)) {
      expect(response.href).toBe('/dav/list/');
      break;
    }
    expect(cancel).toHaveBeenCalledTimes(1);
  });

  it("break calls the async iterator's return()", async () => {
    const pieces = cut(TEXT, [300]);
    let i = 0;
    const returned = vi.fn(async () => ({ done: true as const, value: undefined }));
    const body: AsyncIterable<string> = {
      [Symbol.asyncIterator]: () => ({
        next: async () => ({ done: false as const, value: pieces[i++ % pieces.length] as string }),
        return: returned,
      }),
    };
    let seen = 0;
    for await (const _ of decodeMultiStatusStream(body)) {
      if (++seen === 2) {
        break;
      }
    }
    expect(returned).toHaveBeenCalledTimes(1);
  });

  it("an async generator's finally runs", async () => {
    let finished = false;
    async function* body() {
      try {
        yield TEXT;
        yield TEXT; // never read
      } finally {
        finished = true;
      }
    }
    for await (const _ of decodeMultiStatusStream(body())) {
      break;
    }
    expect(finished).toBe(true);
  });

  it('a parse error cancels the source too, after the responses before it', async () => {
    const cancel = vi.fn();
    const bad = `${TEXT.slice(0, TEXT.indexOf('</D:response>') + 13)}<D:response><oops></D:response>`;
    const body = new ReadableStream<Uint8Array>({
      start: (controller) => controller.enqueue(utf8(bad)), // never closed: only a cancel ends it
      cancel,
    });
    const outcome = await streamOutcome(body, { baseUrl: BASE_URL });
    expect(outcome.responses).toStrictEqual(EXPECTED.responses.slice(0, 1));
    expect(!outcome.ok && isDavParseError(outcome.error)).toBe(true);
    expect(cancel).toHaveBeenCalledTimes(1);
  });

  it('an error of the source itself comes out unchanged', async () => {
    const failure = new Error('socket hang up');
    async function* body() {
      yield TEXT.slice(0, 2000);
      throw failure;
    }
    const outcome = await streamOutcome(body());
    expect(outcome.ok ? undefined : outcome.error).toBe(failure);
    expect(outcome.responses).toStrictEqual(
      EXPECTED.responses.slice(0, TEXT.slice(0, 2000).split('</D:response>').length - 1),
    );
  });
});

describe('one iteration, then the top-level values', () => {
  it('iterating a second time throws', async () => {
    const stream = decodeMultiStatusStream(TEXT);
    await collect(stream);
    await expect(collect(stream)).rejects.toThrow(TypeError);
  });

  it('iterating again after a break throws too', async () => {
    const stream = decodeMultiStatusStream(TEXT);
    for await (const _ of stream) {
      break;
    }
    await expect(collect(stream)).rejects.toThrow('iterated once');
  });

  it('description and syncToken are known once the stream has ended', async () => {
    const body = `<d:multistatus xmlns:d="DAV:"><d:response><d:href>/dav/a</d:href><d:status>HTTP/1.1 200 OK</d:status></d:response><d:sync-token>http://example.com/sync/42</d:sync-token><d:responsedescription> All &amp; done </d:responsedescription></d:multistatus>`;
    const stream = decodeMultiStatusStream(asAsync(cut(body, [9])));
    expect([stream.done, stream.description, stream.syncToken]).toEqual([false, undefined, undefined]);
    for await (const _ of stream) {
      expect(stream.done).toBe(false);
    }
    expect([stream.done, stream.description, stream.syncToken]).toEqual([
      true,
      'All & done',
      'http://example.com/sync/42',
    ]);
    const buffered = decodeMultiStatus(body);
    expect([buffered.description, buffered.syncToken]).toEqual([stream.description, stream.syncToken]);
  });

  it('a stream that failed is not done and has no top-level values', async () => {
    const stream = decodeMultiStatusStream(
      TEXT.replace('</D:multistatus>', '<D:sync-token>t</D:sync-token>'),
    );
    await expect(collect(stream)).rejects.toSatisfy(isDavParseError);
    expect([stream.done, stream.syncToken]).toEqual([false, undefined]);
  });
});

describe('charsets and byte-order marks', () => {
  const latin1 = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));

  it('ISO-8859-1 from the Content-Type, one byte at a time', async () => {
    const body = asAsync(cut(latin1(named('café à Zürich')), [1]));
    const [response] = await collect(
      decodeMultiStatusStream(body, { contentType: 'text/xml; charset="ISO-8859-1"' }),
    );
    expect(displayname(response)).toBe('café à Zürich');
  });

  it("ISO-8859-1 from the XML declaration when the Content-Type doesn't say", async () => {
    const text = named('café', '<?xml version="1.0" encoding="ISO-8859-1"?>');
    const [response] = await collect(
      decodeMultiStatusStream(asAsync(cut(latin1(text), [2])), { contentType: 'application/xml' }),
    );
    expect(displayname(response)).toBe('café');
  });

  it('UTF-8 by default (the same Latin-1 bytes then give U+FFFD, as the buffered path does)', async () => {
    const [response] = await collect(decodeMultiStatusStream(asAsync([latin1(named('café'))])));
    expect(displayname(response)).toBe('caf\uFFFD');
  });

  it('a UTF-8 byte-order mark, split across chunks', async () => {
    const body = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(named('漢字'))]);
    const [response] = await collect(decodeMultiStatusStream(asAsync(cut(body, [1]))));
    expect(displayname(response)).toBe('漢字');
  });

  it('UTF-16 LE and BE with their byte-order marks', async () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(named('😀 é'), 'utf16le')]);
    const be = Buffer.from(le.subarray(2)).swap16();
    for (const body of [le, Buffer.concat([Buffer.from([0xfe, 0xff]), be])]) {
      const [response] = await collect(decodeMultiStatusStream(asAsync(cut(new Uint8Array(body), [3]))));
      expect(displayname(response)).toBe('😀 é');
    }
  });

  it('a BOM at the start of a string body is skipped once; a second one is text before the root', async () => {
    const [response] = await collect(decodeMultiStatusStream(asAsync(['\uFEFF', named('x')])));
    expect(displayname(response)).toBe('x');
    await expect(collect(decodeMultiStatusStream(`\uFEFF\uFEFF${named('x')}`))).rejects.toSatisfy(
      isDavParseError,
    );
    expect(() => decodeMultiStatus(`\uFEFF\uFEFF${named('x')}`)).toThrow();
  });
});

describe('errors: where, and how soon', () => {
  it('a DavParseError carries the position and a snippet of the input around it', async () => {
    const text = named('a<b');
    const outcome = await streamOutcome(asAsync(cut(text, [4])));
    const error = outcome.ok ? undefined : outcome.error;
    expect(isDavParseError(error)).toBe(true);
    if (isDavParseError(error)) {
      expect(error.position?.line).toBe(1);
      expect(error.position?.column).toBeGreaterThan(text.indexOf('a<b'));
      expect(error.snippet).toContain('a<b');
    }
  });

  /** A source of `head` then `filler` forever (bounded, so a regression fails instead of hanging). */
  function endless(head: string, filler: string) {
    let pulled = 0;
    const returned = vi.fn(async () => ({ done: true as const, value: undefined }));
    const body: AsyncIterable<string> = {
      [Symbol.asyncIterator]: () => ({
        next: async () =>
          pulled++ < 20_000
            ? { done: false as const, value: pulled === 1 ? head : filler }
            : { done: true as const, value: undefined },
        return: returned,
      }),
    };
    return { body, returned, pulled: () => pulled };
  }

  it('a DOCTYPE is refused when it starts, not after an endless internal subset', async () => {
    const source = endless('<?xml version="1.0"?><!DOCTYPE m [', '<!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaa">');
    const outcome = await streamOutcome(source.body);
    expect(!outcome.ok && isDavParseError(outcome.error) && outcome.error.message).toContain('DOCTYPE');
    expect(source.pulled()).toBe(1);
    expect(source.returned).toHaveBeenCalledTimes(1);
  });

  it('a stray "&" is refused at once, not after the rest of the body', async () => {
    const source = endless(named('a & b').replace('</D:multistatus>', ''), '<D:response>x</D:response>');
    const outcome = await streamOutcome(source.body);
    expect(!outcome.ok && isDavParseError(outcome.error)).toBe(true);
    expect(source.pulled()).toBe(1);
  });

  it('long character references are still references', async () => {
    const [response] = await collect(decodeMultiStatusStream(named('&#x0000000041;&#00000000066;')));
    expect(displayname(response)).toBe('AB');
  });
});

/**
 * Cases where the buffered decoder is laxer than XML 1.0 (reported to the lead with these inputs):
 * the stream refuses malformed input and keeps content the buffered decoder loses.
 */
describe('strict where XML says so', () => {
  it.each([
    ['an XML declaration without version', '<?xml encoding="utf-8"?>'],
    ['an unknown pseudo-attribute in the XML declaration', '<?xml version="1.0" foo="bar"?>'],
    ['XML version 2.0', '<?xml version="2.0"?>'],
  ])('refuses %s', async (_, prolog) => {
    await expect(collect(decodeMultiStatusStream(named('x', prolog)))).rejects.toSatisfy(isDavParseError);
  });

  it('refuses a name that starts with a combining character', async () => {
    const text = named('<\u0300v xmlns="urn:z"/>');
    await expect(collect(decodeMultiStatusStream(text))).rejects.toSatisfy(isDavParseError);
  });

  it('reads a processing instruction holding a quote as XML does, keeping what follows it', async () => {
    const value = `<z:v xmlns:z="urn:z"><?t it's?>A<z:w>B</z:w><?t '?></z:v>`;
    const text = `<D:multistatus xmlns:D="DAV:"><D:response><D:href>/dav/a</D:href><D:propstat><D:prop>${value}</D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response></D:multistatus>`;
    const [response] = await collect(decodeMultiStatusStream(asAsync(cut(text, [5]))));
    const prop = response?.kind === 'propstat' ? response.propstats[0]?.props['{urn:z}v'] : undefined;
    expect(prop).toEqual({
      name: '{urn:z}v',
      attributes: {},
      children: [{ name: '{urn:z}w', attributes: {}, children: [], text: 'B' }],
      text: 'A',
    });
  });

  it('refuses unpaired surrogates in string chunks, after the responses before them', async () => {
    const [before, after] = named('|').split('|') as [string, string];
    const first = named('ok').replace('</D:multistatus>', '');
    for (const bad of [['\uD800'], ['\uDC00'], ['a\uD800', 'b'], ['\uD83D', '<']]) {
      const body = [first + before.replace(/^<D:multistatus[^>]*>/, ''), ...bad, after];
      const outcome = await streamOutcome(asAsync(body));
      expect(!outcome.ok && isDavParseError(outcome.error), JSON.stringify(bad)).toBe(true);
      expect(outcome.responses.map(displayname), JSON.stringify(bad)).toEqual(['ok']);
    }
    const [response] = await collect(decodeMultiStatusStream(asAsync([before, '\uD83D', '\uDE00', after])));
    expect(displayname(response)).toBe('😀');
  });
});

describe('the main thread', () => {
  it('a long decode hands control back to the event loop between stretches of work', async () => {
    // A 10,000-entry listing (~10 MB) takes far longer than one 10 ms stretch, in any environment.
    const body = apacheListing(10_000);
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 0);
    let count = 0;
    let ticksAtFirst = -1;
    try {
      for await (const _ of decodeMultiStatusStream(body)) {
        if (count++ === 0) {
          ticksAtFirst = ticks;
        }
      }
    } finally {
      clearInterval(ticker);
    }
    expect(count).toBe(10_001);
    // Timers ran while the responses were being yielded: the decode was not one long task.
    expect(ticks).toBeGreaterThan(ticksAtFirst);
  }, 60_000);
});
