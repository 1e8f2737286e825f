/**
 * The cases of bench/upload.ts, each run in its own process (`--case <name> <baseUrl> <source file>
 * <target path> <local output file> [state file]`); the last line of stdout is `{ ms, rssGrowth }`.
 */
import { createWriteStream, openAsBlob, readFileSync, writeFileSync } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { createClient, fileSink, fileSource } from '../src/index.ts';

const CHUNK = 8 * 1024 * 1024;
const CONCURRENCY = 4;

type Case = (baseUrl: string, source: string, target: string, out: string, state: string) => Promise<void>;

function expectOk(result: { ok: boolean; rootCauses(): unknown }): void {
  if (!result.ok) {
    throw new Error(`transfer failed: ${JSON.stringify(result.rootCauses())}`);
  }
}

const cases: Record<string, Case> = {
  'davkit-upload': async (baseUrl, source, target) => {
    const dav = createClient({ baseUrl, timeout: 120_000 });
    expectOk(
      await dav.upload(target, await fileSource(source, open), {
        chunkSize: CHUNK,
        concurrency: CONCURRENCY,
      }),
    );
  },
  'fetch-put': async (baseUrl, source, target) => {
    const response = await fetch(new URL(target.slice(1), baseUrl), {
      method: 'PUT',
      body: await openAsBlob(source),
    });
    if (!response.ok) {
      throw new Error(`PUT ${response.status}`);
    }
  },
  'davkit-download': async (baseUrl, _source, _target, out) => {
    const dav = createClient({ baseUrl, timeout: 120_000 });
    expectOk(await dav.download('/davkit-upload-0.bin', fileSink(out, open)));
  },
  'fetch-get': async (baseUrl, _source, _target, out) => {
    const response = await fetch(new URL('davkit-upload-0.bin', baseUrl));
    await pipeline(Readable.fromWeb(response.body as NodeReadableStream<Uint8Array>), createWriteStream(out));
  },
  'killed-upload': async (baseUrl, source, target, _out, state) => {
    const dav = createClient({ baseUrl, timeout: 120_000 });
    const size = (await stat(source)).size;
    await dav.upload(target, await fileSource(source, open), {
      chunkSize: CHUNK,
      concurrency: CONCURRENCY,
      onProgress: (progress) => {
        writeFileSync(state, JSON.stringify(progress.state));
        if (progress.loaded >= size / 2) {
          process.kill(process.pid, 'SIGKILL');
        }
      },
    });
  },
  'resume-upload': async (baseUrl, source, target, _out, state) => {
    const dav = createClient({ baseUrl, timeout: 120_000 });
    const resume = JSON.parse(readFileSync(state, 'utf8'));
    expectOk(await dav.upload(target, await fileSource(source, open), { resume, concurrency: CONCURRENCY }));
  },
  'killed-download': async (baseUrl, _source, target, out, state) => {
    const dav = createClient({ baseUrl, timeout: 120_000 });
    let saved = 0;
    await dav.download(target, fileSink(out, open), {
      onProgress: (progress) => {
        // Saved every 8 MiB, as an app would: a resume starts from the last save.
        if (progress.loaded - saved >= CHUNK) {
          saved = progress.loaded;
          writeFileSync(state, JSON.stringify(progress.state));
        }
        if (progress.total !== undefined && progress.loaded >= progress.total / 2) {
          process.kill(process.pid, 'SIGKILL');
        }
      },
    });
  },
  'resume-download': async (baseUrl, _source, target, out, state) => {
    const dav = createClient({ baseUrl, timeout: 120_000 });
    const resume = JSON.parse(readFileSync(state, 'utf8'));
    expectOk(await dav.download(target, fileSink(out, open), { resume }));
  },
};

/** Runs one case and prints what it measured. */
export async function runCase(args: readonly string[]): Promise<void> {
  const [name, baseUrl, source, target, out, state = ''] = args as string[];
  const run = cases[name as string];
  if (run === undefined) {
    throw new Error(`unknown case ${name}`);
  }
  globalThis.gc?.();
  const baseline = process.memoryUsage().rss;
  const start = performance.now();
  await run(baseUrl as string, source as string, target as string, out as string, state);
  const ms = performance.now() - start;
  const rssGrowth = process.resourceUsage().maxRSS * 1024 - baseline;
  console.log(JSON.stringify({ ms, rssGrowth }));
}
