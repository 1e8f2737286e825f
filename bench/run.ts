/**
 * `npm run bench`: every benchmark, one after the other, each in its own process (fresh heap).
 * Benchmarks are measurements, run on demand; they never run in `npm test`.
 * Extra arguments go to every benchmark (e.g. `npm run bench -- --sizes 1000,10000`).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const args = process.argv.slice(2);
const scripts = [
  'bench/decode.ts',
  'bench/list.ts',
  'bench/batch.ts',
  'bench/stream-main-thread.ts',
  'bench/redaction.ts',
  'bench/upload.ts',
  'bench/sync.ts',
].filter((script) => existsSync(script));
let failed = false;
if (spawnSync('npm', ['run', '--silent', 'build'], { stdio: 'inherit' }).status !== 0) {
  process.exit(1);
}
for (const script of scripts) {
  console.log(`\n=== ${script}`);
  const result = spawnSync(process.execPath, ['--expose-gc', script, ...args], { stdio: 'inherit' });
  failed ||= result.status !== 0;
}
process.exit(failed ? 1 : 0);
