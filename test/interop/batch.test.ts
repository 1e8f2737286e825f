import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scratch } from '../helpers/interop.ts';

// Batches against real servers (issue 5): short-circuits that name their root, and retryAfterFix()
// with the built-in fixers.

describe.each(['apache', 'sabredav'] as const)('batches on %s', (name) => {
  it('a failing MKCOL short-circuits its dependents with 424s naming it; retryAfterFix() creates the parent', async () => {
    const s = await scratch(name, 'batch-parent');
    const batch = s.dav.batch();
    batch.mkcol('/reports/2026/', { id: 'mk' });
    batch.put('/reports/2026/q4.csv', 'q,r\n4,1\n', { id: 'put' });
    batch.proppatch('/reports/2026/q4.csv', {
      set: { '{urn:acme}state': 'final' },
      id: 'tag',
      after: ['put'],
    });
    batch.put('/independent.txt', 'still written', { id: 'other' });
    const first = await batch.run();
    expect(first.steps.map((step) => [step.id, step.kind])).toEqual([
      ['mk', 'failure'],
      ['put', 'failed-dependency'],
      ['tag', 'failed-dependency'],
      ['other', 'success'],
    ]);
    expect(first.step('mk')).toMatchObject({ status: 409 });
    for (const id of ['put', 'tag']) {
      expect(first.step(id)).toMatchObject({
        status: 424,
        failedPrerequisite: { step: 'mk', method: 'MKCOL', status: 409 },
      });
    }
    const [cause] = first.rootCauses();
    expect(cause).toMatchObject({
      step: 'mk',
      status: 409,
      fix: { kind: 'create-parent', path: '/reports/' },
    });
    expect(cause?.dependents.map((dependent) => dependent.step)).toEqual(['put', 'tag']);

    const next = await first.retryAfterFix();
    expect(next.ok).toBe(true);
    expect(next.steps.map((step) => [step.id, step.kind, step.attempt])).toEqual([
      ['mk', 'success', 2],
      ['put', 'success', 2],
      ['tag', 'success', 2],
      ['other', 'success', 1], // it succeeded: not sent again (issue 14.3)
    ]);
    await expect(readFile(join(s.dir.dir, 'reports/2026/q4.csv'), 'utf8')).resolves.toBe('q,r\n4,1\n');
  });
});

describe('locks in batches (Apache)', () => {
  it('a step sent without this client’s token fails with 423; retryAfterFix() submits the token', async () => {
    const s = await scratch('apache', 'batch-own-lock');
    await s.seed('doc.txt', 'v1');
    await s.dav.lock('/doc.txt', { lockTimeout: 300 });
    const batch = s.dav.batch();
    batch.put('/doc.txt', 'v2', { id: 'put', lockTokens: false });
    const first = await batch.run();
    expect(first.step('put')).toMatchObject({ kind: 'failure', status: 423 });
    expect(first.rootCauses()[0]?.fix).toMatchObject({
      kind: 'submit-lock-token',
      lockRoot: '/doc.txt',
    });
    const next = await first.retryAfterFix();
    expect(next.ok).toBe(true);
    await expect(readFile(join(s.dir.dir, 'doc.txt'), 'utf8')).resolves.toBe('v2');
  });

  it('waits out a lock held by another client (short timeout), then succeeds', async () => {
    const s = await scratch('apache', 'batch-foreign-lock');
    await s.seed('shared.txt', 'v1');
    await s.other.lock('/shared.txt', { lockTimeout: 2 });
    const batch = s.dav.batch();
    batch.put('/shared.txt', 'v2', { id: 'put' });
    batch.proppatch('/shared.txt', { set: { '{urn:acme}by': 'batch' }, id: 'tag' });
    const first = await batch.run();
    expect(first.steps.map((step) => step.kind)).toEqual(['failure', 'failed-dependency']);
    // Apache's 423 here is bare (an HTML page): the lock was found in DAV:lockdiscovery, with its time left.
    expect(first.rootCauses()[0]?.fix).toEqual({
      kind: 'wait-for-unlock',
      lockRoot: '/shared.txt',
      expiresIn: expect.any(Number),
    });
    const next = await first.retryAfterFix(undefined, { maxWaitMs: 30_000 });
    expect(next.ok).toBe(true);
    await expect(readFile(join(s.dir.dir, 'shared.txt'), 'utf8')).resolves.toBe('v2');
  });
});
