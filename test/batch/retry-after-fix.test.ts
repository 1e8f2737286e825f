import { describe, expect, it } from 'vitest';
import { isDavBatchError, isDavUnfixableError } from '../../src/errors/guards.ts';
import { observedClient } from '../helpers/clients.ts';
import { MemoryDav } from '../helpers/memory-dav.ts';

function setup() {
  const server = new MemoryDav();
  const { dav } = observedClient(server.handle);
  return { server, dav };
}

describe('result.retryAfterFix()', () => {
  it('creates the missing parent with the built-in fixer and resubmits the whole batch', async () => {
    const { dav, server } = setup();
    const batch = dav.batch();
    batch.mkcol('/reports/2026/', { id: 'mk' });
    batch.put('/reports/2026/q4.csv', 'csv', { id: 'put' });
    const first = await batch.run();
    expect(first.rootCauses()[0]?.fix).toEqual({ kind: 'create-parent', path: '/reports/' });
    const next = await first.retryAfterFix();
    expect(next.ok).toBe(true);
    expect(next.attempt).toBe(2);
    expect(next.steps.map((step) => [step.id, step.kind, step.attempt])).toEqual([
      ['mk', 'success', 2],
      ['put', 'success', 2],
    ]);
    expect(server.files.get('/root/reports/2026/q4.csv')).toBe('csv');
  });

  it("with { replay: 'all' } keeps the outcome of a succeeded step that must not run twice (MKCOL), and reruns a PUT", async () => {
    const { dav, server } = setup();
    const batch = dav.batch();
    batch.mkcol('/ok/', { id: 'mk' });
    batch.put('/ok/a.txt', 'a', { id: 'put' });
    batch.mkcol('/missing/deep/', { id: 'bad' });
    const first = await batch.run();
    const next = await first.retryAfterFix(undefined, { replay: 'all' });
    expect(next.steps.map((step) => [step.id, step.kind, step.attempt])).toEqual([
      ['mk', 'success', 1],
      ['put', 'success', 2],
      ['bad', 'success', 2],
    ]);
    expect(server.log.filter((line) => line === 'MKCOL /root/ok/')).toHaveLength(1);
  });

  it('by default reruns only what did not succeed (issue 14.3: a one-folder failure re-uploads nothing else)', async () => {
    const { dav, server } = setup();
    const batch = dav.batch();
    batch.put('/a.txt', 'a', { id: 'put' });
    batch.mkcol('/missing/deep/', { id: 'bad' });
    const next = await (await batch.run()).retryAfterFix();
    expect(next.steps.map((step) => [step.id, step.attempt])).toEqual([
      ['put', 1],
      ['bad', 2],
    ]);
    expect(server.log.filter((line) => line.startsWith('PUT'))).toHaveLength(1);
  });

  it('refuses at once, without resubmitting, when a cause has no fix (a protected property)', async () => {
    const { dav, server } = setup();
    server.files.set('/root/p.txt', 'x');
    const batch = dav.batch();
    batch.proppatch('/p.txt', { set: { '{DAV:}getetag': 'x', '{urn:acme}state': 'final' }, id: 'tag' });
    const first = await batch.run();
    const before = server.log.length;
    const error = await first.retryAfterFix().catch((e: unknown) => e);
    expect(isDavUnfixableError(error)).toBe(true);
    expect(isDavUnfixableError(error) && error.causes.map((cause) => cause.fix)).toEqual([
      { kind: 'remove-protected-property', prop: '{DAV:}getetag' },
    ]);
    expect(server.log.length).toBe(before);
  });

  it('stops when the same root cause returns after a fix, with the last result', async () => {
    const { dav } = setup();
    const batch = dav.batch();
    batch.mkcol('/x/y/', { id: 'mk' });
    let calls = 0;
    const last = await (await batch.run()).retryAfterFix(() => {
      calls++; // a "fix" that fixes nothing
    });
    expect(calls).toBe(1);
    expect(last.ok).toBe(false);
    expect(last.attempt).toBe(2);
  });

  it('waits for a lock held elsewhere to go, then succeeds', async () => {
    const { dav, server } = setup();
    server.files.set('/root/shared.txt', 'v1');
    server.locks.set('/root/shared.txt', 'opaquelocktoken:someone-else');
    const batch = dav.batch();
    batch.put('/shared.txt', 'v2', { id: 'put' });
    const first = await batch.run();
    expect(first.rootCauses()[0]?.fix).toEqual({ kind: 'wait-for-unlock', lockRoot: '/shared.txt' });
    setTimeout(() => server.locks.clear(), 300);
    const next = await first.retryAfterFix(undefined, { maxWaitMs: 10_000 });
    expect(next.ok).toBe(true);
    expect(server.files.get('/root/shared.txt')).toBe('v2');
  });

  it('submits the token this client holds when a step was sent without it', async () => {
    const { dav, server } = setup();
    server.files.set('/root/mine.txt', 'v1');
    await dav.lock('/mine.txt');
    const batch = dav.batch();
    batch.put('/mine.txt', 'v2', { id: 'put', lockTokens: false });
    const first = await batch.run();
    expect(first.rootCauses()[0]?.fix).toMatchObject({
      kind: 'submit-lock-token',
      lockRoot: '/mine.txt',
    });
    const next = await first.retryAfterFix();
    expect(next.ok).toBe(true);
    expect(server.files.get('/root/mine.txt')).toBe('v2');
  });
});

describe('result.throwIfFailed()', () => {
  it('returns a successful result, and throws DavBatchError with the causes otherwise; the error can retry', async () => {
    const { dav } = setup();
    const good = dav.batch();
    good.mkcol('/fine/');
    const ok = await good.run();
    expect(ok.throwIfFailed()).toBe(ok);

    const bad = dav.batch();
    bad.mkcol('/missing/x/', { id: 'mk' });
    const failed = await bad.run();
    let thrown: unknown;
    try {
      failed.throwIfFailed();
    } catch (error) {
      thrown = error;
    }
    expect(isDavBatchError(thrown)).toBe(true);
    if (!isDavBatchError(thrown)) {
      return;
    }
    expect(thrown.result).toBe(failed);
    expect(thrown.causes.map((cause) => cause.fix.kind)).toEqual(['create-parent']);
    expect(thrown.message).toMatch(/1 of 1 steps did not succeed: 409 at \/missing\/x\//);
    expect((await thrown.retryAfterFix()).ok).toBe(true);
  });
});

describe('atomic runs', () => {
  it('undo completed steps in reverse order when a step fails', async () => {
    const { dav, server } = setup();
    const batch = dav.batch({ concurrency: 1 });
    batch.mkcol('/t/', { id: 'mk' });
    batch.put('/t/a.txt', 'a', { id: 'put' });
    batch.mkcol('/nope/deeper/', { id: 'bad', after: ['put'] });
    const result = await batch.run({ atomic: true });
    expect(result.compensation).toEqual({
      undone: [
        { step: 'put', method: 'PUT', path: '/t/a.txt' },
        { step: 'mk', method: 'MKCOL', path: '/t/' },
      ],
      failed: [],
      notUndoable: [],
    });
    expect(server.collections.has('/root/t/')).toBe(false);
  });
});
