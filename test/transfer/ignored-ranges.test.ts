import { describe, expect, it } from 'vitest';
import { isDavUsageError } from '../../src/errors/guards.ts';
import { observedClient } from '../helpers/clients.ts';
import { RangeServer } from './range-server.ts';

// A server that ignores Content-Range (RFC 9110 §14.4 lets it) would overwrite the whole file with
// each chunk. No harness server does that on demand, so an in-process one does (range-server.ts).

const TEXT = 'abcdefghijklmnopqrstuvwxyz'.repeat(4); // 104 bytes: 11 chunks of 10

describe('a server that ignores Content-Range', () => {
  it("is detected by 'auto' (the capability probe: a scratch file written in a range, read back), which then sends one PUT", async () => {
    const server = new RangeServer('ignore');
    const { dav } = observedClient(server.handle);
    const result = await dav.upload('/a.txt', new TextEncoder().encode(TEXT), { chunkSize: 10 });
    expect(result.ok).toBe(true);
    expect(result.strategy).toBe('single');
    expect(server.file('/a.txt')).toBe(TEXT);
    // The probe's checks (dav.probe()): a scratch file made (If-Match first, then If-None-Match), a
    // range written into it, read back, removed. SabreDAV's PATCH is tried only where advertised.
    const check = server.log.filter((line) => line.includes('.davkit-probe-'));
    expect(check.map((line) => line.replace(/\.davkit-probe-[0-9a-f]+\.tmp/, 'scratch'))).toEqual([
      'PUT scratch',
      'PUT scratch',
      'PUT scratch bytes 3-5/10',
      'GET scratch',
      'DELETE scratch',
    ]);
    expect(dav.probes.around(dav.url('/'))?.partialUpdate).toEqual([]);
    expect([...server.files.keys()]).toEqual(['/root/a.txt']);
  });

  it('remembers the verdict for the client: a second upload there asks no question', async () => {
    const server = new RangeServer('ignore');
    const { dav } = observedClient(server.handle);
    await dav.upload('/a.txt', new TextEncoder().encode(TEXT), { chunkSize: 10 });
    server.log.length = 0;
    await dav.upload('/b.txt', new TextEncoder().encode(TEXT), { chunkSize: 10 });
    expect(server.log.some((line) => line.includes('.davkit-probe-'))).toBe(false);
  });

  it("refuses an explicit 'content-range' upload, and the file at the target is untouched", async () => {
    const server = new RangeServer('ignore');
    server.seed('/a.txt', 'precious');
    const { dav } = observedClient(server.handle);
    const error = await dav
      .upload('/a.txt', new TextEncoder().encode(TEXT), { strategy: 'content-range', chunkSize: 10 })
      .catch((e: unknown) => e);
    expect(isDavUsageError(error) && error.message).toMatch(
      /strategy 'content-range' does not work on this server \(PUT with Content-Range was answered as a success but the file did not hold the range \(ignored\)\)/,
    );
    expect(server.file('/a.txt')).toBe('precious');
    expect([...server.files.keys()]).toEqual(['/root/a.txt']);
  });

  it('one that passes the check and then ignores ranges never gets a file moved into place', async () => {
    const server = new RangeServer('honour-scratch-only');
    server.seed('/a.txt', 'precious');
    const { dav } = observedClient(server.handle);
    const result = await dav.upload('/a.txt', new TextEncoder().encode(TEXT), {
      chunkSize: 10,
      concurrency: 1,
    });
    expect(result.strategy).toBe('content-range');
    expect(result.ok).toBe(false);
    const [cause] = result.rootCauses();
    expect(cause?.step).toBe('check-temp');
    expect(cause?.description).toMatch(
      /holds 4 bytes where 104 were sent: the server did not keep every byte/,
    );
    expect(result.batch.steps.find((step) => step.id === 'assemble')).toMatchObject({
      kind: 'failed-dependency',
      failedPrerequisite: { step: 'check-temp' },
    });
    expect(server.log.some((line) => line.startsWith('MOVE'))).toBe(false);
    expect(server.file('/a.txt')).toBe('precious');
  });
});

