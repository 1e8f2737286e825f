/**
 * The layers of `src/` (ARCHITECTURE.md): the order is read from ARCHITECTURE.md's layer table, so the
 * page and this test cannot disagree. Every import (type imports included) must point to the same
 * layer or a lower one (`import()` of what loads on first use included), and no files may import each
 * other in a circle.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative, sep } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const SRC = 'src';

/** The layer table of ARCHITECTURE.md: `| 3 | `analysis/` | … |` → analysis: 3. */
function layerTable(): Map<string, number> {
  const page = readFileSync('ARCHITECTURE.md', 'utf8');
  const layers = new Map<string, number>();
  for (const row of page.matchAll(/^\|\s*(\d+)\s*\|([^|]*)\|/gm)) {
    for (const name of (row[2] as string).matchAll(/`([^`]+)`/g)) {
      layers.set((name[1] as string).replace(/\/$/, ''), Number(row[1]));
    }
  }
  return layers;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** Every relative module a file names: imports, re-exports and `import('…')` types alike. */
function importsOf(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    const specifier =
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier
        ? node.moduleSpecifier
        : ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)
          ? node.argument.literal
          : ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword
            ? node.arguments[0]
            : undefined;
    if (specifier !== undefined && ts.isStringLiteral(specifier) && specifier.text.startsWith('.')) {
      found.push(normalize(join(dirname(file), specifier.text)));
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** A file's place in the table: its folder below src/, or the file itself at the top (`index.ts`). */
function unitOf(file: string): string {
  const [first] = relative(SRC, file).split(sep);
  return first as string;
}

/** Files that import each other in a circle (Tarjan's strongly connected components). */
function circles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const found: string[][] = [];
  const visit = (file: string): void => {
    index.set(file, index.size);
    low.set(file, index.get(file) as number);
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(file, Math.min(low.get(file) as number, low.get(next) as number));
      } else if (stack.includes(next)) {
        low.set(file, Math.min(low.get(file) as number, index.get(next) as number));
      }
    }
    if (low.get(file) === index.get(file)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop() as string;
        component.push(member);
      } while (member !== file);
      if (component.length > 1 || (graph.get(file) ?? []).includes(file)) {
        found.push(component.sort());
      }
    }
  };
  for (const file of graph.keys()) {
    if (!index.has(file)) {
      visit(file);
    }
  }
  return found;
}

describe('the layers of src/ (ARCHITECTURE.md)', () => {
  const layers = layerTable();
  const files = sourceFiles(SRC);
  const graph = new Map(files.map((file) => [file, importsOf(file)]));

  it('ARCHITECTURE.md names a layer for every folder of src/, and only folders that exist', () => {
    const units = [...new Set(files.map(unitOf))].sort();
    expect(units.filter((unit) => !layers.has(unit))).toEqual([]);
    expect([...layers.keys()].filter((unit) => !units.includes(unit))).toEqual([]);
    expect(layers.get('model')).toBe(1);
  });

  it('has no import from a lower layer to a higher one', () => {
    const upward = [...graph].flatMap(([file, imports]) =>
      imports
        .filter((target) => (layers.get(unitOf(target)) ?? 0) > (layers.get(unitOf(file)) ?? 0))
        .map((target) => `${file} -> ${target}`),
    );
    expect(upward).toEqual([]);
  });

  it('has no import circle', () => {
    expect(circles(graph)).toEqual([]);
  });

  it('finds what it checks: a circle and an upward import are reported', () => {
    expect(
      circles(
        new Map([
          ['a', ['b']],
          ['b', ['a']],
          ['c', []],
        ]),
      ),
    ).toEqual([['a', 'b']]);
    expect(importsOf('src/errors/dav-http-error.ts')).toContain(normalize('src/analysis/request-causes.ts'));
  });
});

/** The relative modules whose code a file loads: imports that survive compilation (not `import type`). */
function valueImportsOf(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  for (const node of source.statements) {
    const specifier =
      ts.isImportDeclaration(node) && !typeOnlyImport(node)
        ? node.moduleSpecifier
        : ts.isExportDeclaration(node) && !node.isTypeOnly
          ? node.moduleSpecifier
          : undefined;
    if (specifier !== undefined && ts.isStringLiteral(specifier) && specifier.text.startsWith('.')) {
      found.push(normalize(join(dirname(file), specifier.text)));
    }
  }
  return found;
}

function typeOnlyImport(node: ts.ImportDeclaration): boolean {
  const clause = node.importClause;
  if (clause === undefined) {
    return false;
  }
  const bindings = clause.namedBindings;
  return (
    clause.isTypeOnly ||
    (clause.name === undefined &&
      bindings !== undefined &&
      ts.isNamedImports(bindings) &&
      bindings.elements.length > 0 &&
      bindings.elements.every((element) => element.isTypeOnly))
  );
}

/** Every file whose code `start` loads, itself included. */
function reachable(start: string, graph: ReadonlyMap<string, readonly string[]>): Set<string> {
  const seen = new Set<string>();
  const pending = [normalize(start)];
  while (pending.length > 0) {
    const file = pending.pop() as string;
    if (!seen.has(file)) {
      seen.add(file);
      pending.push(...(graph.get(file) ?? []));
    }
  }
  return seen;
}

describe('one XML parser on the client’s path (issue 16: the buffered answers read with davkit’s reader)', () => {
  const files = sourceFiles(SRC);
  const graph = new Map(files.map((file) => [file, valueImportsOf(file)]));
  const FXP_SOURCE = normalize('src/xml/fxp-source.ts');

  it('only xml/fxp-source.ts imports fast-xml-parser', () => {
    const importers = files.filter((file) => /from ['"]fast-xml-parser['"]/.test(readFileSync(file, 'utf8')));
    expect(importers).toEqual([FXP_SOURCE]);
  });

  it('the client and davkit/stream never load it: only decodeMultiStatus(text) and parseXmlTree(text) do', () => {
    expect(reachable('src/client/create-client.ts', graph).has(FXP_SOURCE)).toBe(false);
    expect(reachable('src/stream/index.ts', graph).has(FXP_SOURCE)).toBe(false);
    expect(reachable('src/multistatus/decode.ts', graph).has(FXP_SOURCE)).toBe(true);
    expect(reachable('src/xml/parse-tree.ts', graph).has(FXP_SOURCE)).toBe(true);
  });
});
