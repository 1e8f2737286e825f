/**
 * Recovery of prefixes used without a declaration (issue 17): the conventional namespaces of
 * well-known prefixes, `urn:davkit:unbound:<prefix>` for the rest, what the resolver reports, what
 * stays malformed, and the bounded log that turns uses into warnings.
 */
import { describe, expect, it } from 'vitest';
import { DavParseError } from '../../src/index.ts';
import { NamespaceScope } from '../../src/xml/namespace-scope.ts';
import {
  MAX_LISTED_PREFIXES,
  namespaceOfUnbound,
  UnboundPrefixLog,
  type UnboundPrefixUse,
} from '../../src/xml/unbound-prefixes.ts';

/** A scope that recovers, and the uses it reported. */
function recovering(): { scope: NamespaceScope; uses: UnboundPrefixUse[] } {
  const uses: UnboundPrefixUse[] = [];
  return { scope: new NamespaceScope({ unboundPrefix: (use) => uses.push(use) }), uses };
}

describe('namespaceOfUnbound', () => {
  it('maps the conventional prefixes of well-known namespaces to them', () => {
    // The URIs as Nextcloud, SabreDAV and the RFCs declare them (see python-caldav's Nextcloud capture
    // in test/fixtures/real-world/).
    expect(
      Object.fromEntries(
        ['DAV', 'D', 'd', 'oc', 'nc', 's', 'cal', 'card', 'cs'].map((p) => [p, namespaceOfUnbound(p)]),
      ),
    ).toEqual({
      DAV: 'DAV:',
      D: 'DAV:',
      d: 'DAV:',
      oc: 'http://owncloud.org/ns',
      nc: 'http://nextcloud.org/ns',
      s: 'http://sabredav.org/ns',
      cal: 'urn:ietf:params:xml:ns:caldav',
      card: 'urn:ietf:params:xml:ns:carddav',
      cs: 'http://calendarserver.org/ns/',
    });
  });

  it('maps every other prefix to urn:davkit:unbound:<prefix>, case and prototype names included', () => {
    expect(namespaceOfUnbound('x1')).toBe('urn:davkit:unbound:x1');
    expect(namespaceOfUnbound('C')).toBe('urn:davkit:unbound:C'); // CalDAV or CardDAV: ambiguous
    expect(namespaceOfUnbound('dav')).toBe('urn:davkit:unbound:dav');
    expect(namespaceOfUnbound('constructor')).toBe('urn:davkit:unbound:constructor');
    expect(namespaceOfUnbound('__proto__')).toBe('urn:davkit:unbound:__proto__');
  });
});

