/**
 * Installs the runtimes the tooling tests run the packed davkit on (Node 22, Deno, Bun, workerd), at
 * the versions pinned in `test/tooling/runtimes/package-lock.json`, into `.tmp/runtimes/` with `npm ci`.
 * Everything comes from the npm registry (a fresh CI machine has only its system Node 20). The install
 * is reused while the package.json and lockfile are unchanged.
 *
 *   npx node test/tooling/runtimes/install.ts      install (when needed) and print the binaries
 *
 * Why not root devDependencies: together they are ~530 MB, more than the rest of `npm ci`, and only
 * these tests need them; and a second `node` package would fight the root one over `.bin/node`.
 */
import { createHash } from 'node:crypto';
import { access, copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { exec, ROOT } from '../../../scripts/pack-for-examples.ts';

const SOURCE = join(ROOT, 'test', 'tooling', 'runtimes');
/** Where the runtimes are installed. */
export const RUNTIMES_DIR: string = join(ROOT, '.tmp', 'runtimes');
const STAMP = join(RUNTIMES_DIR, 'node_modules', '.davkit-runtimes-install');
const MANIFESTS = ['package.json', 'package-lock.json'] as const;

/** Absolute paths of the runtime binaries. */
export interface RuntimeBinaries {
  /** The lowest supported Node line (the tooling itself runs on the root's Node 24). */
  readonly node22: string;
  readonly deno: string;
  readonly bun: string;
  readonly workerd: string;
}

/** The binaries of an install in `dir` (present or not). */
export function binariesIn(dir: string = RUNTIMES_DIR): RuntimeBinaries {
  const bin = (name: string) => join(dir, 'node_modules', '.bin', name);
  return { node22: bin('node'), deno: bin('deno'), bun: bin('bun'), workerd: bin('workerd') };
}

async function manifestDigest(): Promise<string> {
  const hash = createHash('sha256');
  for (const name of MANIFESTS) {
    hash.update(name).update(await readFile(join(SOURCE, name)));
  }
  return hash.digest('hex');
}

async function readOr(path: string, fallback: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    return fallback;
  }
}

async function allPresent(binaries: RuntimeBinaries): Promise<boolean> {
  try {
    await Promise.all(Object.values(binaries).map((path) => access(path)));
    return true;
  } catch {
    return false;
  }
}

/**
 * Installs the pinned runtimes unless the same install is already there.
 * @returns the binaries, and whether an existing install was reused
 */
export async function ensureRuntimes(): Promise<{ binaries: RuntimeBinaries; reused: boolean }> {
  const digest = await manifestDigest();
  const binaries = binariesIn();
  if ((await readOr(STAMP, '')) === digest && (await allPresent(binaries))) {
    return { binaries, reused: true };
  }
  await rm(RUNTIMES_DIR, { recursive: true, force: true });
  await mkdir(RUNTIMES_DIR, { recursive: true });
  for (const name of MANIFESTS) {
    await copyFile(join(SOURCE, name), join(RUNTIMES_DIR, name));
  }
  await exec('npm', ['ci', '--no-audit', '--no-fund'], { cwd: RUNTIMES_DIR, timeoutMs: 300_000 });
  if (!(await allPresent(binaries))) {
    throw new Error(`npm ci in ${RUNTIMES_DIR} left a runtime binary missing: ${JSON.stringify(binaries)}`);
  }
  await writeFile(STAMP, digest);
  return { binaries, reused: false };
}

if (import.meta.main) {
  const { binaries, reused } = await ensureRuntimes();
  console.log(`${reused ? 'reused' : 'installed'} ${RUNTIMES_DIR}`);
  for (const [name, path] of Object.entries(binaries)) {
    console.log(`  ${name}: ${path}`);
  }
}
