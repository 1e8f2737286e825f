import { describe, expect, it } from 'vitest';
import { buildReport, buildSearch, readReport } from '../../src/operations/report-search.ts';
import type { RawResponse } from '../../src/transport/raw-response.ts';
import { syncCollectionBody } from '../../src/xml/bodies/report.ts';
import { el } from '../../src/xml/serialize.ts';
import { multistatusResponse, observedClient } from '../helpers/clients.ts';

describe('buildReport', () => {
  it('sends the body as XML at Depth 0 by default', () => {
    const body = syncCollectionBody({ syncToken: '' });
    expect(buildReport('/cal/', body)).toEqual({
      method: 'REPORT',
      path: '/cal/',
      headers: { 'content-type': 'application/xml; charset=utf-8', depth: '0' },
      body,
      response: 'text',
    });
    expect(buildReport('/cal/', body, { depth: 1 }).headers.depth).toBe('1');
  });

  it('serialises an element tree', () => {
    const spec = buildReport('/', el('{DAV:}expand-property', [el('{DAV:}property')]));
    expect(spec.body).toMatch(/expand-property/);
    expect(spec.body).toMatch(/xmlns(:\w+)?="DAV:"/);
  });
});

describe('buildSearch', () => {
  it('builds a DAV:basicsearch from a query, or sends given XML as it is', () => {
    const spec = buildSearch('/', {
      select: ['{DAV:}displayname'],
      from: { href: '/dav/', depth: 1 },
      limit: 5,
    });
    expect([spec.method, spec.headers['content-type']]).toEqual(['SEARCH', 'application/xml; charset=utf-8']);
    expect(spec.body).toMatch(/searchrequest/);
    expect(spec.body).toMatch(/basicsearch/);
    expect(spec.body).toMatch(/nresults>5</);
    expect(buildSearch('/', '<x/>').body).toBe('<x/>');
  });
});

describe('readReport', () => {
  it('returns the multistatus with its sync token, 404 responses as data', () => {
    const raw: RawResponse = {
      status: 207,
      statusText: '',
      headers: { 'content-type': 'application/xml' },
      text:
        '<D:multistatus xmlns:D="DAV:"><D:response><D:href>/cal/gone.ics</D:href><D:status>HTTP/1.1 404 Not Found</D:status></D:response>' +
        '<D:sync-token>http://example.com/sync/2</D:sync-token></D:multistatus>',
      request: { method: 'REPORT', url: 'https://h/cal/', path: '/cal/' },
    };
    const ms = readReport(raw);
    expect([ms.syncToken, ms.responses.map((r) => r.path)]).toEqual([
      'http://example.com/sync/2',
      ['/cal/gone.ics'],
    ]);
  });

  it('REPORT and SEARCH go out in upper case', async () => {
    const { dav, requests } = observedClient(() => multistatusResponse('<D:multistatus xmlns:D="DAV:"/>'));
    await dav.report('/', '<D:sync-collection xmlns:D="DAV:"/>');
    await dav.search('/', { select: ['{DAV:}getetag'], from: { href: '/root/' } });
    expect(requests.map((r) => r.method)).toEqual(['REPORT', 'SEARCH']);
  });
});
