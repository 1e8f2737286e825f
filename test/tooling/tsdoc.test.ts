import { readFileSync } from 'node:fs';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// Every exported function and class of the public entries has TSDoc with an @example (issue 4), and
// every other export (types, constants) has TSDoc at all. Every export is in one of the documentation
// groups (typedoc.json `groupOrder`), so the site never falls back to a flat list by kind.

const ENTRIES = ['src/index.ts', 'src/stream/index.ts'];

function exportsOf(entry: string): { name: string; kind: string; doc: string }[] {
  const program = ts.createProgram([entry], {
    allowImportingTsExtensions: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
  });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(entry) as ts.SourceFile;
  const moduleSymbol = checker.getSymbolAtLocation(source) as ts.Symbol;
  return checker.getExportsOfModule(moduleSymbol).map((exported) => {
    const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    const declaration = symbol.declarations?.[0];
    const doc =
      declaration === undefined
        ? ''
        : ts
            .getJSDocCommentsAndTags(declaration)
            .map((node) => node.getText())
            .join('\n');
    const kind =
      symbol.flags & ts.SymbolFlags.Function
        ? 'function'
        : symbol.flags & ts.SymbolFlags.Class
          ? 'class'
          : 'other';
    return { name: exported.name, kind, doc };
  });
}

const GROUPS = (
  JSON.parse(readFileSync('typedoc.json', 'utf8')) as { groupOrder: string[] }
).groupOrder.filter((group) => group !== '*');

describe.each(ENTRIES)('the public API of %s', (entry) => {
  const exported = exportsOf(entry);

  it('exports something', () => {
    expect(exported.length).toBeGreaterThan(0);
  });

  it('documents every function and class with an @example', () => {
    const missing = exported
      .filter((each) => each.kind !== 'other' && !each.doc.includes('@example'))
      .map((each) => each.name);
    expect(missing).toEqual([]);
  });

  it('documents every other export', () => {
    const missing = exported
      .filter((each) => each.kind === 'other' && each.doc.trim() === '')
      .map((each) => each.name);
    expect(missing).toEqual([]);
  });

  it('puts every export in exactly one documentation group', () => {
    const misplaced = exported
      .map((each) => ({
        name: each.name,
        groups: [...each.doc.matchAll(/@group (.+)/g)].map((m) => m[1]?.trim()),
      }))
      .filter((each) => each.groups.length !== 1 || !GROUPS.includes(each.groups[0] as string))
      .map((each) => `${each.name}: ${each.groups.join(', ') || 'none'}`);
    expect(misplaced).toEqual([]);
  });
});
