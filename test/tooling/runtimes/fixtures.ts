/**
 * What the runtime tests share: a fresh Apache collection for one scenario run, and the check of what
 * the run reported and left on disk.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect } from 'vitest';
import { type DiskResource, davServer, freshCollection, seedFile } from '../../harness/fixture.ts';
import { expectedReport, UPLOAD_BYTES } from './scenario.ts';

/** A fresh collection on the harness's Apache holding `seed.txt` and `locked.txt`, for one scenario run. */
export async function scenarioCollection(label: string): Promise<DiskResource> {
  const apache = davServer('apache');
  const dir = await freshCollection(apache, label);
  for (const name of ['seed.txt', 'locked.txt']) {
    await seedFile(apache, `${dir.path.slice('/dav/'.length)}${name}`, 'seed');
  }
  return dir;
}

/** The report is the expected one, and the uploaded bytes really are on Apache's disk. */
export async function expectScenarioPassed(report: unknown, dir: DiskResource): Promise<void> {
  expect(report).toEqual(expectedReport(dir.path));
  const uploaded = await readFile(join(dir.dir, 'upload.bin'));
  expect(uploaded.byteLength).toBe(UPLOAD_BYTES);
  expect(uploaded.every((byte) => byte === 7)).toBe(true);
  await expect(readFile(join(dir.dir, 'locked.txt'), 'utf8')).resolves.toBe('written under lock');
}
