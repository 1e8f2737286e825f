import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createClient } from '../../src/client/create-client.ts';
import { isDavUsageError } from '../../src/errors/guards.ts';
import type { UploadState } from '../../src/transfer/types.ts';
import { MiB, pattern, sameBytes } from '../helpers/transfers.ts';
import { NextcloudFixture } from './nextcloud-fixture.ts';

// strategy 'nextcloud-v2' against an in-process fixture of Nextcloud's published chunking v2
// protocol: no Nextcloud runs in this test setup (see nextcloud-fixture.ts and the README).

let nc: NextcloudFixture;

beforeEach(async () => {
  nc = await new NextcloudFixture('alice').start();
});
afterEach(() => nc.close());

const CHUNK = 5 * MiB;

function client() {
  return createClient({ baseUrl: nc.baseUrl, retry: 0 });
}

function uploadRequests() {
  return nc.seen.filter((request) => request.path.startsWith('/remote.php/dav/uploads/'));
}

describe("uploads with strategy 'nextcloud-v2'", () => {
  it('MKCOL an upload folder, PUT numbered chunks, MOVE .file: each with Destination (and OC-Total-Length)', async () => {
    const data = pattern(12 * MiB + 3, 21);
    const result = await client().upload('/docs/report.bin', data, {
      strategy: 'nextcloud-v2',
      chunkSize: CHUNK,
    });
    expect(result.ok).toBe(true);
    expect(sameBytes(nc.file('/docs/report.bin')?.bytes ?? new Uint8Array(), data)).toBe(true);
    const destination = `${nc.baseUrl}docs/report.bin`;
    const sent = uploadRequests().filter((request) => request.method !== 'PROPFIND');
    const folder = /^\/remote\.php\/dav\/uploads\/alice\/(davkit-[0-9a-f]{16})\/$/.exec(
      sent[0]?.path ?? '',
    )?.[1];
    expect(folder).toBeDefined();
    const base = `/remote.php/dav/uploads/alice/${folder}/`;
    const lines = sent.map((request) => `${request.method} ${request.path.replace(base, '')}`);
    // The folder first, the chunks in parallel (in any order), the MOVE last.
    expect([lines[0], ...lines.slice(1, -1).sort(), lines.at(-1)]).toEqual([
      'MKCOL ',
      'PUT 00001',
      'PUT 00002',
      'PUT 00003',
      'MOVE .file',
    ]);
    expect(sent.map((request) => request.headers.destination)).toEqual(Array(5).fill(destination));
    expect(sent.slice(1).map((request) => request.headers['oc-total-length'])).toEqual(
      Array(4).fill(String(data.byteLength)),
    );
    expect(
      sent
        .slice(1, 4)
        .map((request) => request.bodyBytes)
        .sort((a, b) => a - b),
    ).toEqual([2 * MiB + 3, CHUNK, CHUNK]);
    expect(nc.uploads.size).toBe(0); // the folder was assembled and removed
    expect(result.etag).toBe(nc.file('/docs/report.bin')?.etag);
  });

  it('a 507 on a chunk names its bytes; the MOVE waits; after the fix only that chunk and the MOVE go', async () => {
    const data = pattern(11 * MiB, 22);
    nc.quota = 10 * MiB;
    const dav = client();
    const first = await dav.upload('/big.bin', data, {
      strategy: 'nextcloud-v2',
      chunkSize: CHUNK,
      concurrency: 1,
    });
    expect(first.ok).toBe(false);
    // Nextcloud checks the quota against OC-Total-Length on every chunk: each one is refused.
    expect(first.rootCauses().map((cause) => [cause.status, cause.bytes])).toEqual([
      [507, { start: 0, end: CHUNK - 1 }],
      [507, { start: CHUNK, end: 2 * CHUNK - 1 }],
      [507, { start: 2 * CHUNK, end: data.byteLength - 1 }],
    ]);
    expect(uploadRequests().some((request) => request.method === 'MOVE')).toBe(false);
    const before = nc.seen.length;
    const next = await first.retryAfterFix(() => {
      nc.quota = Number.POSITIVE_INFINITY;
    });
    expect(next.ok).toBe(true);
    expect(nc.seen.slice(before).map((request) => request.method)).toEqual([
      'PUT',
      'PUT',
      'PUT',
      'PROPFIND',
      'MOVE',
      'PROPFIND',
    ]);
    expect(sameBytes(nc.file('/big.bin')?.bytes ?? new Uint8Array(), data)).toBe(true);
  });

  it('resumes in a new client by listing the upload folder: chunks already there are not sent again', async () => {
    const data = pattern(13 * MiB, 23);
    const stop = new AbortController();
    let saved = '';
    const first = await client().upload('/r.bin', data, {
      strategy: 'nextcloud-v2',
      chunkSize: CHUNK,
      concurrency: 1,
      signal: stop.signal,
      onProgress: ({ state }) => {
        saved = JSON.stringify(state);
        if (state.confirmed.length === 1) {
          stop.abort();
        }
      },
    });
    expect(first.ok).toBe(false);
    const before = nc.seen.length;
    const resumed = await client().upload('/r.bin', data, { resume: JSON.parse(saved) as UploadState });
    expect(resumed.ok).toBe(true);
    const puts = nc.seen.slice(before).filter((request) => request.method === 'PUT');
    expect(puts.map((request) => request.path.split('/').at(-1))).toEqual(['00002', '00003']);
    expect(sameBytes(nc.file('/r.bin')?.bytes ?? new Uint8Array(), data)).toBe(true);
  });

  it('replaces only the version seen when the upload began: a tagged If on the target in the MOVE', async () => {
    const old = nc.seed('/doc.bin', new Uint8Array([1, 2, 3]));
    const data = pattern(6 * MiB, 24);
    const result = await client().upload('/doc.bin', data, {
      strategy: 'nextcloud-v2',
      chunkSize: CHUNK,
      concurrency: 1,
      onProgress: ({ loaded }) => {
        if (loaded === CHUNK) {
          nc.seed('/doc.bin', new Uint8Array([9])); // someone else writes meanwhile
        }
      },
    });
    const move = nc.seen.find((request) => request.method === 'MOVE');
    expect(move?.headers.if).toBe(`<${nc.baseUrl}doc.bin> ([${old.etag}])`);
    expect(result.ok).toBe(false);
    expect(result.rootCauses()[0]).toMatchObject({ status: 412, fix: { kind: 'refresh-etag' } });
    expect([...(nc.file('/doc.bin')?.bytes ?? [])]).toEqual([9]);
  });

  it('refuses chunk sizes Nextcloud does not accept, and a base URL it cannot derive the uploads folder from', async () => {
    const small = await client()
      .upload('/x.bin', pattern(12 * MiB), { strategy: 'nextcloud-v2', chunkSize: MiB })
      .catch((error: unknown) => error);
    expect(isDavUsageError(small) && small.message).toMatch(/5 MiB to 5 GiB/);
    const elsewhere = createClient({ baseUrl: `${nc.origin}/webdav/` });
    const underived = await elsewhere
      .upload('/x.bin', pattern(6 * MiB), { strategy: 'nextcloud-v2', chunkSize: CHUNK })
      .catch((error: unknown) => error);
    expect(isDavUsageError(underived) && underived.message).toMatch(/nextcloudUploads/);
    expect(nc.seen.filter((request) => request.method !== 'PROPFIND')).toEqual([]);
  });
});
