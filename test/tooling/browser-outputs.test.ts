import { readdir, readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

// Deterministic checks of what browsers load: size budgets, no Node built-ins, no unguarded Node
// globals, and one XML parser in the stream entry.

const BROWSER_BUNDLES = ['dist/davkit.browser.js', 'dist/davkit-stream.browser.js'];
const NODE_BUILTINS =
  /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*)["'](?:node:[\w/]+|fs|path|http|https|http2|net|tls|os|crypto|stream|buffer|util|url|zlib|child_process|worker_threads|events)["']/;

async function esmOutputs(): Promise<string[]> {
  const files = await readdir('dist', { recursive: true });
  return files
    .filter((file) => file.endsWith('.js') && !file.endsWith('.browser.js'))
    .map((file) => `dist/${file}`);
}

/** Occurrences of a Node global that are not part of a `typeof X` feature test. */
function unguarded(code: string, name: string): string[] {
  const found: string[] = [];
  for (const match of code.matchAll(new RegExp(`\\b${name}\\b`, 'g'))) {
    const before = code.slice(Math.max(0, (match.index ?? 0) - 60), match.index);
    if (!/typeof\s*\(?\s*$/.test(before) && !before.includes(`typeof ${name}`) && !/\.\s*$/.test(before)) {
      found.push(code.slice(Math.max(0, (match.index ?? 0) - 40), (match.index ?? 0) + 40));
    }
  }
  return found;
}

describe('browser outputs', () => {
  it('stay within the gzip budget recorded in bundle-budget.json', async () => {
    const budget = JSON.parse(await readFile('bundle-budget.json', 'utf8')) as Record<string, number>;
    for (const bundle of BROWSER_BUNDLES) {
      expect(budget[bundle], bundle).toBeTypeOf('number');
      const size = gzipSync(await readFile(bundle)).byteLength;
      expect(size, `${bundle}: ${size} bytes gzip`).toBeLessThanOrEqual(budget[bundle] as number);
    }
  });

  it.each(BROWSER_BUNDLES)(
    '%s imports no Node built-in and uses process/Buffer only behind typeof',
    async (bundle) => {
      const code = await readFile(bundle, 'utf8');
      expect(code).not.toMatch(NODE_BUILTINS);
      expect(unguarded(code, 'process')).toEqual([]);
      expect(unguarded(code, 'Buffer')).toEqual([]);
    },
  );

  it('the ESM outputs (what bundlers such as Vite and Angular’s take) import no Node built-in', async () => {
    for (const file of await esmOutputs()) {
      const code = await readFile(file, 'utf8');
      expect(code, file).not.toMatch(NODE_BUILTINS);
      expect(unguarded(code, 'process'), file).toEqual([]);
      expect(unguarded(code, 'Buffer'), file).toEqual([]);
    }
  });

  it('davkit/stream carries one XML parser, davkit’s own: no fast-xml-parser in its bundle, no saxes anywhere', async () => {
    // fast-xml-parser's option names survive minification; the main bundle has them (decodeMultiStatus).
    const fastXmlParser = /preserveOrder|cdataPropName/;
    expect(await readFile('dist/davkit.browser.js', 'utf8')).toMatch(fastXmlParser);
    const stream = await readFile('dist/davkit-stream.browser.js', 'utf8');
    expect(stream).not.toMatch(fastXmlParser);
    expect(stream).toMatch(/DOCTYPE is not allowed/);
    for (const file of [...(await esmOutputs()), 'dist/davkit.browser.js', 'dist/davkit-stream.browser.js']) {
      expect(await readFile(file, 'utf8'), file).not.toMatch(/from\s*["']saxes["']|SaxesParser|xmlchars/);
    }
  });
});
