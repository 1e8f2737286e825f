/**
 * Big listings on real Apache (issues 18 and 19): `list()` of 100,000 files works under default
 * options (Apache's answer is ~80 MB, above the 64 MiB `maxBodySize` a whole body is held to, and is
 * decoded as it arrives instead), and what it decodes as it arrives is exactly what the buffered
 * decoder (`decodeMultiStatus`, fast-xml-parser) makes of the same real body.
 *
 * The 100,000 files are created once, straight on disk in the harness's temporary DAV root, and
 * shared by the tests of this file. No timing is asserted; the benchmark (bench/list.ts) has the
 * figures.
 */
import { linkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '../../src/client/create-client.ts';
import { isDavBodyTooLargeError } from '../../src/errors/guards.ts';
import { decodeMultiStatus } from '../../src/multistatus/decode.ts';
import { buildPropfind } from '../../src/operations/propfind.ts';
import { davServer, freshCollection } from '../harness/fixture.ts';
import { failure } from '../helpers/interop.ts';

const FILES = 100_000;
// ext4 allows 65,000 links to one file.
const LINKS_PER_FILE = 50_000;
const MINUTE_AGO = new Date(Date.now() - 60_000);

/**
 * A collection of `count` empty files named `<prefix>000000.txt`…, made straight on disk as hard
 * links to a few empty files kept elsewhere: creating 100,000 files on the harness's disk takes tens
 * of seconds, linking them a few. Returns the collection's URL.
 */
async function collectionOf(count: number, prefix: string): Promise<string> {
  const info = davServer('apache');
  const templates = await freshCollection(info, `${prefix}templates`);
  const collection = await freshCollection(info, prefix);
  const sources = Array.from({ length: Math.ceil(count / LINKS_PER_FILE) }, (_, i) => {
    const file = join(templates.dir, `empty-${i}`);
    writeFileSync(file, '');
    return file;
  });
  for (let i = 0; i < count; i++) {
    const source = sources[Math.floor(i / LINKS_PER_FILE)] as string;
    linkSync(source, join(collection.dir, `${prefix}${String(i).padStart(6, '0')}.txt`));
  }
  // Modified a minute ago: Apache gives a weak ETag (W/"…") to what was modified within the second
  // of the request, which would differ between two listings.
  for (const path of [...sources, collection.dir]) {
    utimesSync(path, MINUTE_AGO, MINUTE_AGO);
  }
  return collection.url;
}

const name = (prefix: string, i: number) => `/${prefix}${String(i).padStart(6, '0')}.txt`;

describe('Apache: a collection of 100,000 files', () => {
  let url = '';
  beforeAll(async () => {
    url = await collectionOf(FILES, 'f-');
  }, 120_000);

  it('is listed by list() under default options (its ~80 MB answer is never held whole)', async () => {
    const dav = createClient({ baseUrl: url, timeout: 120_000 });
    const entries = await dav.list('/');
    expect(entries).toHaveLength(FILES);
    // Apache lists a directory in its on-disk order.
    const paths = new Set(entries.map((entry) => entry.path));
    expect(paths.size).toBe(FILES);
    expect([name('f-', 0), name('f-', FILES - 1)].every((path) => paths.has(path))).toBe(true);
    expect(entries.every((entry) => entry.type === 'file' && entry.size === 0)).toBe(true);
  }, 120_000);

  it('is refused when the user sets maxBodySize below its size', async () => {
    const dav = createClient({ baseUrl: url, timeout: 120_000, maxBodySize: 8 * 1024 * 1024 });
    const error = await failure(dav.list('/'));
    expect(isDavBodyTooLargeError(error) && [error.limitName, error.limit]).toEqual([
      'maxBodySize',
      8 * 1024 * 1024,
    ]);
  }, 120_000);
});

describe('Apache: what propfind() decodes as it arrives is what the buffered decoder makes of the same body', () => {
  it('2,000 files, allprop', async () => {
    const url = await collectionOf(2_000, 'café-');
    const dav = createClient({ baseUrl: url, timeout: 60_000 });
    const { response, request } = await dav.open(buildPropfind('/', { depth: 1 }));
    expect(response.headers.get('content-length')).toBeNull(); // chunked: read incrementally
    const buffered = decodeMultiStatus(await response.text(), {
      baseUrl: dav.baseUrl,
      requestUrl: request.url,
    });
    const incremental = await dav.propfind('/', { depth: 1 });
    expect(incremental.responses).toHaveLength(2_001);
    expect(incremental).toStrictEqual(buffered);
  }, 60_000);
});
