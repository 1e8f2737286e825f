import { describe, expect, it } from 'vitest';
import type { OptionsResult } from '../../src/model/results.ts';
import { readAdvertised } from '../../src/probe/advertised.ts';

function options(dav: string[], allow: string[], headers: Record<string, string> = {}): OptionsResult {
  return { dav, allow, headers };
}

describe('readAdvertised()', () => {
  it('splits compliance classes from extensions (Apache sends its propset URI, SabreDAV its plugins)', () => {
    const apache = readAdvertised(
      options(['1', '2', '<http://apache.org/dav/propset/fs/1>'], ['OPTIONS', 'GET']),
    );
    expect([apache.davClasses, apache.davExtensions]).toEqual([
      ['1', '2'],
      ['<http://apache.org/dav/propset/fs/1>'],
    ]);
    const sabre = readAdvertised(options(['1', '3', 'extended-mkcol', '2', 'sabredav-partialupdate'], []));
    expect([sabre.davClasses, sabre.sabrePatch]).toEqual([['1', '3', '2'], true]);
  });

  it('reads Accept-Patch and DASL, and SEARCH from either DASL or Allow', () => {
    const patch = readAdvertised(
      options(['1'], ['PATCH'], { 'accept-patch': 'application/x-sabredav-partialupdate; q=1, text/plain' }),
    );
    expect([patch.acceptPatch, patch.sabrePatch]).toEqual([
      ['application/x-sabredav-partialupdate; q=1', 'text/plain'],
      true,
    ]);
    const dasl = readAdvertised(options(['1'], [], { dasl: '<DAV:basicsearch>' }));
    expect([dasl.search, dasl.searchGrammars]).toEqual([true, ['<DAV:basicsearch>']]);
    expect(readAdvertised(options(['1'], ['SEARCH'])).search).toBe(true);
    expect(readAdvertised(options(['2'], ['PROPFIND'])).search).toBe(false);
  });

  it('does not take a bare PATCH in Allow for SabreDAV’s flavour', () => {
    expect(readAdvertised(options(['1'], ['PATCH'])).sabrePatch).toBe(false);
  });
});
