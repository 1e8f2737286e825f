import { access, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createClient } from '../../src/client/create-client.ts';
import { isDavHttpError, isMultiStatusError } from '../../src/errors/guards.ts';
import { davServer, freshCollection } from '../harness/fixture.ts';
import { failure, scratch } from '../helpers/interop.ts';

// dav.request() against a real Apache (mod_dav): WebDAV verbs sent through it behave as the verbs do,
// and methods Apache does not implement come back as DavHttpErrors with their status.

describe('dav.request() against Apache', () => {
  it('sends PROPFIND with a body and decodes the multistatus', async () => {
    const s = await scratch('apache', 'request-propfind');
    await s.seed('a.txt', 'alpha');
    const body =
      '<?xml version="1.0" encoding="utf-8"?><D:propfind xmlns:D="DAV:"><D:prop><D:getcontentlength/></D:prop></D:propfind>';
    const ms = await s.dav.request('PROPFIND', '/', {
      body,
      contentType: 'application/xml; charset=utf-8',
      headers: { depth: '1' },
      response: 'multistatus',
    });
    const file = ms.responses.find((each) => each.path === s.path('/a.txt'));
    expect(file?.kind === 'propstat' && file.propstats[0]?.props['{DAV:}getcontentlength']).toBe(5);
  });

  it('creates a collection with MKCOL, and a second one is a DavHttpError 405', async () => {
    const s = await scratch('apache', 'request-mkcol');
    expect((await s.dav.request('MKCOL', '/made/')).status).toBe(201);
    await access(join(s.dir.dir, 'made'));
    const error = await failure(s.dav.request('MKCOL', '/made/'));
    expect(isDavHttpError(error) && [error.status, error.method]).toEqual([405, 'MKCOL']);
  });

  it('submits the held lock token of a locked collection; another client is refused (207 with a 423)', async () => {
    const s = await scratch('apache', 'request-locks');
    await s.dav.mkcol('/locked/');
    await s.dav.lock('/locked/', { lockTimeout: 60 });
    const error = await failure(s.other.request('PUT', '/locked/b.txt', { body: 'other' }));
    expect(
      isMultiStatusError(error) &&
        error.multistatus.responses.map((each) => each.kind === 'status' && each.status),
    ).toContain(423);
    expect((await s.dav.request('PUT', '/locked/a.txt', { body: 'mine' })).status).toBe(201);
    expect(await readFile(join(s.dir.dir, 'locked', 'a.txt'), 'utf8')).toBe('mine');
  });

  it.each([
    ['BIND', 405],
    ['X-DAVKIT-CUSTOM', 501],
  ])(
    'gets Apache’s refusal of %s as a DavHttpError with its status (%i) and method',
    async (method, status) => {
      const s = await scratch('apache', 'request-custom');
      await s.seed('a.txt', 'alpha');
      const error = await failure(s.dav.request(method, '/a.txt', { body: 'data' }));
      expect(isDavHttpError(error) && [error.status, error.method, error.request.path]).toEqual([
        status,
        method,
        s.path('/a.txt'),
      ]);
      expect(await readFile(join(s.dir.dir, 'a.txt'), 'utf8')).toBe('alpha');
    },
  );

  it('sends POST: Apache’s static handler answers a file with its content, a collection with 404', async () => {
    const s = await scratch('apache', 'request-post');
    await s.seed('a.txt', 'alpha');
    const result = await s.dav.request('POST', '/a.txt', { body: 'data', contentType: 'text/plain' });
    expect([result.status, result.text, result.headers['content-length']]).toEqual([200, 'alpha', '5']);
    const error = await failure(s.dav.request('POST', '/', { body: 'data' }));
    expect(isDavHttpError(error) && [error.status, error.method]).toEqual([404, 'POST']);
  });
});

describe('dav.request() against Radicale (CalDAV)', () => {
  it('makes a calendar with MKCALENDAR and its properties; a second one is refused', async () => {
    const dir = await freshCollection(davServer('radicale'), 'mkcalendar');
    const dav = createClient({ baseUrl: dir.url });
    const body =
      '<?xml version="1.0" encoding="utf-8"?><C:mkcalendar xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">' +
      '<D:set><D:prop><D:displayname>Work</D:displayname></D:prop></D:set></C:mkcalendar>';
    const made = await dav.request('MKCALENDAR', '/work/', {
      body,
      contentType: 'application/xml; charset=utf-8',
    });
    expect(made.status).toBe(201);
    const ms = await dav.propfind('/work/', { depth: 0, props: ['{DAV:}displayname', '{DAV:}resourcetype'] });
    const props = ms.responses[0]?.kind === 'propstat' ? ms.responses[0].propstats[0]?.props : undefined;
    expect(props?.['{DAV:}displayname']).toBe('Work');
    expect(JSON.stringify(props?.['{DAV:}resourcetype'])).toContain('urn:ietf:params:xml:ns:caldav}calendar');
    const again = await failure(dav.request('MKCALENDAR', '/work/', { body }));
    expect(isDavHttpError(again) && [again.status, again.method]).toEqual([409, 'MKCALENDAR']);
  });
});
