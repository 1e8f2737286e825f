import { afterEach, describe, expect, it } from 'vitest';
import { createClient } from '../../src/client/create-client.ts';
import { multistatusResponse, observedClient } from '../helpers/clients.ts';
import { type QuirkyServer, startQuirkyServer } from '../helpers/quirky-server.ts';

describe('quota()', () => {
  it('reads RFC 4331 used and available bytes with a Depth 0 PROPFIND', async () => {
    const { dav, requests } = observedClient(() =>
      multistatusResponse(
        '<D:multistatus xmlns:D="DAV:"><D:response><D:href>/root/</D:href><D:propstat><D:prop>' +
          '<D:quota-used-bytes>1024</D:quota-used-bytes><D:quota-available-bytes>4096</D:quota-available-bytes>' +
          '</D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response></D:multistatus>',
      ),
    );
    expect(await dav.quota()).toEqual({ used: 1024, available: 4096 });
    expect(requests[0]?.headers.depth).toBe('0');
    expect(requests[0]?.body).toContain('quota-used-bytes');
  });

  it('leaves out values in a 404 propstat', async () => {
    const { dav } = observedClient(() =>
      multistatusResponse(
        '<D:multistatus xmlns:D="DAV:"><D:response><D:href>/root/</D:href><D:propstat><D:prop>' +
          '<D:quota-used-bytes/><D:quota-available-bytes/></D:prop><D:status>HTTP/1.1 404 Not Found</D:status>' +
          '</D:propstat></D:response></D:multistatus>',
      ),
    );
    expect(await dav.quota('/')).toEqual({});
  });
});

describe('quota(): Nextcloud’s sentinels (issue 17), from a server that sends them', () => {
  let server: QuirkyServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it.each([
    ['-3', 'unlimited'],
    ['-2', 'unknown'],
    ['-1', 'not-computed'],
  ])('quota-available-bytes %s is %s, not "not reported"', async (sent, meaning) => {
    server = await startQuirkyServer('nextcloud-quota');
    server.quotaAvailable = sent;
    const dav = createClient({ baseUrl: server.baseUrl, retry: 0 });
    expect(await dav.quota('/')).toEqual({ used: 6864755191, available: meaning });
    const ms = await dav.propfind('/', { depth: 0, props: ['{DAV:}quota-available-bytes'] });
    const [response] = ms.responses;
    expect(response?.kind === 'propstat' && response.propstats[0]?.props['{DAV:}quota-available-bytes']).toBe(
      meaning,
    );
  });

  it('other negative or malformed values are still not a quota: absent from quota(), null in the props', async () => {
    server = await startQuirkyServer('nextcloud-quota');
    const dav = createClient({ baseUrl: server.baseUrl, retry: 0 });
    for (const sent of ['-4', '-0', '3.5', 'lots']) {
      server.quotaAvailable = sent;
      expect(await dav.quota('/'), sent).toEqual({ used: 6864755191 });
    }
  });
});
