import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeDate } from '../../src/multistatus/props/scalars.ts';

const element = (text: string) => ({ name: '{DAV:}getlastmodified', attributes: {}, children: [], text });

describe('decodeDate', () => {
  it('gives what Date gives for every IMF-fixdate (the fast path included)', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1970, 0, 1), max: Date.UTC(2100, 0, 1) }), (ms) => {
        const date = new Date(Math.floor(ms / 1000) * 1000);
        expect(decodeDate(element(date.toUTCString()))).toBe(date.toISOString());
      }),
      { numRuns: 2000 },
    );
  });

  it('reads RFC 3339 creation dates, with offsets', () => {
    expect(decodeDate(element('2026-11-01T10:00:00Z'))).toBe('2026-11-01T10:00:00.000Z');
    expect(decodeDate(element('2026-11-01T12:00:00+02:00'))).toBe('2026-11-01T10:00:00.000Z');
  });

  it('keeps what is not a date as the server sent it, and never invents one', () => {
    expect(decodeDate(element('yesterday'))).toBe('yesterday');
    expect(decodeDate(element('Sun, 31 Feb 2026 10:00:00 GMT'))).toBe(
      new Date(Date.parse('Sun, 31 Feb 2026 10:00:00 GMT')).toISOString(),
    );
  });
});
