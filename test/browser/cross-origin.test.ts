import { describe, expect, it } from 'vitest';
import { isDavNetworkError } from '../../src/errors/guards.ts';
import { createClient } from '../../src/index.ts';
import { davServer, hasDavServer } from '../harness/dav-servers.ts';

// These run in real headless Chromium: the page's origin is vitest's, the servers are other origins,
// so every WebDAV request below goes through a real CORS preflight.

const unique = () => `browser-${Math.random().toString(36).slice(2, 10)}`;

describe.each(['apache', 'sabredav'] as const)('davkit from a browser page, cross-origin to %s', (name) => {
  it('creates, writes and lists a collection', async () => {
    const info = davServer(name);
    const dav = createClient({ baseUrl: info.baseUrl });
    const dir = `/${unique()}/`;
    await dav.mkcol(dir);
    await dav.put(`${dir}grün.txt`, 'Grüße');
    const entries = await dav.list(dir);
    expect(entries.map((entry) => [entry.name, entry.type, entry.size])).toEqual([['grün.txt', 'file', 7]]);
    expect(await dav.getText(`${dir}grün.txt`)).toBe('Grüße');
    await dav.delete(dir);
    expect(await dav.exists(dir)).toBe(false);
  });
});

describe('progress in a browser', () => {
  it('reports a download, and an upload sent whole (through XMLHttpRequest: no request streams on HTTP/1.1)', async () => {
    const dav = createClient({ baseUrl: davServer('apache').baseUrl });
    const dir = `/${unique()}/`;
    await dav.mkcol(dir);
    const uploads: number[] = [];
    await dav.put(`${dir}big.bin`, new Uint8Array(512 * 1024).fill(1), {
      onUploadProgress: (progress) => uploads.push(progress.transferredBytes),
    });
    expect(uploads.at(-1)).toBe(512 * 1024);
    const downloads: number[] = [];
    const bytes = await dav.getBytes(`${dir}big.bin`, {
      onDownloadProgress: (progress) => downloads.push(progress.percent),
    });
    expect(bytes.byteLength).toBe(512 * 1024);
    expect(downloads.at(-1)).toBe(1);
    await dav.delete(dir);
  });
});

describe('a server without CORS', () => {
  it('fails as a network error that explains the CORS preflight', async () => {
    expect(hasDavServer('rclone')).toBe(true);
    const dav = createClient({ baseUrl: davServer('rclone').baseUrl, retry: 0 });
    const error = await dav.propfind('/').catch((e: unknown) => e);
    expect(isDavNetworkError(error)).toBe(true);
    expect(isDavNetworkError(error) && error.hint).toMatch(/Access-Control-Allow-Methods: PROPFIND/);
  });
});
