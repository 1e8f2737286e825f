/**
 * The client's whole-body decoders (issue 16): davkit's reader given the whole text, in place of
 * fast-xml-parser. What they return and refuse is what `decodeMultiStatus` / `parseXmlDocument` did
 * for the same text; the parity tests and the decode corpus cover the bodies, this covers what is
 * particular to a body already held whole.
 */
import { describe, expect, it } from 'vitest';
import { isDavParseError } from '../../src/index.ts';
import { BUFFERED, readXmlDocument } from '../../src/operations/buffered.ts';
import { DEFAULT_MAX_TEXT_SIZE } from '../../src/xml/limits.ts';
import { parseXmlDocument } from '../../src/xml/parse-tree.ts';

const multistatus = (value: string) =>
  `<D:multistatus xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:response><D:href>/cal/a.ics</D:href>` +
  `<D:propstat><D:prop><C:calendar-data>${value}</C:calendar-data></D:prop>` +
  `<D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response></D:multistatus>`;

const CALENDAR_DATA = '{urn:ietf:params:xml:ns:caldav}calendar-data';

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('BUFFERED: whole bodies read with davkit’s reader', () => {
  it('a value above the incremental maxTextSize is kept: a held body is bounded by maxBodySize only', () => {
    // fast-xml-parser accepted it; the reader's defaults (16 MiB) would refuse it when reading in pieces.
    const read = BUFFERED.multistatus(multistatus('x'.repeat(DEFAULT_MAX_TEXT_SIZE + 1)), {});
    const [response] = read.responses;
    const value = response?.kind === 'propstat' ? response.propstats[0]?.props[CALENDAR_DATA] : undefined;
    expect(value).toMatchObject({ name: CALENDAR_DATA, children: [] });
    expect((value as { text: string }).text).toHaveLength(DEFAULT_MAX_TEXT_SIZE + 1);
  });

  it('nesting is limited as before (128 levels)', () => {
    const deep = `${'<a>'.repeat(130)}${'</a>'.repeat(130)}`;
    expect(isDavParseError(thrown(() => readXmlDocument(deep)))).toBe(true);
    expect(isDavParseError(thrown(() => parseXmlDocument(deep)))).toBe(true);
    const fine = `${'<a>'.repeat(100)}${'</a>'.repeat(100)}`;
    expect(readXmlDocument(fine)).toStrictEqual(parseXmlDocument(fine));
  });

  it('a malformed body: the same message and position, with a snippet', () => {
    const body = '<D:error xmlns:D="DAV:"><D:lock-token-submitted><D:href>/a & b</D:href></D:error>';
    const mine = thrown(() => BUFFERED.tree(body)) as Error & { snippet?: string };
    const before = thrown(() => parseXmlDocument(body)) as Error & { snippet?: string };
    expect(mine.message).toBe(before.message);
    expect(mine.message).toMatch(/line 1, column \d+/);
    expect(mine.snippet).toContain('/a & b');
  });

  it('a byte-order mark and undeclared prefixes read as before', () => {
    const body =
      '\uFEFF<D:error><D:lock-token-submitted><D:href>/a</D:href></D:lock-token-submitted></D:error>';
    expect(BUFFERED.tree(body)).toStrictEqual(parseXmlDocument(body));
    expect(BUFFERED.tree(body).warnings.length).toBeGreaterThan(0);
  });
});
