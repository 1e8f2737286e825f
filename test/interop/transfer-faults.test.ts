import { execFile } from 'node:child_process';
import { mkdtemp, open, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '../../src/client/create-client.ts';
import { fileSink, fileSource } from '../../src/transfer/files.ts';
import { type FaultProxy, startFaultProxy } from '../harness/fault-proxy.ts';
import { scratch } from '../helpers/interop.ts';
import { MiB, pattern, sameBytes } from '../helpers/transfers.ts';

// Transfers through a fault proxy in front of the real servers: connections cut in the middle of a
// chunk or of a download, 503s and 507s, against the servers' real answers otherwise.

let proxy: FaultProxy;

beforeAll(async () => {
  proxy = await startFaultProxy('http://127.0.0.1:1');
});
afterAll(() => proxy.close());

/** A scratch collection on `name`, and a client that reaches it through the proxy. */
async function throughProxy(name: 'apache' | 'sabredav', label: string) {
  const s = await scratch(name, label);
  proxy.reset();
  proxy.upstream = s.info.origin;
  const dav = createClient({ baseUrl: `${proxy.origin}${s.dir.path}`, timeout: 30_000 });
  return { s, dav };
}

/** The request header that names a chunk's first byte, per server's partial-update method. */
const CHUNK_HEADER = {
  apache: (start: number) => ['content-range', `bytes ${start}-`] as const,
  sabredav: (start: number) => ['x-update-range', `bytes=${start}-`] as const,
};

describe.each(['apache', 'sabredav'] as const)('uploads through a faulty connection to %s', (name) => {
  it('a connection cut in the middle of a chunk: that chunk is sent again, the file is exact', async () => {
    const { s, dav } = await throughProxy(name, 'fault-cut');
    const data = pattern(4 * MiB, 11);
    await dav.upload('/warm.bin', pattern(2 * MiB), { chunkSize: MiB }); // the verdict, outside the count
    proxy.reset();
    proxy.arm({ fault: 'reset-request', header: CHUNK_HEADER[name](MiB) });
    const result = await dav.upload('/cut.bin', data, { chunkSize: MiB });
    expect(result.ok).toBe(true);
    const stats = proxy.stats();
    expect(stats.caught).toEqual([1]);
    expect(stats.log.some((line) => line.includes('cut after'))).toBe(true);
    const cut = result.batch.steps.find((step) => step.id === 'bytes-1048576-2097151');
    expect(cut).toMatchObject({ kind: 'success', attempt: 2 });
    // Every byte once, plus the half chunk that was cut.
    expect(stats.writtenBytes).toBeLessThanOrEqual(data.byteLength + MiB / 2 + 1);
    expect(sameBytes(new Uint8Array(await readFile(join(s.dir.dir, 'cut.bin'))), data)).toBe(true);
  });

  it('a 503 on a chunk: sent again after the pause it asked for', async () => {
    const { s, dav } = await throughProxy(name, 'fault-503');
    proxy.arm({
      fault: 'status',
      status: 503,
      headers: { 'retry-after': '1' },
      header: CHUNK_HEADER[name](0),
    });
    const data = pattern(2 * MiB + 7, 12);
    const result = await dav.upload('/busy.bin', data, { chunkSize: MiB });
    expect(result.ok).toBe(true);
    expect(proxy.stats().caught).toEqual([1]);
    expect(sameBytes(new Uint8Array(await readFile(join(s.dir.dir, 'busy.bin'))), data)).toBe(true);
  });

  it('a 507 on one chunk: the result names its bytes, the move waits; retryAfterFix sends only that chunk', async () => {
    const { s, dav } = await throughProxy(name, 'fault-507');
    proxy.arm({ fault: 'status', status: 507, header: CHUNK_HEADER[name](2 * MiB), times: 100 });
    const data = pattern(3 * MiB + 3, 13);
    const first = await dav.upload('/full.bin', data, { chunkSize: MiB });
    expect(first.ok).toBe(false);
    const causes = first.rootCauses();
    expect(causes).toHaveLength(1);
    expect(causes[0]).toMatchObject({
      status: 507,
      step: 'bytes-2097152-3145727',
      bytes: { start: 2 * MiB, end: 3 * MiB - 1 },
      fix: { kind: 'none' },
    });
    expect(causes[0]?.description).toMatch(/^bytes 2097152-3145727 \(chunk 3 of 4\) are not on the server/);
    // The move into place was never sent: a synthesised 424 names the chunk.
    expect(first.batch.steps.find((step) => step.id === 'assemble')).toMatchObject({
      kind: 'failed-dependency',
      status: 424,
      failedPrerequisite: { step: 'bytes-2097152-3145727', status: 507 },
    });
    expect(await s.dav.exists('/full.bin')).toBe(false);
    proxy.reset(); // the "fix": space was freed
    const next = await first.retryAfterFix(async (told) => {
      expect(told.map((cause) => cause.bytes)).toEqual([{ start: 2 * MiB, end: 3 * MiB - 1 }]);
    });
    expect(next.ok).toBe(true);
    const resent = next.batch.steps.filter((step) => step.attempt === 2).map((step) => step.id);
    expect(resent).toEqual(['bytes-2097152-3145727', 'check-temp', 'assemble', 'check-target']);
    expect(proxy.stats().writtenBytes).toBe(MiB);
    expect(sameBytes(new Uint8Array(await readFile(join(s.dir.dir, 'full.bin'))), data)).toBe(true);
  });
});

describe.each(['apache', 'sabredav'] as const)('downloads through a faulty connection from %s', (name) => {
  it('a connection cut in the middle: the rest is asked for with Range and If-Range, the file is exact', async () => {
    const { s, dav } = await throughProxy(name, 'fault-down');
    const data = pattern(5 * MiB + 17, 14);
    await s.seed('d.bin', data);
    await new Promise((resolve) => setTimeout(resolve, 1100)); // Apache's ETag turns strong after a second
    proxy.arm({ fault: 'reset-response', method: 'GET', cutAt: 0.4 });
    const target = join(s.dir.dir, 'copy.local');
    const down = await dav.download('/d.bin', fileSink(target, open));
    expect(down.rootCauses()).toEqual([]);
    expect(down.ok).toBe(true);
    const gets = proxy.stats().log.filter((line) => line.startsWith('GET '));
    expect(gets[0]).toMatch(/→ 200$/);
    expect(gets[1]).toMatch(/→ cut after \d+ response bytes$/);
    // The second request asks for the rest only, and gets exactly that.
    // The second request asks for the rest of this version only (If-Range on its strong ETag).
    const rest = /\(bytes=(\d+)-, if-range "[^"]+"\) → 206$/.exec(gets[2] ?? '');
    const from = Number(rest?.[1]);
    expect(from).toBeGreaterThan(0);
    expect(gets[3]).toMatch(new RegExp(` → sent ${data.byteLength - from} response bytes$`));
    expect(sameBytes(new Uint8Array(await readFile(target)), data)).toBe(true);
  });

  it('a resume finds the file changed: a file sink starts again, a stream sink is told, never spliced', async () => {
    const { s, dav } = await throughProxy(name, 'fault-changed');
    await s.seed('v.bin', pattern(3 * MiB, 15));
    await new Promise((resolve) => setTimeout(resolve, 1100));
    proxy.arm({ fault: 'reset-response', method: 'GET', cutAt: 0.5 });
    const target = join(s.dir.dir, 'v.local');
    const first = await dav.download('/v.bin', fileSink(target, open), { retries: 0 });
    expect(first.ok).toBe(false);
    expect(first.rootCauses()[0]).toMatchObject({ status: 0, fix: { kind: 'retry-later' } });
    const saved = JSON.parse(JSON.stringify(first.state));
    const second = pattern(3 * MiB, 16);
    await s.seed('v.bin', second); // a new version on the server
    const resumed = await dav.download('/v.bin', fileSink(target, open), { resume: saved });
    expect(resumed.ok).toBe(true);
    expect(sameBytes(new Uint8Array(await readFile(target)), second)).toBe(true);

    const written: Uint8Array[] = [];
    const intoStream = await dav.download(
      '/v.bin',
      new WritableStream({ write: (c) => void written.push(c) }),
      {
        resume: saved,
      },
    );
    expect(intoStream.ok).toBe(false);
    expect(intoStream.rootCauses()[0]?.description).toMatch(
      /the file changed on the server since the download began/,
    );
    expect(written).toEqual([]);
  });
});

describe('a killed process', () => {
  it('resumes in a new process from the state it saved as JSON, sending less than 1.1× the file', async () => {
    const { s, dav } = await throughProxy('apache', 'fault-killed');
    const data = pattern(8 * MiB, 17);
    const local = await mkdtemp(join(tmpdir(), 'davkit-killed-'));
    const source = join(local, 'source.bin');
    const stateFile = join(local, 'state.json');
    await writeFile(source, data);
    const child = await new Promise<{ code: number | null; signal: string | null }>((resolve) => {
      const run = execFile(process.execPath, [
        join(import.meta.dirname, 'upload-child.ts'),
        `${proxy.origin}${s.dir.path}`,
        source,
        stateFile,
        '4',
      ]);
      run.on('exit', (code, signal) => resolve({ code, signal }));
    });
    expect(child.signal).toBe('SIGKILL'); // it killed itself after 4 of 8 chunks
    const state = JSON.parse(await readFile(stateFile, 'utf8'));
    expect(state.confirmed.length).toBeGreaterThanOrEqual(4);
    const before = proxy.stats().writtenBytes;
    const result = await dav.upload('/killed.bin', await fileSource(source, open), { resume: state });
    expect(result.ok).toBe(true);
    const total = proxy.stats().writtenBytes;
    expect(total).toBeLessThanOrEqual(data.byteLength * 1.1);
    expect(total - before).toBeLessThanOrEqual(data.byteLength - state.confirmed.length * MiB);
    expect(sameBytes(new Uint8Array(await readFile(join(s.dir.dir, 'killed.bin'))), data)).toBe(true);
  });
});
