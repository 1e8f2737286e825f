import { describe, expect, it } from 'vitest';
import { isDavUsageError } from '../../src/errors/guards.ts';
import { checkHeaders, conditionHeaders, mergeHeaders } from '../../src/transport/headers.ts';

describe('mergeHeaders', () => {
  it('merges case-insensitively, later sources winning, names in lower case', () => {
    expect(
      mergeHeaders({ 'Content-Type': 'a', Depth: '1' }, { 'content-type': 'b' }, { DEPTH: '0' }),
    ).toEqual({
      'content-type': 'b',
      depth: '0',
    });
  });

  it('removes a header set earlier when a later source maps it to undefined', () => {
    expect(mergeHeaders({ 'X-Trace': 't', Accept: '*/*' }, { 'x-trace': undefined })).toEqual({
      accept: '*/*',
    });
  });

  it('skips missing sources and does not touch its inputs', () => {
    const first = { A: '1' };
    expect(mergeHeaders(undefined, first, undefined)).toEqual({ a: '1' });
    expect(first).toEqual({ A: '1' });
    expect(mergeHeaders()).toEqual({});
  });
});

describe('checkHeaders', () => {
  it.each([
    ['a CR LF in a value', { 'x-note': 'a\r\nInjected: 1' }, 'header "x-note" contains a line break'],
    ['a bare LF', { 'x-note': 'a\nb' }, 'header "x-note" contains a line break'],
    ['a NUL', { 'x-note': 'a\0b' }, 'header "x-note" contains a line break or NUL'],
    ['a name with a space', { 'x note': 'a' }, '"x note" is not a valid header name'],
    ['a number', { 'x-count': 3 }, 'header "x-count" must be a string, got number'],
  ])('refuses %s with DavUsageError, never quoting the value', (_what, headers, message) => {
    let error: unknown;
    try {
      checkHeaders(headers);
    } catch (thrown) {
      error = thrown;
    }
    expect(isDavUsageError(error)).toBe(true);
    expect((error as Error).message).toContain(message);
    expect((error as Error).message).not.toContain('Injected');
  });

  it('accepts ordinary headers, tabs and non-ASCII text included', () => {
    expect(() => checkHeaders({ depth: '1', 'x-note': 'a\tb', 'x-name': 'Zoë' })).not.toThrow();
  });
});

describe('conditionHeaders', () => {
  it('keeps only the headers that decide what a failure means (an allow-list: no credential)', () => {
    expect(
      conditionHeaders({
        overwrite: 'F',
        authorization: 'Basic x',
        cookie: 'a=b',
        'x-api-key': 'k',
        if: '(<t>)',
      }),
    ).toEqual({ overwrite: 'F', if: '(<t>)' });
    expect(conditionHeaders({ authorization: 'Basic x' })).toBeUndefined();
  });
});
