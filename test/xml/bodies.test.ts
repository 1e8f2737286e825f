/**
 * Request bodies (`src/xml/bodies/*.ts`): each builder's output is parsed back with `parseXmlTree` and
 * compared with the tree RFC 4918 / 6578 / 5323 ask for, in whatever namespaces the caller used.
 */
import { describe, expect, it } from 'vitest';
import { el, syncCollectionBody } from '../../src/index.ts';
import { lockInfoBody } from '../../src/xml/bodies/lockinfo.ts';
import { propertyUpdateBody } from '../../src/xml/bodies/propertyupdate.ts';
import { propfindBody } from '../../src/xml/bodies/propfind.ts';
import { basicSearchBody } from '../../src/xml/bodies/search.ts';
import { parseXmlTree } from '../../src/xml/parse-tree.ts';

const d = (local: string, children: ReturnType<typeof el>[] = [], text = '') =>
  el(`{DAV:}${local}`, children, text);

describe('propfindBody', () => {
  it('allprop (the default) and propname', () => {
    expect(parseXmlTree(propfindBody())).toEqual(d('propfind', [d('allprop')]));
    expect(parseXmlTree(propfindBody('allprop'))).toEqual(d('propfind', [d('allprop')]));
    expect(parseXmlTree(propfindBody('propname'))).toEqual(d('propfind', [d('propname')]));
  });

  it('named properties in any namespace, and in none', () => {
    const names = ['{DAV:}getetag', '{http://owncloud.org/ns}fileid', '{urn:a&b}x', 'bare'];
    expect(parseXmlTree(propfindBody(names))).toEqual(
      d('propfind', [
        d(
          'prop',
          names.map((name) => el(name)),
        ),
      ]),
    );
  });

  it('allprop with include', () => {
    expect(
      parseXmlTree(
        propfindBody({ allprop: true, include: ['{urn:ietf:params:xml:ns:caldav}calendar-data'] }),
      ),
    ).toEqual(
      d('propfind', [d('allprop'), d('include', [el('{urn:ietf:params:xml:ns:caldav}calendar-data')])]),
    );
  });

  it('rejects a malformed Clark name', () => {
    expect(() => propfindBody(['{urn:x'])).toThrow();
    expect(() => propfindBody(['{urn:x}'])).toThrow();
  });

  it('rejects a local name that is not an XML name (it would make the body malformed)', () => {
    for (const name of ['{urn:x}a b', '{urn:x}1a', 'a<b', '{urn:x}a/b']) {
      expect(() => propfindBody([name]), name).toThrow();
    }
  });
});

describe('propertyUpdateBody', () => {
  it('sets text, numbers, booleans, element trees and lists in any namespace, then removes', () => {
    const tree = el('{urn:z}owner', [el('{urn:z}team', [], 'Ops & <Dev>', { id: '7' })]);
    const body = propertyUpdateBody({
      set: {
        '{urn:acme}state': 'final & "signed" <ok>',
        '{DAV:}displayname': 42,
        '{urn:acme}flag': true,
        '{urn:acme}owner': tree,
        '{urn:acme}list': [el('{urn:z}a'), el('b')],
      },
      remove: ['{urn:acme}draft', 'plain'],
    });
    expect(body).toContain('final &amp; "signed" &lt;ok&gt;');
    expect(parseXmlTree(body)).toEqual(
      d('propertyupdate', [
        d('set', [
          d('prop', [
            el('{urn:acme}state', [], 'final & "signed" <ok>'),
            el('{DAV:}displayname', [], '42'),
            el('{urn:acme}flag', [], 'true'),
            el('{urn:acme}owner', [tree]),
            el('{urn:acme}list', [el('{urn:z}a'), el('b')]),
          ]),
        ]),
        d('remove', [d('prop', [el('{urn:acme}draft'), el('plain')])]),
      ]),
    );
  });

  it('writes only the instructions it has', () => {
    expect(parseXmlTree(propertyUpdateBody({ remove: ['{urn:x}a'] }))).toEqual(
      d('propertyupdate', [d('remove', [d('prop', [el('{urn:x}a')])])]),
    );
    expect(parseXmlTree(propertyUpdateBody({ set: { '{urn:x}a': '' } }))).toEqual(
      d('propertyupdate', [d('set', [d('prop', [el('{urn:x}a')])])]),
    );
  });

  it('rejects a malformed Clark name', () => {
    expect(() => propertyUpdateBody({ set: { '{oops': 'x' } })).toThrow();
  });
});

