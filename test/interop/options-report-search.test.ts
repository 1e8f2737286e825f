import { describe, expect, it } from 'vitest';
import { isDavHttpError } from '../../src/errors/guards.ts';
import { syncCollectionBody } from '../../src/xml/bodies/report.ts';
import type { ServerName } from '../harness/servers/types.ts';
import { failure, SERVERS, scratch } from '../helpers/interop.ts';

/**
 * The DAV header's compliance classes (real-servers.md §4). The harness's SabreDAV runs its
 * PartialUpdate plugin (issue 15), which adds its own token.
 */
const CLASSES: Record<ServerName, string[]> = {
  apache: ['1', '2', '<http://apache.org/dav/propset/fs/1>'],
  nginx: ['2'],
  rclone: ['1', '2'],
  sabredav: ['1', '3', 'extended-mkcol', '2', 'sabredav-partialupdate'],
  'webdav-server': ['1', '2'],
};

/**
 * None of the five servers implements REPORT (sync-collection) or SEARCH (basicsearch) on plain
 * files; each refuses cleanly. SabreDAV 1.8 knows REPORT but not this report (403 + supported-report).
 */
const REPORT: Record<ServerName, number> = {
  apache: 501,
  nginx: 405,
  rclone: 400,
  sabredav: 403,
  'webdav-server': 501,
};

const SEARCH: Record<ServerName, number> = {
  apache: 405,
  nginx: 405,
  rclone: 400,
  sabredav: 501,
  'webdav-server': 501,
};

describe.each(SERVERS)('OPTIONS, REPORT and SEARCH on %s', (name) => {
  it('OPTIONS lists the compliance classes and the allowed methods', async () => {
    const s = await scratch(name, 'options');
    const options = await s.dav.options();
    expect(options.dav).toEqual(CLASSES[name]);
    expect(options.allow).toEqual(expect.arrayContaining(['PROPFIND', 'LOCK', 'UNLOCK']));
    expect(options.allow.every((method) => method === method.toUpperCase())).toBe(true);
    expect(options.headers.dav).toBeDefined();
  });

  it('OPTIONS on a file', async () => {
    const s = await scratch(name, 'optionsfile');
    await s.seed('a.txt', 'alpha');
    const options = await s.dav.options('/a.txt');
    expect(options.allow).toEqual(expect.arrayContaining(['GET', 'PROPFIND']));
  });

  it(`REPORT sync-collection is refused with a clean DavHttpError (${REPORT[name]})`, async () => {
    const s = await scratch(name, 'report');
    const error = await failure(s.dav.report('/', syncCollectionBody({ syncToken: '' }), { depth: 0 }));
    expect(isDavHttpError(error) && [error.status, error.method, error.url]).toEqual([
      REPORT[name],
      'REPORT',
      s.dir.url,
    ]);
    if (name === 'sabredav' && isDavHttpError(error)) {
      expect(error.conditions.map((c) => c.name)).toContain('{DAV:}supported-report');
    }
  });

  it(`SEARCH basicsearch is refused with a clean DavHttpError (${SEARCH[name]})`, async () => {
    const s = await scratch(name, 'search');
    const error = await failure(
      s.dav.search('/', { select: ['{DAV:}displayname'], from: { href: s.dir.path, depth: 1 } }),
    );
    expect(isDavHttpError(error) && [error.status, error.method]).toEqual([SEARCH[name], 'SEARCH']);
  });
});
