import { HttpHandler, HttpResponse } from 'msw';
import { setupWorker } from 'msw/browser';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createClient, isDavParseError } from '../../src/index.ts';

// A service worker answers instead of a server: for shapes no real server produces on demand.
const worker = setupWorker(
  new HttpHandler('PROPFIND', 'https://mocked.dav.test/dav/odd/', () =>
    HttpResponse.xml(
      `<?xml version="1.0"?><multistatus xmlns="DAV:" xmlns:z="urn:zeta"><response><href>/dav/odd/</href>
       <propstat><prop><z:color>teal</z:color><getetag>"e1"</getetag></prop><status>HTTP/1.1 200 OK</status></propstat>
       <propstat><prop><z:size/></prop><status>HTTP/1.1 404 Not Found</status></propstat></response></multistatus>`,
      { status: 207 },
    ),
  ),
  new HttpHandler('PROPFIND', 'https://mocked.dav.test/dav/html/', () =>
    HttpResponse.html('<html><body><h1>502 Bad Gateway</h1></body></html>', { status: 207 }),
  ),
);

beforeAll(async () => {
  await worker.start({ quiet: true, onUnhandledFrame: 'error' });
});
afterAll(() => worker.stop());

it('decodes a default-namespace multistatus served by the msw service worker', async () => {
  expect(navigator.serviceWorker.controller).not.toBeNull();
  const dav = createClient({ baseUrl: 'https://mocked.dav.test/dav/' });
  const ms = await dav.propfind('/odd/', { depth: 0 });
  const [response] = ms.responses;
  expect(response?.kind).toBe('propstat');
  if (response?.kind !== 'propstat') {
    return;
  }
  expect(response.propstats.map((ps) => [ps.status, Object.keys(ps.props)])).toEqual([
    [200, ['{urn:zeta}color', '{DAV:}getetag']],
    [404, ['{urn:zeta}size']],
  ]);
  expect(response.propstats[0]?.props['{DAV:}getetag']).toBe('"e1"');
});

it('rejects a 207 whose body is an HTML page with DavParseError', async () => {
  const dav = createClient({ baseUrl: 'https://mocked.dav.test/dav/' });
  const error = await dav.propfind('/html/').catch((e: unknown) => e);
  expect(isDavParseError(error)).toBe(true);
});
