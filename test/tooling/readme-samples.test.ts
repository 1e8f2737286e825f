import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * Every `ts` code sample of README.md and docs/landing.md type-checks against the current API (issue
 * 12: names were renamed; a sample that still used an old one would teach it). Each sample becomes a
 * module of its own: `davkit` and `davkit/stream` point at `src/`, the variables a sample takes from
 * the text around it (`dav`, `csv`, …) are declared, and davkit functions it uses without importing
 * them (a continuation of an earlier sample) are imported.
 */

const PAGES = ['README.md', 'docs/landing.md'];
const OUT = join('.tmp', 'readme-samples');
const INDEX = resolve('src/index.ts');
const STREAM = resolve('src/stream/index.ts');

/** What samples take from their surroundings, by name. */
const FREE: Record<string, string> = {
  dav: 'DavClient',
  batch: 'Batch',
  csv: 'string',
  xmlText: 'string',
  token: 'string',
};

function samples(page: string): string[] {
  return [...readFileSync(page, 'utf8').matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map(
    (match) => match[1] as string,
  );
}

function moduleOf(sample: string, values: readonly string[]): string {
  const code = sample
    .replaceAll(`from 'davkit/stream'`, `from '${STREAM}'`)
    .replaceAll(`from 'davkit'`, `from '${INDEX}'`);
  const imported = new Set(
    [...code.matchAll(/import\s*\{([^}]*)\}/g)].flatMap((m) =>
      (m[1] as string).split(',').map((name) => name.replace(/^\s*type\s+/, '').trim()),
    ),
  );
  const declared = (name: string): boolean =>
    imported.has(name) || new RegExp(`\\b(const|let)\\s+${name}\\b`).test(code);
  const uses = (name: string): boolean => new RegExp(`\\b${name}\\b`).test(code);
  const missing = values.filter((name) => !declared(name) && uses(name));
  const free = Object.entries(FREE).filter(([name]) => !declared(name) && uses(name));
  const types = [...new Set(free.map(([, type]) => type).filter((type) => type !== 'string'))];
  return [
    `import { ${[...missing, ...types.map((type) => `type ${type}`)].join(', ')} } from '${INDEX}';`,
    ...free.map(([name, type]) => `declare const ${name}: ${type};`),
    code,
    'export {};',
  ].join('\n');
}

describe('README samples', () => {
  it('type-check against the current API', async () => {
    const values = Object.keys(await import('../../src/index.ts'));
    rmSync(OUT, { recursive: true, force: true });
    mkdirSync(OUT, { recursive: true });
    const files = PAGES.flatMap((page) =>
      samples(page).map((sample, index) => {
        const file = join(OUT, `${page.replace(/\W/g, '-')}-${index + 1}.ts`);
        writeFileSync(file, moduleOf(sample, values));
        return file;
      }),
    );
    expect(files.length).toBeGreaterThanOrEqual(6);
    const config = ts.getParsedCommandLineOfConfigFile(
      'tsconfig.json',
      {},
      { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} },
    );
    const program = ts.createProgram(files, { ...config?.options, noEmit: true, noUnusedLocals: false });
    const problems = ts
      .getPreEmitDiagnostics(program)
      .filter(
        (diagnostic) =>
          diagnostic.file !== undefined &&
          files.some((file) => resolve(file) === resolve(diagnostic.file?.fileName ?? '')),
      )
      .map(
        (diagnostic) =>
          `${diagnostic.file?.fileName}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`,
      );
    expect(problems).toEqual([]);
  });
});
