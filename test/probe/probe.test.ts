import { describe, expect, it } from 'vitest';
import { isDavNetworkError, isDavUsageError } from '../../src/errors/guards.ts';
import { observedClient } from '../helpers/clients.ts';
import { fakeServer } from './fake-server.ts';

const SCRATCH = /^\/root\/\.davkit-probe-[0-9a-f]{16}\.tmp$/;

function summary(requests: { method: string; url: string; headers: Record<string, string> }[]) {
  return requests.map((r) => {
    const path = decodeURIComponent(new URL(r.url).pathname).replace(
      /\.davkit-probe-[0-9a-f]+\.tmp/,
      '<scratch>',
    );
    const extra = r.headers['if-match'] ?? r.headers['content-range'] ?? r.headers.depth ?? '';
    return `${r.method} ${path} ${extra}`.trim();
  });
}

describe('probe()', () => {
  it('asks OPTIONS, lists as far as needed, and tests writes on a scratch file it removes again', async () => {
    const server = fakeServer({ infinity: 'refused', contentRange: 'honoured' });
    const { dav, requests } = observedClient(server.handler);
    const caps = await dav.probe('/');
    expect(summary(requests)).toEqual([
      'OPTIONS /root/',
      'PROPFIND /root/ infinity',
      'PROPFIND /root/ 1',
      'PUT /root/<scratch> "davkit-probe-no-such-etag"',
      'PUT /root/<scratch>',
      'PUT /root/<scratch> bytes 3-5/10',
      'GET /root/<scratch>',
      'DELETE /root/<scratch>',
    ]);
    expect(caps).toMatchObject({
      depthInfinity: false,
      partialUpdate: ['content-range'],
      ifMatchHonoured: true,
      etags: 'strong',
      requests: 8,
    });
    expect(caps.learned).toMatchObject({
      depthInfinity: 'probed',
      partialUpdate: 'probed',
      ifMatchHonoured: 'probed',
    });
    expect([...server.files.keys()]).toEqual(['/root/a.txt', '/root/sub/b.txt']);
    // The scratch file never takes an existing name, and the create never overwrites (If-None-Match).
    const puts = requests.filter((r) => r.method === 'PUT');
    expect(new Set(puts.map((r) => new URL(r.url).pathname)).size).toBe(1);
    expect(new URL(puts[0]?.url ?? '').pathname).toMatch(SCRATCH);
    expect(puts[1]?.headers['if-none-match']).toBe('*');
  });

  it('a server that ignores If-Match and Content-Range (rclone): both false, the readback tells', async () => {
    const server = fakeServer({ infinity: 'honoured', contentRange: 'ignored', ifMatch: false });
    const { dav, requests } = observedClient(server.handler);
    const caps = await dav.probe('/');
    expect(caps).toMatchObject({ depthInfinity: true, partialUpdate: [], ifMatchHonoured: false });
    expect(caps.notes).toEqual([
      'PUT with Content-Range was answered as a success but the file did not hold the range (ignored)',
    ]);
    expect(summary(requests)).toEqual([
      'OPTIONS /root/',
      'PROPFIND /root/ infinity',
      'PUT /root/<scratch> "davkit-probe-no-such-etag"',
      'PUT /root/<scratch> bytes 3-5/10',
      'GET /root/<scratch>',
      'DELETE /root/<scratch>',
    ]);
  });

  it('a refused Content-Range needs no readback (nginx: 501)', async () => {
    const server = fakeServer({ infinity: 'refused', contentRange: 'refused', ifMatch: false });
    const { dav, requests } = observedClient(server.handler);
    const caps = await dav.probe('/');
    expect(caps).toMatchObject({ partialUpdate: [], ifMatchHonoured: false, requests: 6 });
    expect(caps.notes).toEqual(['PUT with Content-Range was refused (501)']);
    expect(requests.some((r) => r.method === 'GET')).toBe(false);
  });

  it('Depth infinity answered as Depth 1 (SabreDAV 1.8) is found out on a member collection', async () => {
    const { dav, requests } = observedClient(fakeServer({ infinity: 'as depth 1' }).handler);
    const caps = await dav.probe('/', { scratch: false });
    expect(caps.depthInfinity).toBe(false);
    expect(summary(requests)).toEqual([
      'OPTIONS /root/',
      'PROPFIND /root/ infinity',
      'PROPFIND /root/sub/ 1',
    ]);
    expect(caps.learned).toMatchObject({ partialUpdate: 'unknown', ifMatchHonoured: 'unknown' });
    expect([caps.partialUpdate, caps.ifMatchHonoured]).toEqual([[], 'unknown']);
  });

  it('removes the scratch file even when a step fails, and rethrows the failure', async () => {
    const server = fakeServer({
      contentRange: 'honoured',
      dropWhen: (r) => r.method === 'PUT' && r.headers['content-range'] !== undefined,
    });
    const { dav, requests } = observedClient(server.handler);
    const error = await dav.probe('/').catch((e: unknown) => e);
    expect(isDavNetworkError(error)).toBe(true);
    expect(requests.at(-1)?.method).toBe('DELETE');
    expect([...server.files.keys()]).toEqual(['/root/a.txt', '/root/sub/b.txt']);
  });

  it('removes the scratch file after an abort (the cleanup does not carry the aborted signal)', async () => {
    const controller = new AbortController();
    const server = fakeServer({ contentRange: 'honoured' });
    const { dav, requests } = observedClient((request) => {
      if (request.method === 'GET') {
        controller.abort();
        throw new DOMException('aborted', 'AbortError');
      }
      return server.handler(request);
    });
    await expect(dav.probe('/', { signal: controller.signal })).rejects.toThrow();
    expect(requests.at(-1)?.method).toBe('DELETE');
    expect(server.files.size).toBe(2);
  });

  it('is cached per collection, shared with extend(), and probed again only on refresh', async () => {
    const { dav, requests } = observedClient(fakeServer().handler);
    const [one, two] = await Promise.all([dav.probe('/'), dav.probe('/')]);
    expect(one).toBe(two);
    const sent = requests.length;
    expect(await dav.extend({ headers: { 'x-a': '1' } }).probe('')).toBe(one);
    expect(requests.length).toBe(sent);
    expect(dav.probes.get(dav.url('/'))).toBe(one);
    const again = await dav.probe('/', { refresh: true });
    expect(again).not.toBe(one);
    expect(requests.length).toBe(2 * sent);
  });

  it('gives plain data: JSON and structuredClone keep every field, and a stored result can be restored', async () => {
    const { dav } = observedClient(fakeServer().handler);
    const caps = await dav.probe('/');
    expect(JSON.parse(JSON.stringify(caps))).toEqual(caps);
    expect(structuredClone(caps)).toEqual(caps);
    const { dav: fresh, requests } = observedClient(fakeServer().handler);
    fresh.probes.add(JSON.parse(JSON.stringify(caps)));
    expect(await fresh.probe('/')).toEqual(caps);
    expect(requests).toEqual([]);
  });

  it('refuses a path that is not a collection', async () => {
    const { dav } = observedClient(fakeServer().handler);
    const error = await dav.probe('/a.txt', { scratch: false }).catch((e: unknown) => e);
    expect(isDavUsageError(error)).toBe(true);
  });
});
