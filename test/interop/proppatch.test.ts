import { describe, expect, it } from 'vitest';
import { rootCauses } from '../../src/analysis/root-causes.ts';
import type { DavClient } from '../../src/client/client.ts';
import { isDavHttpError, isMultiStatusError } from '../../src/errors/guards.ts';
import type { DavResponse, MultiStatus } from '../../src/model/multistatus.ts';
import type { XmlElement } from '../../src/model/xml-element.ts';
import { el } from '../../src/xml/serialize.ts';
import type { ServerName } from '../harness/servers/types.ts';
import { failure, SERVERS, scratch } from '../helpers/interop.ts';

const COLOR = '{urn:davkit:test}color';
/** webdav-server cuts a namespace at its last colon and glues the tail to the local name (real-servers.md §7). */
const MANGLED_COLOR = '{urn:davkit:}testcolor';

/** How a server treats dead properties (real-servers.md §4, §8). */
const DEAD_PROPS: Record<ServerName, 'stored' | 'mangled' | 'refused (403)' | 'no PROPPATCH (405)'> = {
  apache: 'stored',
  nginx: 'no PROPPATCH (405)',
  rclone: 'refused (403)',
  sabredav: 'stored',
  'webdav-server': 'mangled',
};

/** The status a server gives a protected property in a PROPPATCH (the others then get 424). */
const PROTECTED_STATUS: Partial<Record<ServerName, number>> = {
  apache: 409,
  rclone: 403,
  sabredav: 403,
  'webdav-server': 403,
};

/** [Clark name, status] of every property in a multistatus, sorted. */
function statuses(ms: MultiStatus): [string, number][] {
  return ms.responses
    .flatMap((r: DavResponse) =>
      r.kind === 'status'
        ? []
        : r.propstats.flatMap((p) => Object.keys(p.props).map((k): [string, number] => [k, p.status])),
    )
    .sort();
}

async function readColor(dav: DavClient, name: string): Promise<XmlElement | null | 404 | undefined> {
  const ms = await dav.propfind('/a.txt', { depth: 0, props: [name] });
  const [response] = ms.responses;
  if (response?.kind !== 'propstat') {
    return undefined;
  }
  const found = response.propstats.find((p) => p.status === 200 && name in p.props);
  return found === undefined ? 404 : (found.props[name] as XmlElement | null);
}

describe.each(SERVERS)('PROPPATCH on %s', (name) => {
  it(`set, read back, remove, read back: dead properties ${DEAD_PROPS[name]}`, async () => {
    const s = await scratch(name, 'pp');
    await s.seed('a.txt', 'alpha');
    const set = s.dav.proppatch('/a.txt', { set: { [COLOR]: 'teal' } });
    switch (DEAD_PROPS[name]) {
      case 'no PROPPATCH (405)': {
        const error = await failure(set);
        expect(isDavHttpError(error) && [error.status, error.method]).toEqual([405, 'PROPPATCH']);
        return;
      }
      case 'refused (403)': {
        const error = await failure(set);
        expect(isMultiStatusError(error) && statuses(error.multistatus)).toEqual([[COLOR, 403]]);
        return;
      }
      case 'mangled': {
        // A 207 with 200 for a name that was never sent is no success (issue 11.9): the server stored
        // the value under another name. MultiStatusError says which, and what was sent.
        const error = await failure(set);
        expect(isMultiStatusError(error) && error.unrequested).toEqual([
          { path: s.path('/a.txt'), name: MANGLED_COLOR, status: 200, sent: [COLOR] },
        ]);
        expect(rootCauses(error as never)[0]).toMatchObject({
          prop: MANGLED_COLOR,
          unrequested: { sent: [COLOR] },
        });
        const value = await readColor(s.dav, MANGLED_COLOR);
        expect(typeof value === 'object' && value?.text).toBe('teal');
        expect(await readColor(s.dav, COLOR)).toBe(404);
        return;
      }
      default: {
        expect(statuses(await set)).toEqual([[COLOR, 200]]);
        const value = await readColor(s.dav, COLOR);
        expect(typeof value === 'object' && value?.text).toBe('teal');
        expect(statuses(await s.dav.proppatch('/a.txt', { remove: [COLOR] }))).toEqual([[COLOR, 200]]);
        expect(await readColor(s.dav, COLOR)).toBe(404);
      }
    }
  });

  it('a protected property fails the whole PROPPATCH: MultiStatusError with 409/403 and 424', async () => {
    const s = await scratch(name, 'ppprot');
    await s.seed('a.txt', 'alpha');
    const error = await failure(
      s.dav.proppatch('/a.txt', { set: { '{DAV:}getetag': '"forged"', [COLOR]: 'teal' } }),
    );
    const protectedStatus = PROTECTED_STATUS[name];
    if (protectedStatus === undefined) {
      expect(isDavHttpError(error) && error.status).toBe(405);
      return;
    }
    expect(isMultiStatusError(error)).toBe(true);
    if (!isMultiStatusError(error)) {
      return;
    }
    expect([error.status, error.method, error.url]).toEqual([207, 'PROPPATCH', `${s.dir.url}a.txt`]);
    const color = name === 'webdav-server' ? MANGLED_COLOR : COLOR;
    expect(statuses(error.multistatus)).toEqual(
      [
        ['{DAV:}getetag', protectedStatus],
        [color, 424],
      ].sort(),
    );
    // Nothing was applied: the dead property is still absent.
    if (DEAD_PROPS[name] === 'stored') {
      expect(await readColor(s.dav, COLOR)).toBe(404);
    }
  });

  if (name === 'rclone') {
    it('rclone names the violated precondition: DAV:cannot-modify-protected-property', async () => {
      const s = await scratch(name, 'ppcond');
      await s.seed('a.txt', 'alpha');
      const error = await failure(s.dav.proppatch('/a.txt', { set: { '{DAV:}getetag': '"forged"' } }));
      const [response] = isMultiStatusError(error) ? error.multistatus.responses : [];
      const errors = response?.kind === 'propstat' ? response.propstats.flatMap((p) => p.error ?? []) : [];
      expect(errors.map((c) => c.name)).toEqual(['{DAV:}cannot-modify-protected-property']);
    });
  }

  if (DEAD_PROPS[name] === 'stored') {
    it('stores an XML value: Apache keeps the element, SabreDAV 1.8 flattens it to text', async () => {
      const s = await scratch(name, 'ppxml');
      await s.seed('a.txt', 'alpha');
      await s.dav.proppatch('/a.txt', { set: { [COLOR]: el('{urn:davkit:test}shade', [], 'dark') } });
      const value = await readColor(s.dav, COLOR);
      if (typeof value !== 'object' || value === null) {
        throw new Error(`no value read back: ${String(value)}`);
      }
      if (name === 'apache') {
        expect(value.children.map((child) => [child.name, child.text])).toEqual([
          ['{urn:davkit:test}shade', 'dark'],
        ]);
      } else {
        expect([value.children, value.text]).toEqual([[], 'dark']);
      }
    });
  }
});
