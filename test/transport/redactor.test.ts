/**
 * The one redaction point (issue 11.1): what a secret is, how it may be spelled, and how bodies,
 * headers, messages and cause chains come out of the redactor.
 */
import { describe, expect, it } from 'vitest';
import { ByteRedaction } from '../../src/transport/byte-redaction.ts';
import { Redactor } from '../../src/transport/redactor.ts';
import { secretsOfHeader, spellings } from '../../src/transport/secret-forms.ts';

const encode = (text: string) => new TextEncoder().encode(text);
const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

/** Pushes `text` through a byte redaction in chunks of `size` bytes. */
function redactInChunks(patterns: string[], text: string, size: number, referenced: string[] = []): string {
  const redaction = new ByteRedaction(patterns.map(encode), referenced);
  const bytes = encode(text);
  const out: Uint8Array[] = [];
  for (let at = 0; at < bytes.length; at += size) {
    out.push(redaction.push(bytes.subarray(at, at + size)));
  }
  out.push(redaction.end());
  const joined = new Uint8Array(out.reduce((sum, part) => sum + part.length, 0));
  out.reduce((offset, part) => {
    joined.set(part, offset);
    return offset + part.length;
  }, 0);
  return decode(joined);
}

describe('secretsOfHeader', () => {
  it('Basic: the value, the credentials, the decoded user:password and its userinfo spelling', () => {
    const value = `Basic ${btoa('alice:p@ss w')}`;
    expect(secretsOfHeader('authorization', value)).toEqual([
      value,
      btoa('alice:p@ss w'),
      'alice:p@ss w',
      'alice:p%40ss%20w',
    ]);
  });

  it('Bearer and other schemes: the value and the token; Cookie: every cookie and its value', () => {
    expect(secretsOfHeader('authorization', 'Bearer tok-1')).toEqual(['Bearer tok-1', 'tok-1']);
    expect(secretsOfHeader('cookie', 'sid=abc123; theme=dark-mode')).toEqual([
      'sid=abc123; theme=dark-mode',
      'sid=abc123',
      'abc123',
      'theme=dark-mode',
      'dark-mode',
    ]);
  });
});

describe('spellings', () => {
  it('as sent, XML-escaped, percent-encoded in both hex cases, JSON-escaped', () => {
    expect(spellings('a&b"c/ü')).toEqual([
      'a&b"c/ü',
      'a&amp;b&quot;c/ü',
      'a%26b%22c%2F%C3%BC',
      'a%26b%22c%2f%c3%bc',
      'a&b%22c/%C3%BC',
      'a&b%22c/%c3%bc',
      'a&b\\"c/ü',
    ]);
  });

  it('nothing for values too short to replace without mangling ordinary text', () => {
    expect(spellings('abc')).toEqual([]);
  });
});

describe('ByteRedaction', () => {
  const text = 'head tok-12345 middle Bearer tok-12345 tail tok-12345';
  const expected = 'head [REDACTED] middle [REDACTED] tail [REDACTED]';

  it.each([1, 2, 3, 7, 1000])('replaces secrets that straddle chunks of %i bytes', (size) => {
    expect(redactInChunks(['tok-12345', 'Bearer tok-12345'], text, size)).toBe(expected);
  });

  it('keeps the bytes around a partial match, and multi-byte characters intact', () => {
    expect(redactInChunks(['tok-12345'], 'tok-1234 grüße tok-', 2)).toBe('tok-1234 grüße tok-');
  });

  // A server may spell an echoed secret with XML character references; the decoder would turn it back.
  const spelled = [
    ['decimal references', '&#83;&#51;&#99;&#114;&#51;&#116;&#45;&#112;&#38;&#252;'],
    ['hexadecimal ones in both cases, leading zeros', '&#x53;&#X0033;c&#x72;&#x0033;t-p&#x26;&#xFC;'],
    ['references mixed with literals and entities', 'S&#51;cr3t-p&amp;ü'],
  ];
  it.each(spelled)('replaces a secret spelled with %s, in chunks of any size', (_how, form) => {
    for (const size of [1, 2, 5, 64]) {
      expect(redactInChunks([], `<d>${form}</d> and ${form}`, size, ['S3cr3t-p&ü'])).toBe(
        '<d>[REDACTED]</d> and [REDACTED]',
      );
    }
  });

  it('leaves other references, and a secret spelled in part, as they are', () => {
    const text = '<d>&#83;3cr3 &amp; &#x53;</d>';
    expect(redactInChunks([], text, 3, ['S3cr3t-p&ü'])).toBe(text);
  });
});

describe('Redactor', () => {
  const redactor = new Redactor(['X-Api-Key']).with(
    new Redactor(['X-Api-Key']).secretsIn({
      authorization: `Basic ${btoa('bob:hunter22')}`,
      'x-api-key': 'key-998877',
      'x-other': 'not-a-secret',
    }),
  );

  it('knows the built-in and the user-marked secret headers, case-insensitively', () => {
    for (const name of ['Authorization', 'proxy-authorization', 'Cookie', 'x-api-key', 'X-API-KEY']) {
      expect(redactor.isSecretHeader(name)).toBe(true);
    }
    expect(redactor.isSecretHeader('x-other')).toBe(false);
  });

  it('replaces every secret in text, and URL userinfo', () => {
    expect(
      redactor.text(`echo ${btoa('bob:hunter22')} bob:hunter22 key-998877 https://bob:pw@h/ not-a-secret`),
    ).toBe('echo [REDACTED] [REDACTED] [REDACTED] https://h/ not-a-secret');
  });

  it('replaces secrets spelled with XML character references in text too', () => {
    expect(redactor.text('key &#107;ey-&#x39;98877 kept')).toBe('key [REDACTED] kept');
  });

  it('turns response headers into a plain record: secret names left out, echoed values replaced', () => {
    const headers = new Headers({
      ETag: '"e1"',
      'Set-Cookie': 'sid=secret',
      'WWW-Authenticate': 'Basic realm="x"',
      'X-Api-Key': 'key-998877',
      'X-Debug': 'you sent key-998877',
    });
    expect(redactor.headers(headers)).toEqual({ etag: '"e1"', 'x-debug': 'you sent [REDACTED]' });
  });

  it('copies cause chains with secrets replaced in messages and stack frames', () => {
    const inner = new Error('proxy said: Basic Ym9iOmh1bnRlcjIy');
    const outer = new TypeError('fetch failed for key-998877', { cause: inner });
    const copy = redactor.cause(outer);
    expect(copy?.message).toBe('fetch failed for [REDACTED]');
    expect((copy?.cause as Error | undefined)?.message).toBe('proxy said: [REDACTED]');
  });

  it('keeps its secrets out of inspection', async () => {
    const { inspect } = await import('node:util');
    expect(inspect(redactor, { showHidden: true, depth: 5 })).not.toContain('hunter22');
    expect(JSON.stringify(redactor)).not.toContain('hunter22');
  });

  it('has nothing to do, and reads bodies as they are, when no secret is known', () => {
    expect(new Redactor().bodyRedaction()).toBeUndefined();
    expect(new Redactor().active).toBe(false);
  });
});
