/// <reference path="./provided.d.ts" />
/**
 * The tooling project's globalSetup: installs the pinned runtimes (once per lockfile, see install.ts)
 * and packs davkit as it is published, before any runtime test starts. Packing here, once, keeps test
 * files from building `dist/` concurrently when it is stale.
 */
import type { TestProject } from 'vitest/node';
import { packForExamples } from '../../../scripts/pack-for-examples.ts';
import { ensureRuntimes } from './install.ts';

export default async function setup(project: TestProject): Promise<void> {
  const [{ binaries }, { tarball }] = await Promise.all([ensureRuntimes(), packForExamples('if-stale')]);
  project.provide('runtimes', binaries);
  project.provide('davkitTarball', tarball);
}
