import { beforeEach, describe, expect, inject, it } from 'vitest';
import { createClient } from '../../src/index.ts';
import { davServer } from '../harness/dav-servers.ts';
import type { ArmedRule, ProxyStats } from '../harness/fault-proxy.ts';

// Resumable transfers in real headless Chromium, cross-origin to Apache (real CORS preflights for
// Content-Range, Range and If-Range), through the harness's fault proxy, which a page can arm over HTTP.
// Chromium sends a request body whole over HTTP/1.1: each chunk is its own request, so progress is
// real per chunk although `put()` cannot report upload progress here.

const MiB = 1024 * 1024;
const proxy = inject('faultProxy');

async function control(action: 'arm' | 'reset' | 'upstream', body = ''): Promise<ProxyStats> {
  const response = await fetch(`${proxy}/__proxy/${action}`, { method: 'POST', body });
  return (await response.json()) as ProxyStats;
}

function arm(rule: ArmedRule): Promise<ProxyStats> {
  return control('arm', JSON.stringify(rule));
}

function pattern(size: number, seed: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(size);
  for (let i = 0; i < size; i++) {
    bytes[i] = (i * 31 + seed * 17 + (i >> 10)) & 0xff;
  }
  return bytes;
}

function same(a: Uint8Array, b: Uint8Array): boolean {
  return a.byteLength === b.byteLength && a.every((value, i) => value === b[i]);
}

async function scratch() {
  await control('reset');
  await control('upstream', new URL(davServer('apache').baseUrl).origin);
  const dav = createClient({ baseUrl: `${proxy}/dav/`, timeout: 30_000 });
  const dir = `/browser-transfer-${Math.random().toString(36).slice(2, 10)}/`;
  await dav.mkcol(dir);
  // The partial-update check for this collection, outside what the tests count.
  await dav.upload(`${dir}warm.bin`, pattern(2 * MiB, 0), { chunkSize: MiB });
  await control('reset');
  return { dav, dir };
}

describe('resumable uploads in a browser, cross-origin to Apache', () => {
  beforeEach(async () => {
    await control('reset');
  });

  it('report progress chunk by chunk, and a chunk cut by a network failure is sent again', async () => {
    const { dav, dir } = await scratch();
    // Four times: Chromium itself may send a request again (at most once) when its connection resets;
    // the resets beyond that reach davkit, which sends the chunk again: `retries: 4` covers all four
    // whether Chromium retried or not (on a loaded machine it sometimes does not).
    await arm({ fault: 'reset-request', header: ['content-range', `bytes ${2 * MiB}-`], times: 4 });
    const data = pattern(4 * MiB, 1);
    const seen: number[] = [];
    const result = await dav.upload(`${dir}big.bin`, new Blob([data]), {
      chunkSize: MiB,
      concurrency: 2,
      retries: 4,
      onProgress: ({ loaded }) => seen.push(loaded),
    });
    expect(result.rootCauses()).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.strategy).toBe('content-range');
    // One event per confirmed chunk, each a whole chunk more.
    expect(seen).toEqual([0, MiB, 2 * MiB, 3 * MiB, 4 * MiB]);
    const stats = await control('reset');
    expect(stats.caught).toEqual([4]);
    const cut = result.batch.steps.find((step) => step.id === `bytes-${2 * MiB}-${3 * MiB - 1}`);
    expect(cut?.attempt).toBeGreaterThanOrEqual(2);
    expect(same(await dav.getBytes(`${dir}big.bin`), data)).toBe(true);
    await dav.delete(dir);
  });

  it('resume after a reload from the state kept in localStorage, sending only what is missing', async () => {
    const { dav, dir } = await scratch();
    const data = pattern(4 * MiB, 2);
    const stop = new AbortController();
    const first = await dav.upload(`${dir}r.bin`, new Blob([data]), {
      chunkSize: MiB,
      concurrency: 1,
      signal: stop.signal,
      onProgress: ({ state }) => {
        localStorage.setItem('davkit-upload', JSON.stringify(state));
        if (state.confirmed.length === 2) {
          stop.abort(); // the page goes away
        }
      },
    });
    expect(first.ok).toBe(false);
    await control('reset');
    // "After the reload": a new client, the state from storage, the same File.
    const again = createClient({ baseUrl: `${proxy}/dav/`, timeout: 30_000 });
    const state = JSON.parse(localStorage.getItem('davkit-upload') ?? 'null');
    const resumed = await again.upload(`${dir}r.bin`, new Blob([data]), { resume: state });
    expect(resumed.ok).toBe(true);
    expect((await control('reset')).writtenBytes).toBe(2 * MiB);
    expect(same(await again.getBytes(`${dir}r.bin`), data)).toBe(true);
    await again.delete(dir);
  });

  it('a download cut by a network failure asks for the rest with Range and If-Range', async () => {
    const { dav, dir } = await scratch();
    const data = pattern(3 * MiB, 3);
    await dav.put(`${dir}d.bin`, data);
    await new Promise((resolve) => setTimeout(resolve, 1100)); // Apache's ETag turns strong after a second
    await arm({ fault: 'reset-response', method: 'GET', cutAt: 0.5 });
    const parts: Uint8Array[] = [];
    const down = await dav.download(
      `${dir}d.bin`,
      new WritableStream({ write: (chunk) => void parts.push(chunk) }),
    );
    expect(down.rootCauses()).toEqual([]);
    const joined = new Uint8Array(parts.reduce((sum, part) => sum + part.byteLength, 0));
    parts.reduce((at, part) => {
      joined.set(part, at);
      return at + part.byteLength;
    }, 0);
    const gets = (await control('reset')).log.filter((line) => line.startsWith('GET '));
    expect([joined.byteLength, gets]).toEqual([data.byteLength, gets]);
    expect(same(joined, data)).toBe(true);
    expect(gets.some((line) => /\(bytes=\d+-, if-range "[^"]+"\) → 206$/.test(line))).toBe(true);
    await dav.delete(dir);
  });
});
