import { describe, expect, it } from 'vitest';
import { isDavHttpError, isMultiStatusError } from '../../src/errors/guards.ts';
import { buildDelete, readDelete } from '../../src/operations/delete.ts';
import { multistatusResponse, observedClient } from '../helpers/clients.ts';

const LOCKED_MEMBER =
  '<D:multistatus xmlns:D="DAV:"><D:response><D:href>/root/lk2/m.txt</D:href><D:status>HTTP/1.1 423 Locked</D:status></D:response></D:multistatus>';

describe('buildDelete', () => {
  it('sends no Depth header (a collection is always deleted whole)', () => {
    expect(buildDelete('/old/')).toEqual({ method: 'DELETE', path: '/old/', headers: {}, response: 'text' });
  });

  it('sends If-Match for ifMatch', () => {
    expect(buildDelete('/a', { ifMatch: '"e1"' }).headers).toEqual({ 'if-match': '"e1"' });
  });
});

describe('readDelete', () => {
  const request = { method: 'DELETE', url: 'https://h/a', path: '/a' };
  it('accepts 200 and 204', () => {
    expect(readDelete({ status: 204, statusText: '', headers: {}, text: '', request })).toBeUndefined();
    expect(readDelete({ status: 200, statusText: '', headers: {}, text: '', request })).toBeUndefined();
  });
});

describe('DELETE on the wire', () => {
  it('Apache’s top-level 424 is a DavHttpError carrying the member’s 423', async () => {
    const { dav } = observedClient(() => multistatusResponse(LOCKED_MEMBER, 424));
    const error = await dav.delete('/lk2/').catch((e: unknown) => e);
    expect(isDavHttpError(error)).toBe(true);
    if (isDavHttpError(error)) {
      expect([error.status, error.method]).toEqual([424, 'DELETE']);
      expect(error.multistatus?.responses.map((r) => [r.path, r.kind === 'status' && r.status])).toEqual([
        ['/root/lk2/m.txt', 423],
      ]);
    }
  });

  it('an RFC 207 with a failed member is a MultiStatusError', async () => {
    const { dav } = observedClient(() => multistatusResponse(LOCKED_MEMBER, 207));
    const error = await dav.delete('/lk2/').catch((e: unknown) => e);
    expect(isMultiStatusError(error) && error.status).toBe(207);
  });

  it('SabreDAV’s 423 carries DAV:lock-token-submitted', async () => {
    const { dav } = observedClient(
      () =>
        new Response(
          '<?xml version="1.0" encoding="utf-8"?><d:error xmlns:d="DAV:" xmlns:s="http://sabredav.org/ns"><s:exception>Sabre\\DAV\\Exception\\Locked</s:exception><d:lock-token-submitted><d:href>/root/lk2/m.txt</d:href></d:lock-token-submitted></d:error>',
          { status: 423, headers: { 'content-type': 'application/xml; charset=utf-8' } },
        ),
    );
    const error = await dav.delete('/lk2/').catch((e: unknown) => e);
    expect(
      isDavHttpError(error) && error.conditions.find((c) => c.name === '{DAV:}lock-token-submitted'),
    ).toEqual({
      name: '{DAV:}lock-token-submitted',
      hrefs: ['/root/lk2/m.txt'],
      paths: ['/root/lk2/m.txt'],
    });
  });

  it('a 204 is success, and the method goes out as DELETE', async () => {
    const { dav, requests } = observedClient(() => new Response(null, { status: 204 }));
    await dav.delete('/a.txt', { ifMatch: '"e"' });
    expect(requests.map((r) => [r.method, r.headers['if-match'], r.headers.depth])).toEqual([
      ['DELETE', '"e"', undefined],
    ]);
  });
});