describe('NamespaceScope with a sink that takes unbound prefixes', () => {
  it('reads the headline body: <DAV:getetag/> inside D: elements, no xmlns:DAV', () => {
    const { scope, uses } = recovering();
    expect(scope.enter('D:prop', { 'xmlns:D': 'DAV:' }).name).toBe('{DAV:}prop');
    expect(scope.enter('DAV:getetag', undefined).name).toBe('{DAV:}getetag');
    scope.leave();
    expect(scope.enter('DAV:getetag', undefined).name).toBe('{DAV:}getetag');
    // Each use is reported, cached names included.
    expect(uses).toEqual([
      { prefix: 'DAV', namespace: 'DAV:', element: 'DAV:getetag' },
      { prefix: 'DAV', namespace: 'DAV:', element: 'DAV:getetag' },
    ]);
  });

  it('reads attributes with an undeclared prefix too, naming their element', () => {
    const { scope, uses } = recovering();
    const element = scope.enter('z:tag', { 'z:id': '7', plain: 'p' });
    expect(element).toEqual({
      name: '{urn:davkit:unbound:z}tag',
      attributes: { '{urn:davkit:unbound:z}id': '7', plain: 'p' },
    });
    expect(uses).toEqual([
      { prefix: 'z', namespace: 'urn:davkit:unbound:z', element: 'z:tag' },
      { prefix: 'z', namespace: 'urn:davkit:unbound:z', element: 'z:tag', attribute: 'z:id' },
    ]);
  });

  it('never overrides a declaration: a declared oc: is the server’s, even when it is not ownCloud’s', () => {
    const { scope, uses } = recovering();
    scope.enter('d:multistatus', { 'xmlns:d': 'DAV:', 'xmlns:oc': 'urn:other' });
    expect(scope.enter('oc:fileid', undefined).name).toBe('{urn:other}fileid');
    scope.leave();
    scope.leave();
    expect(scope.enter('oc:fileid', undefined).name).toBe('{http://owncloud.org/ns}fileid');
    expect(uses.map((use) => use.element)).toEqual(['oc:fileid']);
  });

  it('keeps refusing what is malformed whatever the sink: xmlns as a prefix, empty or bound-to-"" prefixes, two colons', () => {
    for (const [qname, attributes] of [
      ['xmlns:a', undefined],
      [':a', { xmlns: 'DAV:' }],
      ['p:a', { 'xmlns:p': '' }],
      ['a:b:c', undefined],
      ['a:', undefined],
      ['__proto__', undefined],
    ] as const) {
      expect(() => recovering().scope.enter(qname, attributes), qname).toThrow(DavParseError);
    }
  });

  it('refuses an unbound prefix when the sink takes none (strict)', () => {
    expect(() => new NamespaceScope({}).enter('DAV:getetag', undefined)).toThrow(
      /prefix "DAV".*not declared/,
    );
    expect(() => new NamespaceScope().enter('a', { 'q:x': '1' })).toThrow(DavParseError);
  });
});

describe('UnboundPrefixLog', () => {
  const use = (prefix: string, element = `${prefix}:x`): UnboundPrefixUse => ({
    prefix,
    namespace: namespaceOfUnbound(prefix),
    element,
  });

  it('gives one warning per prefix, with its first place and how often it was used', () => {
    const log = new UnboundPrefixLog();
    expect(log.empty).toBe(true);
    const first = log.note(use('DAV', 'DAV:getetag'));
    expect(first).toBeDefined();
    if (first !== undefined) {
      first.href = '/dav/a.txt';
    }
    expect(log.note(use('DAV', 'DAV:error'))).toBeUndefined();
    log.note({ prefix: 'x1', namespace: 'urn:davkit:unbound:x1', element: 'x1:share', attribute: 'x1:id' });
    expect(log.warnings()).toEqual([
      {
        kind: 'unbound-prefix',
        prefix: 'DAV',
        namespace: 'DAV:',
        conventional: true,
        occurrences: 2,
        element: 'DAV:getetag',
        href: '/dav/a.txt',
        message:
          'The prefix "DAV" is used without a declaration (2 times, first in <DAV:getetag> in the response for /dav/a.txt); its names were read in its conventional namespace "DAV:".',
      },
      {
        kind: 'unbound-prefix',
        prefix: 'x1',
        namespace: 'urn:davkit:unbound:x1',
        conventional: false,
        occurrences: 1,
        element: 'x1:share',
        attribute: 'x1:id',
        message:
          'The prefix "x1" is used without a declaration (once, first in attribute x1:id of <x1:share>); its names were read in "urn:davkit:unbound:x1" (no well-known namespace uses this prefix).',
      },
    ]);
  });

  it('lists 64 prefixes one by one and counts the rest in one overflow warning (a hostile body stays small)', () => {
    const log = new UnboundPrefixLog();
    for (let i = 0; i < MAX_LISTED_PREFIXES + 10; i++) {
      log.note(use(`p${i}`));
    }
    log.note(use('p70'));
    const warnings = log.warnings();
    expect(warnings).toHaveLength(MAX_LISTED_PREFIXES + 1);
    expect(warnings.at(-1)).toEqual({
      kind: 'unbound-prefix-overflow',
      prefixes: 10,
      occurrences: 11,
      message: '11 more names used undeclared prefixes (10 more prefixes), read the same way',
    });
  });
});
