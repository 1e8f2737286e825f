import { describe, expect, it } from 'vitest';
import { createClient } from '../../src/index.ts';
import { streamPropfind } from '../../src/stream/index.ts';
import { davServer } from '../harness/dav-servers.ts';

// davkit/stream in real headless Chromium, cross-origin to Apache (a real CORS preflight): the
// README's runtime table claims it for Chromium, as the runtime scenario does for the other runtimes.

describe('davkit/stream in a browser', () => {
  it('streams a Depth 1 listing from Apache, cross-origin', async () => {
    const dav = createClient({ baseUrl: davServer('apache').baseUrl });
    const dir = `/browser-stream-${Math.random().toString(36).slice(2, 10)}/`;
    await dav.mkcol(dir);
    await Promise.all(['a.txt', 'b.txt', 'c.txt'].map((name) => dav.put(`${dir}${name}`, name)));
    const paths: string[] = [];
    for await (const response of streamPropfind(dav, dir, { depth: 1 })) {
      paths.push(response.path);
    }
    const root = new URL(davServer('apache').baseUrl).pathname.replace(/\/$/, '');
    expect(paths.sort()).toEqual([
      `${root}${dir}`,
      ...['a.txt', 'b.txt', 'c.txt'].map((n) => `${root}${dir}${n}`),
    ]);
    await dav.delete(dir);
  });
});
