import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { redactText, redactUrl, SECRET_HEADERS, safeCause } from '../../src/utils/redact.ts';

describe('redactUrl', () => {
  it('removes userinfo', () => {
    expect(redactUrl('https://alice:s3cret@host/dav/')).toBe('https://host/dav/');
    expect(redactUrl(new URL('https://alice@host/dav/'))).toBe('https://host/dav/');
  });

  it('replaces secret-looking query values and keeps the others', () => {
    expect(redactUrl('https://host/f?access_token=abc&x=1&Signature=zz&sig=y')).toBe(
      'https://host/f?access_token=%5BREDACTED%5D&x=1&Signature=%5BREDACTED%5D&sig=%5BREDACTED%5D',
    );
  });

  it('cuts userinfo out of something that does not parse as a URL', () => {
    expect(redactUrl('http://alice:pw@exa mple/x')).toBe('http://exa mple/x');
  });
});

describe('redactText', () => {
  it('removes the userinfo of every URL in a message', () => {
    expect(redactText('from https://a:b@h1/x to http://c@h2/y, not mail@example.com')).toBe(
      'from https://h1/x to http://h2/y, not mail@example.com',
    );
  });

  it('reads a long run of letters in one pass, and a scheme of any length still loses its userinfo', () => {
    // Unbounded, the scheme pattern rescanned the rest of the text from every letter: this call did not
    // come back within the test's timeout (a 600,000-character property value, issue 12).
    const long = 'n'.repeat(600_000);
    expect(redactText(long)).toBe(long);
    expect(redactText(`${'x'.repeat(40)}://user:pw@host/`)).toBe(`${'x'.repeat(40)}://host/`);
  });
});

describe('safeCause', () => {
  it('keeps names, messages, string codes and the chain, drops everything else', () => {
    const root = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED', port: 1 });
    const outer = Object.assign(new TypeError('fetch failed for https://u:pw@h/x', { cause: root }), {
      request: { headers: { authorization: 'Basic c2VjcmV0' } },
    });
    const safe = safeCause(outer);
    expect(safe?.name).toBe('TypeError');
    expect(safe?.message).toBe('fetch failed for https://h/x');
    expect((safe?.cause as (Error & { code?: string }) | undefined)?.code).toBe('ECONNREFUSED');
    const shown = inspect(safe, { depth: 10, showHidden: true });
    expect(shown).not.toContain('c2VjcmV0');
    expect(shown).not.toContain('pw@');
    expect(shown).not.toContain('port');
  });

  it('turns non-errors into errors and stops after four levels', () => {
    expect(safeCause('boom https://u:p@h/')?.message).toBe('boom https://h/');
    expect(safeCause(undefined)).toBeUndefined();
    let deep: Error = new Error('level 0');
    for (let i = 1; i < 10; i++) {
      deep = new Error(`level ${i}`, { cause: deep });
    }
    let depth = 0;
    for (let e: unknown = safeCause(deep); e instanceof Error; e = e.cause) {
      depth++;
    }
    expect(depth).toBe(4);
  });
});

describe('SECRET_HEADERS', () => {
  it('names the credential and challenge headers', () => {
    expect([...SECRET_HEADERS].sort()).toEqual([
      'authorization',
      'cookie',
      'proxy-authenticate',
      'proxy-authorization',
      'set-cookie',
      'www-authenticate',
    ]);
  });
});
