import { access, readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { output, runCommand } from '../helpers/exec.ts';

// The published shape: four outputs, a clean publint and a clean attw (node10, node16 CJS and ESM, bundler).
describe('the package', () => {
  it('ships ESM, CJS, declarations for both, and the browser bundle', async () => {
    for (const file of ['index.js', 'index.cjs', 'index.d.ts', 'index.d.cts', 'davkit.browser.js']) {
      await expect(access(`dist/${file}`)).resolves.toBeUndefined();
    }
  });

  it('keeps the browser bundle self-contained: no imports of other modules', async () => {
    const bundle = await readFile('dist/davkit.browser.js', 'utf8');
    expect(bundle).not.toMatch(/\bimport\s*[^(]*?\bfrom\s*["']/);
    expect(bundle).not.toMatch(/\brequire\(/);
  });

  it('passes publint --strict', async () => {
    const result = await runCommand('npx', ['publint', '--strict']);
    expect(result.code, output(result)).toBe(0);
    expect(output(result)).toMatch(/All good/);
  });

  it('passes attw --pack with no problems', async () => {
    const result = await runCommand('npx', ['attw', '--pack', '.', '--format', 'table-flipped']);
    expect(result.code, output(result)).toBe(0);
    expect(output(result)).toMatch(/No problems found/);
  });
});
