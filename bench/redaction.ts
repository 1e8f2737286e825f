/**
 * `npm run bench` (redaction part): what the one redaction point costs (issue 11.1). Every XML answer a
 * client with credentials reads goes through its redactor, byte by byte; a client without any secret
 * skips it. The same PROPFIND body (Apache style) is served in-process (an injected fetch, 64 KiB
 * chunks) to `client.propfind()` and `streamPropfind()`:
 * - "no secret": a client without credentials (the redactor has nothing to do);
 * - "bearer": a client with a bearer token, Cookie and a marked header (about 30 spellings to find);
 * - "text()": `response.text()` on the same body, the floor of reading it at all.
 * Same process, alternating, medians and ratios.
 *
 * Options: `--sizes 1000,10000` `--reps 7`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { createClient, type DavClient } from '../src/index.ts';
import { streamPropfind } from '../src/stream/index.ts';
import { bodyChunks } from './bodies.ts';
import { median, ms, ratio, table } from './stats.ts';

function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(name);
  return index === -1 ? fallback : (process.argv[index + 1] as string);
}

const SIZES = option('--sizes', '1000,10000').split(',').map(Number);
const REPS = Number(option('--reps', '7'));
const encoder = new TextEncoder();

function chunksOf(n: number): Uint8Array[] {
  return [...bodyChunks('apache', n)].map((chunk) => encoder.encode(chunk));
}

function answer(chunks: readonly Uint8Array[]): Response {
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) {
        controller.enqueue(chunk);
      }
      controller.close();
    },
  });
  return new Response(stream, { status: 207, headers: { 'content-type': 'text/xml; charset="utf-8"' } });
}

function client(chunks: readonly Uint8Array[], secrets: boolean): DavClient {
  return createClient({
    baseUrl: 'https://bench.test/dav/big/',
    retry: 0,
    timeout: false,
    maxBodySize: 512 * 1024 * 1024,
    fetch: (async () => answer(chunks)) as typeof fetch,
    ...(secrets
      ? {
          auth: { type: 'bearer', token: 'tok-3f9a1c2e7b6d4e8f9a0b1c2d3e4f5a6b' },
          headers: { Cookie: 'session=0123456789abcdef; theme=dark', 'X-Api-Key': 'key-9f8e7d6c5b4a' },
          secretHeaders: ['X-Api-Key'],
        }
      : {}),
  });
}

async function time(run: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await run();
  return performance.now() - start;
}

async function drain(stream: AsyncIterable<unknown>): Promise<void> {
  for await (const _ of stream) {
    // read to the end
  }
}

const rows: string[][] = [
  ['entries', 'MB', 'way', 'no secret ms', 'bearer ms', 'text() ms', 'bearer/no secret'],
];
const results: Record<string, unknown>[] = [];
for (const n of SIZES) {
  const chunks = chunksOf(n);
  const megabytes = chunks.reduce((sum, chunk) => sum + chunk.byteLength, 0) / 1e6;
  const plain = client(chunks, false);
  const secret = client(chunks, true);
  const ways: [string, (dav: DavClient) => Promise<unknown>][] = [
    ['propfind', (dav) => dav.propfind('/', { depth: 1 })],
    ['streamPropfind', (dav) => drain(streamPropfind(dav, '/', { depth: 1 }))],
  ];
  for (const [way, run] of ways) {
    const samples = { plain: [] as number[], secret: [] as number[], text: [] as number[] };
    for (let rep = 0; rep < REPS; rep++) {
      samples.plain.push(await time(() => run(plain)));
      samples.secret.push(await time(() => run(secret)));
      samples.text.push(await time(() => answer(chunks).text()));
    }
    const [p, s, t] = [median(samples.plain), median(samples.secret), median(samples.text)];
    rows.push([n.toLocaleString('en'), megabytes.toFixed(1), way, ms(p), ms(s), ms(t), ratio(s / p)]);
    results.push({ n, megabytes, way, plainMs: p, secretMs: s, textMs: t });
  }
}
console.log(`Node ${process.version}\n${table(rows)}`);
mkdirSync('bench/.out', { recursive: true });
writeFileSync('bench/.out/redaction.json', JSON.stringify(results, null, 2));