describe('a server that honours Content-Range', () => {
  it('gets the chunks as ranged PUTs to a temporary file, then one MOVE with the ETag guard', async () => {
    const server = new RangeServer('honour');
    server.seed('/a.txt', 'old');
    const { dav, requests } = observedClient(server.handle);
    const result = await dav.upload('/a.txt', new TextEncoder().encode(TEXT), {
      chunkSize: 50,
      concurrency: 1,
    });
    expect(result.ok).toBe(true);
    expect(server.file('/a.txt')).toBe(TEXT);
    // The probe's requests (the collection, its scratch file) aside.
    const upload = server.log.filter((line) => !line.includes('.davkit-probe-') && !line.endsWith(' '));
    expect(upload.map((line) => line.replace(/\.a\.txt\.davkit-[0-9a-f]{16}\.part/, 'temp'))).toEqual([
      'PROPFIND a.txt',
      'PUT temp bytes 0-49/104',
      'PUT temp bytes 50-99/104',
      'PUT temp bytes 100-103/104',
      'PROPFIND temp',
      'MOVE temp',
      'PROPFIND a.txt',
    ]);
    const move = requests.find((request) => request.method === 'MOVE');
    expect(move?.headers.if).toBe('<https://dav.test/root/a.txt> (["e1"])');
    expect(move?.headers.overwrite).toBe('T');
  });

  it('a MOVE whose answer is lost: sent again, it finds no temporary file; the target shows it happened', async () => {
    const server = new RangeServer('honour');
    let lost = false;
    const { dav } = observedClient(async (request) => {
      const answer = await server.handle(request);
      if (request.method === 'MOVE' && !lost) {
        lost = true;
        throw new TypeError('fetch failed'); // the move was made; its answer never arrived
      }
      return answer;
    });
    const result = await dav.upload('/a.txt', new TextEncoder().encode(TEXT), { chunkSize: 50 });
    expect(server.log.filter((line) => line.startsWith('MOVE'))).toHaveLength(2); // the second got 404
    expect(result.ok).toBe(true);
    expect(server.file('/a.txt')).toBe(TEXT);
  });
});

describe('chunks read from a reader', () => {
  const MiB = 1024 * 1024;
  // Printable ASCII: the in-process server reads bodies as text.
  const data = new Uint8Array(5 * MiB).map((_, i) => 32 + ((i * 7) % 95));
  const reader = { size: data.byteLength, read: (start: number, end: number) => data.slice(start, end) };

  it('go as streams read as they are sent; an expired token is answered and the chunk sent again', async () => {
    const server = new RangeServer('honour');
    let valid = 'first';
    let puts = 0;
    const { dav, requests } = observedClient(
      async (request) => {
        if (request.method === 'PUT' && request.url.endsWith('.part') && ++puts === 2) {
          valid = 'second'; // the token expires in the middle of the upload
        }
        return request.headers.authorization === `Bearer ${valid}`
          ? server.handle(request)
          : new Response(null, { status: 401, headers: { 'www-authenticate': 'Bearer' } });
      },
      { auth: { type: 'bearer', token: ({ refresh }) => (refresh ? 'second' : 'first') } },
    );
    const result = await dav.upload('/big.bin', reader, { chunkSize: 2 * MiB, concurrency: 1 });
    expect(result.rootCauses()).toEqual([]);
    expect(result.ok).toBe(true);
    expect(new Uint8Array(server.files.get('/root/big.bin')?.bytes ?? [])).toEqual(data);
    // The 2 MiB chunk goes as a stream: refused, it cannot be sent again by the transport. The last
    // chunk (1 MiB, read whole) is, after the token is renewed. The upload then re-sends the first.
    const log = requests.map((r) =>
      `${r.method} ${r.headers['content-range'] ?? ''} ${r.headers.authorization}`.replace('  ', ' '),
    );
    const from = log.indexOf(`PUT bytes ${2 * MiB}-${4 * MiB - 1}/${5 * MiB} Bearer first`);
    expect(log.slice(from, from + 5)).toEqual([
      `PUT bytes ${2 * MiB}-${4 * MiB - 1}/${5 * MiB} Bearer first`,
      `PUT bytes ${4 * MiB}-${5 * MiB - 1}/${5 * MiB} Bearer first`,
      `PUT bytes ${4 * MiB}-${5 * MiB - 1}/${5 * MiB} Bearer second`,
      'PROPFIND Bearer second',
      `PUT bytes ${2 * MiB}-${4 * MiB - 1}/${5 * MiB} Bearer second`,
    ]);
    const chunk = result.batch.steps.find((step) => step.id === `bytes-${2 * MiB}-${4 * MiB - 1}`);
    expect(chunk).toMatchObject({ kind: 'success', attempt: 2 });
  });
});
