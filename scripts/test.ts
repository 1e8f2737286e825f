/**
 * `npm test`: everything, in one run, with one closing count line that CI reads.
 *
 * 1. system packages (Chromium, the WebDAV servers): installed when missing and root, else a clear stop;
 * 2. the build (`dist/` is what the browser and package tests load);
 * 3. vitest: unit, type, interop (real servers), tooling (lint, types, docs, package checks, Node
 *    versions, examples) and browser (real Chromium) projects;
 * 4. `N passed, N failed` from vitest's JSON report.
 *
 * Extra arguments go to vitest (e.g. `npm test -- --project unit`).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';

const REPORT = '.tmp/vitest-report.json';

function run(command: string, args: string[]): number {
  const result = spawnSync(command, args, { stdio: 'inherit', env: process.env });
  return result.status ?? 1;
}

function summary(extraFailures: number): number {
  let passed = 0;
  let failed = extraFailures;
  let skipped = 0;
  try {
    const report = JSON.parse(readFileSync(REPORT, 'utf8')) as {
      numPassedTests: number;
      numFailedTests: number;
      numPendingTests: number;
      numTodoTests?: number;
    };
    passed = report.numPassedTests;
    failed += report.numFailedTests;
    skipped = report.numPendingTests + (report.numTodoTests ?? 0);
  } catch {
    failed = Math.max(failed, 1);
  }
  console.log(`${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`);
  return failed;
}

mkdirSync('.tmp', { recursive: true });
rmSync(REPORT, { force: true });

if (run('bash', ['scripts/system-deps.sh']) !== 0) {
  console.log('0 passed, 1 failed');
  process.exit(1);
}
if (run('npm', ['run', '--silent', 'build']) !== 0) {
  console.error('npm test: the build failed, so nothing else can be tested.');
  console.log('0 passed, 1 failed');
  process.exit(1);
}
const vitest = run('npx', [
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${REPORT}`,
  ...process.argv.slice(2),
]);
const failed = summary(0);
process.exit(vitest !== 0 || failed > 0 ? 1 : 0);
