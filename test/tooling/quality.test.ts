import { describe, expect, it } from 'vitest';
import { output, runCommand } from '../helpers/exec.ts';

// Static checks run as tests, so `npm test` fails when any of them does and the count says so.
describe('code quality gates', () => {
  it('passes Biome (lint and format) with no warnings', async () => {
    const result = await runCommand('npx', ['biome', 'check', '--error-on-warnings', '.']);
    expect(output(result)).toContain('Checked');
    expect(result.code, output(result)).toBe(0);
  });

  it('type-checks src, tests and scripts strictly, and src alone with isolated declarations', async () => {
    const all = await runCommand('npx', ['tsc', '-p', 'tsconfig.json']);
    expect(all.code, output(all)).toBe(0);
    const build = await runCommand('npx', ['tsc', '-p', 'tsconfig.build.json']);
    expect(build.code, output(build)).toBe(0);
  });

  it('type-checks the public declarations from a non-strict consumer', async () => {
    const result = await runCommand('npx', ['tsc', '-p', 'test/non-strict/tsconfig.json']);
    expect(result.code, output(result)).toBe(0);
  });

  it('builds the typedoc site with zero warnings', async () => {
    const result = await runCommand('npx', [
      'typedoc',
      '--options',
      'typedoc.json',
      '--out',
      '.tmp/docs-check',
    ]);
    expect(result.code, output(result)).toBe(0);
    expect(output(result)).not.toMatch(/\[warning\]/);
  });
});
