/**
 * `NamespaceScope`: prefixed names to Clark names, following declarations in scope (XML Namespaces
 * 1.0 §6): default namespace, redeclaration on inner elements, `xmlns=""`, unbound prefixes,
 * attributes in no namespace, the predeclared `xml` prefix, and names that are prototype members.
 */
import { describe, expect, it } from 'vitest';
import { DavParseError } from '../../src/index.ts';
import { NamespaceScope } from '../../src/xml/namespace-scope.ts';

const XML_NS = 'http://www.w3.org/XML/1998/namespace';

describe('NamespaceScope', () => {
  it('puts unprefixed elements in the default namespace, and children inherit it', () => {
    const scope = new NamespaceScope();
    expect(scope.enter('multistatus', { xmlns: 'DAV:' })).toEqual({
      name: '{DAV:}multistatus',
      attributes: {},
    });
    expect(scope.enter('response', undefined).name).toBe('{DAV:}response');
  });

  it('leaves unprefixed elements in no namespace when there is no default', () => {
    expect(new NamespaceScope().enter('write', undefined).name).toBe('write');
  });

  it('follows a prefix redeclared on an inner element, for that element and its subtree only', () => {
    const scope = new NamespaceScope();
    scope.enter('D:multistatus', { 'xmlns:D': 'DAV:' });
    expect(scope.enter('D:a', undefined).name).toBe('{DAV:}a');
    scope.leave();
    expect(scope.enter('D:a', { 'xmlns:D': 'urn:x' }).name).toBe('{urn:x}a');
    expect(scope.enter('D:b', undefined).name).toBe('{urn:x}b');
    scope.leave();
    scope.leave();
    expect(scope.enter('D:a', undefined).name).toBe('{DAV:}a');
  });

  it('binds several prefixes to one URI (Apache: D:, lp1:, ns0: all DAV:)', () => {
    const scope = new NamespaceScope();
    scope.enter('D:multistatus', { 'xmlns:D': 'DAV:', 'xmlns:ns0': 'DAV:' });
    scope.enter('D:response', { 'xmlns:lp1': 'DAV:' });
    expect(['D:getetag', 'lp1:getetag', 'ns0:getetag'].map((q) => scope.enter(q, undefined).name)).toEqual([
      '{DAV:}getetag',
      '{DAV:}getetag',
      '{DAV:}getetag',
    ]);
  });

  it('undeclares the default namespace with xmlns=""', () => {
    const scope = new NamespaceScope();
    scope.enter('multistatus', { xmlns: 'DAV:' });
    expect(scope.enter('x', { xmlns: '' }).name).toBe('x');
    expect(scope.enter('y', undefined).name).toBe('y');
    scope.leave();
    scope.leave();
    expect(scope.enter('z', undefined).name).toBe('{DAV:}z');
  });

  it('throws DavParseError for an unbound prefix, and for a prefix bound to ""', () => {
    expect(() => new NamespaceScope().enter('D:multistatus', undefined)).toThrow(DavParseError);
    const scope = new NamespaceScope();
    scope.enter('r', { 'xmlns:p': 'urn:p' });
    scope.leave();
    expect(() => scope.enter('p:a', undefined)).toThrow(DavParseError);
    expect(() => new NamespaceScope().enter('p:a', { 'xmlns:p': '' })).toThrow(DavParseError);
    expect(() => new NamespaceScope().enter('a:b:c', { 'xmlns:a': 'urn:a' })).toThrow(DavParseError);
  });

  it('puts unprefixed attributes in no namespace, prefixed ones in theirs, and drops declarations', () => {
    const resolved = new NamespaceScope().enter('a', {
      xmlns: 'urn:default',
      'xmlns:p': 'urn:p',
      id: '1',
      'p:lang': 'en',
      'xml:space': 'preserve',
    });
    expect(resolved).toEqual({
      name: '{urn:default}a',
      attributes: { id: '1', '{urn:p}lang': 'en', [`{${XML_NS}}space`]: 'preserve' },
    });
  });

  it('throws DavParseError for an attribute with an unbound prefix', () => {
    expect(() => new NamespaceScope().enter('a', { 'q:x': '1' })).toThrow(DavParseError);
  });

  it('keeps attribute values as the event source gave them (sources normalise literal whitespace)', () => {
    // XML normalises literal tabs and newlines before references are decoded, so only the source
    // can do it: a tab given as &#9; must survive (see parse-tree.test.ts).
    expect(new NamespaceScope().enter('a', { b: 'x\ty\nz' }).attributes).toEqual({ b: 'x\ty\nz' });
  });

  it('resolves prefixes and names that are Object.prototype members without inheriting them', () => {
    const scope = new NamespaceScope();
    expect(() => scope.enter('toString:a', undefined)).toThrow(DavParseError);
    expect(() => scope.enter('hasOwnProperty:a', undefined)).toThrow(DavParseError);
    const ok = new NamespaceScope();
    expect(ok.enter('toString:valueOf', { 'xmlns:toString': 'urn:t' }).name).toBe('{urn:t}valueOf');
    expect(ok.enter('hasOwnProperty', undefined).name).toBe('hasOwnProperty');
  });

  it('refuses the unprefixed names fast-xml-parser reserves, as the streaming source must too', () => {
    expect(() => new NamespaceScope().enter('__proto__', undefined)).toThrow(DavParseError);
    expect(() => new NamespaceScope().enter('constructor', { xmlns: 'urn:p' })).toThrow(DavParseError);
  });

  it('accepts them with a prefix: a property {urn:p}constructor is harmless data', () => {
    expect(new NamespaceScope().enter('p:constructor', { 'xmlns:p': 'urn:p' }).name).toBe(
      '{urn:p}constructor',
    );
    expect(new NamespaceScope().enter('p:__proto__', { 'xmlns:p': 'urn:p' }).name).toBe('{urn:p}__proto__');
  });
});
