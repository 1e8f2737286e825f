import { describe, expect, it } from 'vitest';
import { mergeHeaders, plainHeaders } from '../../src/transport/headers.ts';

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

describe('plainHeaders', () => {
  it('copies response headers, leaving out credentials and challenges', () => {
    const headers = new Headers({
      ETag: '"e1"',
      'Set-Cookie': 'sid=secret',
      'WWW-Authenticate': 'Basic realm="x"',
      'Proxy-Authenticate': 'Basic',
      'Content-Type': 'text/plain',
    });
    expect(plainHeaders(headers)).toEqual({ 'content-type': 'text/plain', etag: '"e1"' });
  });
});
