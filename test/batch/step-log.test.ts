/**
 * A batch logs its steps as they are added and plans them when it runs (issue 16: so that the verbs'
 * builders, the planner and the upload planning load with the first `run()`). What a step is named
 * and waits for, its paths and a PUT body are still refused as the step is added; what only the
 * verb's builder knows is refused by `run()`, before anything is sent; the plan is the one adding
 * the steps one by one made.
 */
import { describe, expect, it } from 'vitest';
import { isDavUsageError } from '../../src/errors/guards.ts';
import { observedClient } from '../helpers/clients.ts';
import { MemoryDav } from '../helpers/memory-dav.ts';

function caught(call: () => unknown): unknown {
  try {
    call();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('a batch step, as it is added', () => {
  const { dav, requests } = observedClient(new MemoryDav().handle);
  const batch = dav.batch();
  batch.mkcol('/a/', { id: 'a' });

  it.each([
    ['a path that is not a string', () => batch.head(42 as never), /path must be a string/],
    ['a path with ".."', () => batch.propfind('/a/../b'), /"\." or "\.\." segments/],
    ['a MOVE destination that is not a string', () => batch.move('/a/', 7 as never), /MOVE destination/],
    ['an id already in the batch', () => batch.head('/a/', { id: 'a' }), /already in this batch/],
    ['an unknown step in after', () => batch.head('/a/', { after: ['nope'] }), /unknown step "nope"/],
    ['a PUT body of the wrong type', () => batch.put('/a/x', { not: 'a body' } as never), /body/],
    ['a lock token in angle brackets', () => batch.unlock('/a/', '<opaquelocktoken:1>'), /lock token/],
  ])('refuses %s at once', (_what, add, message) => {
    const error = caught(add);
    expect(isDavUsageError(error)).toBe(true);
    expect((error as Error).message).toMatch(message);
    expect(requests).toEqual([]);
  });
});

describe('what only the verb’s builder checks', () => {
  type AnyBatch = ReturnType<ReturnType<typeof observedClient>['dav']['batch']>;
  it.each([
    ['a lock scope', (b: AnyBatch) => b.lock('/a', { scope: 'bogus' as never }), /scope/],
    [
      'a property value',
      (b: AnyBatch) => b.proppatch('/a', { set: { '{urn:x}n': Number.NaN } as never }),
      /not a number/,
    ],
    ['a REPORT body', (b: AnyBatch) => b.report('/a', '<not-closed>'), /not well-formed/],
  ])('%s: run() rejects with the DavUsageError, and nothing is sent', async (_what, add, message) => {
    const { dav: client, requests } = observedClient(new MemoryDav().handle);
    const batch = client.batch();
    batch.mkcol('/a/');
    add(batch);
    const error = await batch.run().catch((thrown: unknown) => thrown);
    expect(isDavUsageError(error)).toBe(true);
    expect((error as Error).message).toMatch(message);
    expect(requests).toEqual([]);
  });
});

describe('the plan made when the batch runs', () => {
  it('names and orders steps as adding them one by one did: ids, implied prerequisites, after a lock', async () => {
    const server = new MemoryDav();
    const { dav } = observedClient(server.handle);
    const batch = dav.batch();
    batch.mkdirp('/a/b/');
    batch.put('/a/b/x.txt', 'x');
    const lock = batch.lock('/a/b/x.txt');
    batch.unlock('/a/b/x.txt', lock);
    const result = await batch.run();
    expect(result.ok).toBe(true);
    expect(result.plan.map((step) => [step.id, step.method, step.after, step.implied])).toEqual([
      ['s1', 'MKCOL', [], []],
      ['s2', 'MKCOL', [], ['s1']],
      ['s3', 'PUT', [], ['s1', 's2']],
      ['s4', 'LOCK', [], ['s1', 's2', 's3']],
      ['s5', 'UNLOCK', ['s4'], ['s1', 's2', 's3']],
    ]);
  });
});

describe('a step keeps its arguments as they were when it was added', () => {
  it('changing the options object afterwards (a loop that reuses one) changes nothing that is sent', async () => {
    const { dav, requests } = observedClient(new MemoryDav().handle);
    const batch = dav.batch();
    const headers: Record<string, string> = { 'x-tag': 'first' };
    batch.put('/a.txt', 'a', { headers });
    headers['x-tag'] = 'second';
    const set: Record<string, string> = { '{urn:x}state': 'draft' };
    batch.proppatch('/a.txt', { set });
    set['{urn:x}state'] = 'final';
    await batch.run();
    const put = requests.find((request) => request.method === 'PUT');
    const proppatch = requests.find((request) => request.method === 'PROPPATCH');
    expect(put?.headers['x-tag']).toBe('first');
    expect(proppatch?.body).toContain('draft');
    expect(proppatch?.body).not.toContain('final');
  });
});
