import { describe, expect, it } from 'vitest';
import { multistatusResponse, observedClient } from './clients.ts';

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
