/**
 * Packs davkit the way it is published (`npm pack`) into `.tmp/pack/davkit.tgz`, the stable name the
 * examples depend on (`"davkit": "file:../../.tmp/pack/davkit.tgz"`). Builds first when `dist/` is
 * missing (or, with `--if-stale`, older than `src/`).
 *
 *   npx node scripts/pack-for-examples.ts [--if-stale]
 *
 * Concurrent callers (the two example smoke tests) are safe: each packs into its own directory and
 * renames the tarball into place, and `npm pack` of the same `dist/` gives the same bytes.
 */
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { delimiter, join, resolve } from 'node:path';

/** The repository root (this file lives in `scripts/`). */
export const ROOT: string = resolve(import.meta.dirname, '..');
/** Where the examples find the package. */
export const TARBALL: string = join(ROOT, '.tmp', 'pack', 'davkit.tgz');

/** When to run `npm run build` before packing. */
export type BuildPolicy = 'if-missing' | 'if-stale';

/** The environment for child npm commands: the root's Node 24 first on PATH (toolchain.md §3). */
export function toolEnv(): NodeJS.ProcessEnv {
  return {
    ...process.env,
    PATH: `${join(ROOT, 'node_modules', '.bin')}${delimiter}${process.env.PATH ?? ''}`,
  };
}

/**
 * Runs a command to completion with the root's Node 24 first on PATH; resolves with its stdout, rejects
 * with its output when it fails. `quiet: false` shows the output instead of collecting it.
 */
export function exec(
  command: string,
  args: readonly string[],
  options: { cwd?: string; quiet?: boolean; timeoutMs?: number } = {},
): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd ?? ROOT,
      env: toolEnv(),
      stdio: options.quiet === false ? 'inherit' : ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      err += chunk.toString();
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 600_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) {
        resolvePromise(out);
      } else {
        reject(
          new Error(
            `${command} ${args.join(' ')} (in ${options.cwd ?? ROOT}) exited ${code}\n${out}\n${err}`,
          ),
        );
      }
    });
  });
}

async function mtime(path: string): Promise<number | undefined> {
  try {
    return (await stat(path)).mtimeMs;
  } catch {
    return undefined;
  }
}

/** The newest modification time of any file below `dir`. */
async function newest(dir: string): Promise<number> {
  let latest = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) {
      latest = Math.max(latest, (await mtime(join(entry.parentPath, entry.name))) ?? 0);
    }
  }
  return latest;
}

async function needsBuild(policy: BuildPolicy): Promise<boolean> {
  const built = await mtime(join(ROOT, 'dist', 'index.js'));
  if (built === undefined) {
    return true;
  }
  return policy === 'if-stale' && (await newest(join(ROOT, 'src'))) > built;
}

/** The SHA-256 of a file, hex. */
export async function sha256(path: string): Promise<string> {
  return createHash('sha256')
    .update(await readFile(path))
    .digest('hex');
}

/**
 * Builds when needed, packs, and puts the tarball at {@link TARBALL}.
 * @returns the tarball path and its SHA-256
 */
export async function packForExamples(
  policy: BuildPolicy = 'if-missing',
): Promise<{ tarball: string; sha256: string }> {
  if (await needsBuild(policy)) {
    await exec('npm', ['run', '--silent', 'build']);
  }
  const scratch = join(ROOT, '.tmp', 'pack', `tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
  await mkdir(scratch, { recursive: true });
  try {
    const out = await exec('npm', ['pack', '--json', '--pack-destination', scratch]);
    const [packed] = JSON.parse(out) as { filename: string }[];
    await rename(join(scratch, packed?.filename ?? 'davkit.tgz'), TARBALL);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
  return { tarball: TARBALL, sha256: await sha256(TARBALL) };
}

if (import.meta.main) {
  const packed = await packForExamples(process.argv.includes('--if-stale') ? 'if-stale' : 'if-missing');
  console.log(`${packed.tarball} (sha256 ${packed.sha256.slice(0, 16)}…)`);
}
