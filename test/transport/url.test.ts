import { describe, expect, it } from 'vitest';
import { isDavUsageError } from '../../src/errors/guards.ts';
import { normaliseBaseUrl, resolveUrl } from '../../src/transport/url.ts';
import { clientPath, urlPath } from '../../src/utils/href.ts';

describe('normaliseBaseUrl', () => {
  it('adds the trailing slash and drops query and fragment', () => {
    expect(normaliseBaseUrl('https://h/remote.php/dav/files/alice?x=1#y').href).toBe(
      'https://h/remote.php/dav/files/alice/',
    );
    expect(normaliseBaseUrl(new URL('http://h')).href).toBe('http://h/');
  });

  it('rejects what is not an absolute http(s) URL', () => {
    for (const bad of ['/relative/', 'ftp://h/dav/', 'not a url']) {
      let error: unknown;
      try {
        normaliseBaseUrl(bad);
      } catch (e) {
        error = e;
      }
      expect(isDavUsageError(error)).toBe(true);
    }
  });
});

describe('resolveUrl', () => {
  const base = new URL('https://h/dav/');
  it('resolves decoded paths below the base, leading slash or not', () => {
    expect(resolveUrl(base, '/a b/c.txt').href).toBe('https://h/dav/a%20b/c.txt');
    expect(resolveUrl(base, 'a b/c.txt').href).toBe('https://h/dav/a%20b/c.txt');
    expect(resolveUrl(base, '/').href).toBe('https://h/dav/');
    expect(resolveUrl(base, '/50%?#;.txt').href).toBe('https://h/dav/50%25%3F%23%3B.txt');
  });

  it('uses an absolute URL as it is', () => {
    expect(resolveUrl(base, 'https://other/x').href).toBe('https://other/x');
  });

  it('refuses dot segments, which would climb out of the base', () => {
    expect(() => resolveUrl(base, '/a/../../etc')).toThrow(/"\." or "\.\." segments/);
    expect(() => resolveUrl(base, './a')).toThrow();
  });
});

describe('urlPath and clientPath', () => {
  it('decode a URL path and make it relative to the base', () => {
    expect(urlPath(new URL('https://h/dav/caf%C3%A9/'))).toBe('/dav/café/');
    const base = new URL('https://h/dav/');
    expect(clientPath(base, '/dav/café/a.txt')).toBe('/café/a.txt');
    expect(clientPath(base, '/dav')).toBe('/');
    expect(clientPath(base, '/elsewhere/x')).toBe('https://h/elsewhere/x');
  });
});
