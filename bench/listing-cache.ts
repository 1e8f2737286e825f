/**
 * Big collections for bench/list.ts, served by a real Apache: `n` empty files, created once (as hard
 * links, the fastest way onto this disk) in `<tmpdir>/davkit-bench-cache/listing-<n>/` and kept
 * between runs. For a run, each is moved (renamed: same file system, instant) into the fresh Apache's
 * DAV root as `big-<n>/`, and moved back when the benchmark ends.
 */
import { existsSync, linkSync, mkdirSync, renameSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningServer, startServer } from '../test/harness/servers/index.ts';

const CACHE = join(tmpdir(), 'davkit-bench-cache');
// ext4 allows 65,000 links to one file.
const LINKS_PER_FILE = 50_000;

function cached(n: number): string {
  const dir = join(CACHE, `listing-${n}`);
  if (existsSync(join(CACHE, `listing-${n}.done`)) && existsSync(dir)) {
    return dir;
  }
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const sources = Array.from({ length: Math.ceil(n / LINKS_PER_FILE) }, (_, i) => {
    const file = join(CACHE, `empty-${n}-${i}`);
    writeFileSync(file, '');
    return file;
  });
  for (let i = 0; i < n; i++) {
    linkSync(
      sources[Math.floor(i / LINKS_PER_FILE)] as string,
      join(dir, `file-${String(i).padStart(6, '0')}.txt`),
    );
  }
  // Long unmodified: Apache's ETags are then strong and stable.
  const past = new Date(Date.now() - 3_600_000);
  for (const path of [...sources, dir]) {
    utimesSync(path, past, past);
  }
  writeFileSync(join(CACHE, `listing-${n}.done`), '');
  return dir;
}

/** A running Apache serving `big-<n>/` for each size; `close()` stops it and puts the caches back. */
export async function apacheWithListings(sizes: readonly number[]): Promise<{
  readonly server: RunningServer;
  readonly urlOf: (n: number) => string;
  close(): Promise<void>;
}> {
  const dirs = sizes.map(cached);
  const server = await startServer('apache');
  const moved: [string, string][] = [];
  const restore = () => {
    for (const [from, to] of moved.splice(0)) {
      renameSync(to, from);
    }
  };
  process.once('exit', restore);
  for (const [i, n] of sizes.entries()) {
    const target = join(server.dataDir, `big-${n}`);
    renameSync(dirs[i] as string, target);
    moved.push([dirs[i] as string, target]);
  }
  return {
    server,
    urlOf: (n) => `${server.baseUrl}big-${n}/`,
    close: async () => {
      restore();
      await server.stop();
    },
  };
}
