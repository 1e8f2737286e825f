import { describe, expect, it } from 'vitest';
import { isDavParseError } from '../../src/errors/guards.ts';
import { parseStatusLine } from '../../src/multistatus/status-line.ts';

describe('parseStatusLine', () => {
  it.each([
    ['HTTP/1.1 200 OK', { status: 200, reason: 'OK' }],
    ['HTTP/1.1 424 Failed Dependency', { status: 424, reason: 'Failed Dependency' }],
    ['HTTP/1.1 409 (status)', { status: 409, reason: '(status)' }],
    ['HTTP/1.1 423 ', { status: 423 }],
    ['HTTP/1.0 404 Not Found', { status: 404, reason: 'Not Found' }],
    ['\n   HTTP/1.1 207 Multi-Status\n  ', { status: 207, reason: 'Multi-Status' }],
    ['HTTP/2 403 Forbidden', { status: 403, reason: 'Forbidden' }],
  ])('reads %j', (line, expected) => {
    expect(parseStatusLine(line)).toEqual(expected);
  });

  it.each(['HTTP/1.1 OK', '', 'HTTP/1.1 20 OK', 'status: fine'])('rejects %j with DavParseError', (line) => {
    let thrown: unknown;
    try {
      parseStatusLine(line);
    } catch (error) {
      thrown = error;
    }
    expect(isDavParseError(thrown)).toBe(true);
  });
});