describe('lockInfoBody', () => {
  const writeType = d('locktype', [d('write')]);

  it('an exclusive write lock by default', () => {
    expect(parseXmlTree(lockInfoBody())).toEqual(
      d('lockinfo', [d('lockscope', [d('exclusive')]), writeType]),
    );
  });

  it('a shared lock with a text owner, and with an element owner', () => {
    expect(parseXmlTree(lockInfoBody({ scope: 'shared', owner: 'mailto:a@example.com & co' }))).toEqual(
      d('lockinfo', [d('lockscope', [d('shared')]), writeType, d('owner', [], 'mailto:a@example.com & co')]),
    );
    const owner = d('href', [], 'http://example.com/~alice');
    expect(parseXmlTree(lockInfoBody({ owner }))).toEqual(
      d('lockinfo', [d('lockscope', [d('exclusive')]), writeType, d('owner', [owner])]),
    );
  });
});

describe('syncCollectionBody', () => {
  it('an initial sync asks for getetag at level 1', () => {
    expect(parseXmlTree(syncCollectionBody())).toEqual(
      d('sync-collection', [d('sync-token'), d('sync-level', [], '1'), d('prop', [d('getetag')])]),
    );
  });

  it('a token, infinite level, a limit and named properties', () => {
    const body = syncCollectionBody({
      syncToken: 'http://example.com/sync/1?a=1&b=2',
      level: 'infinite',
      limit: 100,
      props: ['{DAV:}getetag', '{urn:ietf:params:xml:ns:caldav}calendar-data'],
    });
    expect(parseXmlTree(body)).toEqual(
      d('sync-collection', [
        d('sync-token', [], 'http://example.com/sync/1?a=1&b=2'),
        d('sync-level', [], 'infinite'),
        d('limit', [d('nresults', [], '100')]),
        d('prop', [d('getetag'), el('{urn:ietf:params:xml:ns:caldav}calendar-data')]),
      ]),
    );
  });
});

describe('basicSearchBody', () => {
  it('select, from, where, orderby and limit', () => {
    const where = d('like', [d('prop', [d('displayname')]), d('literal', [], '%report & co%')]);
    const body = basicSearchBody({
      select: ['{DAV:}displayname', '{http://owncloud.org/ns}fileid'],
      from: { href: '/dav/files/a b/', depth: 1 },
      where,
      orderBy: [{ prop: '{DAV:}getlastmodified', descending: true }, { prop: '{DAV:}displayname' }],
      limit: 5,
    });
    expect(parseXmlTree(body)).toEqual(
      d('searchrequest', [
        d('basicsearch', [
          d('select', [d('prop', [d('displayname'), el('{http://owncloud.org/ns}fileid')])]),
          d('from', [d('scope', [d('href', [], '/dav/files/a b/'), d('depth', [], '1')])]),
          d('where', [where]),
          d('orderby', [
            d('order', [d('prop', [d('getlastmodified')]), d('descending')]),
            d('order', [d('prop', [d('displayname')]), d('ascending')]),
          ]),
          d('limit', [d('nresults', [], '5')]),
        ]),
      ]),
    );
  });

  it('depth infinity by default, no where/orderby/limit when not given', () => {
    expect(parseXmlTree(basicSearchBody({ select: ['{DAV:}getetag'], from: { href: '/dav/' } }))).toEqual(
      d('searchrequest', [
        d('basicsearch', [
          d('select', [d('prop', [d('getetag')])]),
          d('from', [d('scope', [d('href', [], '/dav/'), d('depth', [], 'infinity')])]),
        ]),
      ]),
    );
  });
});
