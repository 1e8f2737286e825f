import { describe, expect, it } from 'vitest';
import { isDavHttpError, isMultiStatusError } from '../../src/errors/guards.ts';
import { buildCopy, buildMove, readTransfer } from '../../src/operations/copy-move.ts';
import { multistatusResponse, observedClient } from '../helpers/clients.ts';

describe('buildCopy and buildMove', () => {
  it('COPY: Overwrite T by default, F for overwrite: false, Depth only when asked', () => {
    expect(buildCopy('/a', '/b')).toEqual({
      method: 'COPY',
      path: '/a',
      destination: '/b',
      headers: { overwrite: 'T' },
      response: 'text',
    });
    expect(buildCopy('/a', '/b', { overwrite: false, depth: 0 }).headers).toEqual({
      overwrite: 'F',
      depth: '0',
    });
    expect(buildCopy('/a', '/b', { depth: 'infinity' }).headers).toEqual({
      overwrite: 'T',
      depth: 'infinity',
    });
  });

  it('MOVE: Overwrite T or F, never a Depth (always infinity)', () => {
    expect(buildMove('/a', '/b')).toEqual({
      method: 'MOVE',
      path: '/a',
      destination: '/b',
      headers: { overwrite: 'T' },
      response: 'text',
    });
    expect(buildMove('/a', '/b', { overwrite: false }).headers).toEqual({ overwrite: 'F' });
  });
});

describe('readTransfer', () => {
  const request = {
    method: 'COPY',
    url: 'https://h/a',
    path: '/a',
    destination: 'https://h/b',
    destinationPath: '/b',
  };
  it('201 created a new resource, 204 replaced one', () => {
    expect(readTransfer({ status: 201, statusText: '', headers: {}, text: '', request })).toEqual({
      status: 201,
      created: true,
    });
    expect(readTransfer({ status: 204, statusText: '', headers: {}, text: '', request })).toEqual({
      status: 204,
      created: false,
    });
  });
});

describe('COPY and MOVE on the wire', () => {
  it('send the Destination as an absolute, percent-encoded URL', async () => {
    const { dav, requests } = observedClient(() => new Response(null, { status: 201 }));
    await dav.copy('/a b.txt', '/dir/c é.txt', { overwrite: false });
    await dav.move('/x', 'https://dav.test/root/y', {});
    expect(requests.map((r) => [r.method, r.url, r.headers.destination, r.headers.overwrite])).toEqual([
      ['COPY', 'https://dav.test/root/a%20b.txt', 'https://dav.test/root/dir/c%20%C3%A9.txt', 'F'],
      ['MOVE', 'https://dav.test/root/x', 'https://dav.test/root/y', 'T'],
    ]);
  });

  it('a 412 names the destination in the error', async () => {
    const { dav } = observedClient(
      () => new Response(null, { status: 412, statusText: 'Precondition Failed' }),
    );
    const error = await dav.move('/a', '/b', { overwrite: false }).catch((e: unknown) => e);
    expect(isDavHttpError(error) && [error.status, error.destination, error.request.destinationPath]).toEqual(
      [412, 'https://dav.test/root/b', '/root/b'],
    );
  });

  it('a 207 with a failure is a MultiStatusError that names the destination', async () => {
    const { dav } = observedClient(() =>
      multistatusResponse(
        '<D:multistatus xmlns:D="DAV:"><D:response><D:href>/root/b/m.txt</D:href><D:status>HTTP/1.1 423 Locked</D:status></D:response></D:multistatus>',
      ),
    );
    const error = await dav.copy('/a/', '/b/').catch((e: unknown) => e);
    expect(isMultiStatusError(error) && [error.method, error.destination]).toEqual([
      'COPY',
      'https://dav.test/root/b/',
    ]);
  });
});
