import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { davServer, freshCollection, seedFile } from '../harness/fixture.ts';
import { output, runCommand } from '../helpers/exec.ts';

// davkit as a user's plain Node project sees it (no bundler): `import` and `require` of the package,
// each doing a PROPFIND against real Apache, on the machine's Node 20 and on the tooling's Node 24.

/** The first `node` on PATH that is not the one npm put in node_modules/.bin. */
function systemNode(): string {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, 'node');
    if (!dir.includes('node_modules') && existsSync(candidate)) {
      return candidate;
    }
  }
  throw new Error('no system node on PATH');
}

const ESM = `import { createClient } from 'davkit';
const ms = await createClient({ baseUrl: process.argv[2] }).propfind('/', { depth: 1 });
console.log(JSON.stringify(ms.responses.map((r) => r.path).sort()));`;

const CJS = `const { createClient, isDavError } = require('davkit');
createClient({ baseUrl: process.argv[2] }).propfind('/', { depth: 1 }).then((ms) => {
  console.log(JSON.stringify(ms.responses.map((r) => r.path).sort()));
}, (error) => { console.error(isDavError(error), error); process.exit(1); });`;

let project: string;
let baseUrl: string;
let expected: string[];

beforeAll(async () => {
  project = await mkdtemp(join(tmpdir(), 'davkit-consumer-'));
  await mkdir(join(project, 'node_modules'));
  await symlink(resolve('.'), join(project, 'node_modules', 'davkit'), 'dir');
  await writeFile(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true }));
  await writeFile(join(project, 'esm.mjs'), ESM);
  await writeFile(join(project, 'cjs.cjs'), CJS);
  const apache = davServer('apache');
  const dir = await freshCollection(apache, 'node-consumer');
  await seedFile(apache, `${dir.path.slice('/dav/'.length)}one.txt`, '1');
  baseUrl = dir.url;
  expected = [dir.path, `${dir.path}one.txt`];
});
afterAll(async () => {
  await rm(project, { recursive: true, force: true });
});

const runtimes = [
  { label: 'the machine’s Node (20)', binary: () => systemNode(), major: 20 },
  { label: 'the tooling’s Node (24)', binary: () => process.execPath, major: 24 },
];

describe.each(runtimes)('on $label', ({ binary, major }) => {
  it('is that version', () => {
    const version = execFileSync(binary(), ['--version'], { encoding: 'utf8' }).trim();
    expect(Number(version.slice(1).split('.')[0])).toBe(major);
  });

  it.each(['esm.mjs', 'cjs.cjs'])('runs %s: a PROPFIND through the package', async (script) => {
    const result = await runCommand(binary(), [script, baseUrl], { cwd: project, timeout: 30_000 });
    expect(result.code, output(result)).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual(expected);
  });
});
