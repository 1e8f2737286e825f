import { execFileSync } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import semver from 'semver';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { output, runCommand } from '../helpers/exec.ts';
import { type Consumer, createConsumer, reportOf, SCENARIO } from './runtimes/consumer.ts';
import { expectScenarioPassed, scenarioCollection } from './runtimes/fixtures.ts';

// The supported Node lines, the lowest (22) and the tooling's (24): davkit as a plain Node project sees
// it (no bundler), installed from the packed tarball with a fresh resolution, by `import` and by
// `require`, running the runtime scenario against real Apache. Node 22 comes from npm
// (test/tooling/runtimes); the machine's Node is never used.

const ENGINES = '>=22';
let consumer: Consumer;

beforeAll(async () => {
  // npm itself runs on Node 22 here, so --engine-strict checks every package against the lowest line.
  consumer = await createConsumer(inject('davkitTarball'), {
    node: inject('runtimes').node22,
    npmArgs: ['--engine-strict'],
  });
});
afterAll(async () => {
  await consumer?.remove();
});

describe('the engines line', () => {
  it(`is ${ENGINES} in package.json`, async () => {
    const manifest = JSON.parse(await readFile('package.json', 'utf8')) as { engines: { node: string } };
    expect(manifest.engines.node).toBe(ENGINES);
  });

  it('installs with npm install --engine-strict on Node 22, without an engine warning', () => {
    expect(consumer.install.code).toBe(0);
    expect(output(consumer.install)).not.toMatch(/EBADENGINE|Unsupported engine/i);
  });

  it('admits no Node version that a runtime dependency refuses (fresh resolution)', async () => {
    const modules = join(consumer.dir, 'node_modules');
    const refused: string[] = [];
    const checked: string[] = [];
    for (const manifest of await installedManifests(modules)) {
      const range = manifest.engines?.node;
      if (range !== undefined) {
        checked.push(`${manifest.name}@${manifest.version} (${range})`);
        if (!semver.subset(ENGINES, range)) {
          refused.push(`${manifest.name}@${manifest.version} needs node ${range}`);
        }
      }
    }
    expect(refused).toEqual([]);
    // ky's >=22 is what sets the floor today; the check must have seen it.
    expect(checked.some((entry) => entry.startsWith('ky@'))).toBe(true);
  });
});

const lines = [
  { label: 'Node 22 (lowest supported line, from npm)', binary: () => inject('runtimes').node22, major: 22 },
  { label: 'Node 24 (the tooling’s line)', binary: () => process.execPath, major: 24 },
];

describe.each(lines)('on $label', ({ binary, major }) => {
  it('is that version', () => {
    const version = execFileSync(binary(), ['--version'], { encoding: 'utf8' }).trim();
    expect(semver.major(version)).toBe(major);
  });

  it.each(Object.entries(SCENARIO))('runs the scenario through %s against Apache', async (kind, script) => {
    const dir = await scenarioCollection(`node${major}-${kind}`);
    const result = await runCommand(binary(), [script, dir.url], { cwd: consumer.dir, timeout: 60_000 });
    await expectScenarioPassed(reportOf(result), dir);
  });
});

interface Manifest {
  readonly name: string;
  readonly version: string;
  readonly engines?: { readonly node?: string };
}

/** Every package.json directly below `node_modules` (scoped ones included), nested installs too. */
async function installedManifests(modules: string): Promise<Manifest[]> {
  const found: Manifest[] = [];
  for (const entry of await readdir(modules, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name.startsWith('.')) {
      continue;
    }
    const dirs = entry.name.startsWith('@')
      ? (await readdir(join(modules, entry.name))).map((name) => join(modules, entry.name, name))
      : [join(modules, entry.name)];
    for (const dir of dirs) {
      found.push(JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as Manifest);
      const nested = join(dir, 'node_modules');
      if (await readdir(nested).catch(() => undefined)) {
        found.push(...(await installedManifests(nested)));
      }
    }
  }
  return found;
}
