import { describe, expect, it } from 'vitest';
import { isDavHttpError } from '../../src/errors/guards.ts';
import type { DavResponse, MultiStatus } from '../../src/model/multistatus.ts';
import type { ServerName } from '../harness/servers/types.ts';
import { failure, SERVERS, scratch } from '../helpers/interop.ts';

/** Each response as [path, status of every propstat]. */
function shape(ms: MultiStatus): [string, number[]][] {
  return ms.responses.map((r) => [
    r.path,
    r.kind === 'status' ? [r.status] : r.propstats.map((p) => p.status),
  ]);
}

function propsByStatus(response: DavResponse | undefined, status: number): string[] {
  if (response?.kind !== 'propstat') {
    return [];
  }
  return response.propstats.filter((p) => p.status === status).flatMap((p) => Object.keys(p.props));
}

/** How each server answers PROPFIND Depth: infinity (real-servers.md §4). */
const INFINITY: Record<ServerName, 'refused' | 'complete' | 'depth 1'> = {
  apache: 'refused',
  nginx: 'refused',
  rclone: 'complete',
  // SabreDAV 1.8 answers 207 but silently treats infinity as 1 (Server::getPropertiesForPath).
  sabredav: 'depth 1',
  'webdav-server': 'refused',
};

describe.each(SERVERS)('PROPFIND on %s', (name) => {
  it('Depth 0 describes the collection alone', async () => {
    const s = await scratch(name, 'pf0');
    await s.seed('a.txt', 'alpha');
    const ms = await s.dav.propfind('/', { depth: 0 });
    expect(shape(ms)).toEqual([[s.dir.path, [200]]]);
    const [self] = ms.responses;
    expect(self?.kind === 'propstat' && self.propstats[0]?.props['{DAV:}resourcetype']?.collection).toBe(
      true,
    );
  });

  it('Depth 1 (the default) adds the members, with typed live properties', async () => {
    const s = await scratch(name, 'pf1');
    await s.seed('a.txt', 'alpha');
    await s.seed('sub/b.txt', 'beta');
    const ms = await s.dav.propfind('/');
    expect(ms.responses.map((r) => r.path).sort()).toEqual(
      [s.dir.path, s.path('/a.txt'), s.path('/sub/')].sort(),
    );
    const file = ms.responses.find((r) => r.path === s.path('/a.txt'));
    const props = file?.kind === 'propstat' ? file.propstats[0]?.props : undefined;
    expect(props?.['{DAV:}getcontentlength']).toBe(5);
    expect(props?.['{DAV:}resourcetype']).toEqual({ collection: false, types: [] });
    expect(typeof props?.['{DAV:}getlastmodified']).toBe('string');
    expect(Number.isNaN(Date.parse(props?.['{DAV:}getlastmodified'] ?? ''))).toBe(false);
  });

  it('named properties: the known ones in a 200 propstat, an unknown one in a 404 (nginx drops it)', async () => {
    const s = await scratch(name, 'pfnamed');
    await s.seed('a.txt', 'alpha');
    const ms = await s.dav.propfind('/a.txt', {
      depth: 0,
      props: ['{DAV:}getcontentlength', '{DAV:}resourcetype', '{urn:davkit:test}missing'],
    });
    const [file] = ms.responses;
    expect(file?.path).toBe(s.path('/a.txt'));
    expect(propsByStatus(file, 200).sort()).toEqual(['{DAV:}getcontentlength', '{DAV:}resourcetype']);
    const missing = propsByStatus(file, 404);
    if (name === 'nginx') {
      expect(missing).toEqual([]);
    } else if (name === 'webdav-server') {
      // webdav-server mangles foreign namespaces: cut at the last colon, the tail glued to the name.
      expect(missing).toEqual(['{urn:davkit:}testmissing']);
    } else {
      expect(missing).toEqual(['{urn:davkit:test}missing']);
    }
  });

  it('propname lists names without values', async () => {
    const s = await scratch(name, 'pfnames');
    await s.seed('a.txt', 'alpha');
    const ms = await s.dav.propfind('/a.txt', { depth: 0, props: 'propname' });
    const [file] = ms.responses;
    const names = propsByStatus(file, 200);
    expect(names).toEqual(expect.arrayContaining(['{DAV:}getcontentlength', '{DAV:}resourcetype']));
    const values =
      file?.kind === 'propstat' ? file.propstats.flatMap((p) => Object.values(p.props)) : [undefined];
    expect(values.every((value) => value === null)).toBe(true);
  });

  it(`Depth infinity: ${INFINITY[name]}`, async () => {
    const s = await scratch(name, 'pfinf');
    await s.seed('sub/deeper/c.txt', 'gamma');
    const outcome = await s.dav.propfind('/', { depth: 'infinity', props: ['{DAV:}resourcetype'] }).then(
      (ms) => ms.responses.map((r) => r.path).sort(),
      (error: unknown) => (isDavHttpError(error) ? error.status : error),
    );
    const depth1 = [s.dir.path, s.path('/sub/')];
    const expected = {
      refused: 403,
      complete: [...depth1, s.path('/sub/deeper/'), s.path('/sub/deeper/c.txt')].sort(),
      'depth 1': depth1,
    }[INFINITY[name]];
    expect(outcome).toEqual(expected);
  });

  it('a missing resource is a 404 DavHttpError', async () => {
    const s = await scratch(name, 'pf404');
    const error = await failure(s.dav.propfind('/nothing-here.txt', { depth: 0 }));
    expect(isDavHttpError(error) && [error.status, error.method, error.url]).toEqual([
      404,
      'PROPFIND',
      `${s.dir.url}nothing-here.txt`,
    ]);
  });

  it('decodes names with spaces and non-ASCII characters back to the same path', async () => {
    const s = await scratch(name, 'pfenc');
    await s.seed('café au lait.txt', 'x');
    const ms = await s.dav.propfind('/', { depth: 1, props: ['{DAV:}resourcetype'] });
    expect(ms.responses.map((r) => r.path)).toContain(s.path('/café au lait.txt'));
  });
});
