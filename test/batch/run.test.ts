import { describe, expect, it } from 'vitest';
import { isDavUsageError } from '../../src/errors/guards.ts';
import { observedClient } from '../helpers/clients.ts';
import { MemoryDav } from '../helpers/memory-dav.ts';

function setup() {
  const server = new MemoryDav();
  const { dav, requests } = observedClient(server.handle);
  return { server, dav, requests };
}

const summary = (steps: readonly { id: string; kind: string }[]) =>
  steps.map((step) => `${step.id}:${step.kind}`);

describe('batch.run()', () => {
  it('runs steps in dependency order and reports every outcome in the order they were added', async () => {
    const { dav, server } = setup();
    const batch = dav.batch();
    batch.mkcol('/a/', { id: 'a' });
    batch.mkcol('/a/b/', { id: 'b' });
    batch.put('/a/b/f.txt', 'x', { id: 'f' });
    const result = await batch.run();
    expect(result.ok).toBe(true);
    expect(summary(result.steps)).toEqual(['a:success', 'b:success', 'f:success']);
    expect(result.steps.map((step) => step.kind === 'success' && step.status)).toEqual([201, 201, 201]);
    expect(server.log).toEqual(['MKCOL /root/a/', 'MKCOL /root/a/b/', 'PUT /root/a/b/f.txt']);
    expect(result.plan.map((step) => [step.id, step.implied])).toEqual([
      ['a', []],
      ['b', ['a']],
      ['f', ['a', 'b']],
    ]);
  });

  it('short-circuits the dependents of a failed step with 424s naming the root of the chain', async () => {
    const { dav, server } = setup();
    const batch = dav.batch();
    const mk = batch.mkcol('/reports/2026/', { id: 'mk' });
    const put = batch.put('/reports/2026/q4.csv', 'csv', { id: 'put' });
    batch.proppatch('/reports/2026/q4.csv', { set: { '{urn:acme}state': 'final' }, after: [put], id: 'tag' });
    const result = await batch.run();
    expect(result.ok).toBe(false);
    expect(result.step('mk')).toMatchObject({
      kind: 'failure',
      status: 409,
      error: { kind: 'http', status: 409 },
    });
    const root = { step: 'mk', method: 'MKCOL', path: '/reports/2026/', status: 409 };
    expect(result.step('put')).toEqual({
      kind: 'failed-dependency',
      id: 'put',
      method: 'PUT',
      path: '/reports/2026/q4.csv',
      attempt: 1,
      status: 424,
      failedPrerequisite: root,
      waitedOn: [mk.id],
    });
    // tag waited on put (explicit) and on mk (implied: mk creates its parent).
    expect(result.step('tag')).toMatchObject({
      kind: 'failed-dependency',
      failedPrerequisite: root,
      waitedOn: ['put', 'mk'],
    });
    expect(server.log).toEqual(['MKCOL /root/reports/2026/']);
  });

  it('keeps independent branches running after a failure, unless failFast', async () => {
    const { dav } = setup();
    const build = () => {
      const batch = dav.batch({ concurrency: 1 });
      batch.mkcol('/missing/x/', { id: 'bad' });
      batch.put('/independent.txt', 'ok', { id: 'good' });
      return batch;
    };
    expect(summary((await build().run()).steps)).toEqual(['bad:failure', 'good:success']);
    const fast = await build().run({ failFast: true });
    expect(fast.steps[1]).toMatchObject({ id: 'good', kind: 'cancelled', reason: 'fail-fast' });
  });

  it('runs independent steps at the same time (at most `concurrency` in flight)', async () => {
    let inFlight = 0;
    let peak = 0;
    let release: () => void = () => undefined;
    const bothArrived = new Promise<void>((resolve) => {
      release = resolve;
    });
    const { dav } = observedClient(async () => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      if (inFlight === 2) {
        release();
      }
      // Sequential execution would never bring a second request: the fallback timer only avoids a
      // hang, and the peak count then fails the test. No duration is asserted.
      await Promise.race([bothArrived, new Promise((resolve) => setTimeout(resolve, 2000))]);
      inFlight--;
      return new Response(null, { status: 201 });
    });
    const batch = dav.batch({ concurrency: 2 });
    batch.put('/one.txt', '1');
    batch.put('/two.txt', '2');
    batch.put('/three.txt', '3');
    const result = await batch.run();
    expect(result.ok).toBe(true);
    expect(peak).toBe(2);
  });

  it('cancels what has not started when the signal aborts', async () => {
    const controller = new AbortController();
    const { dav } = observedClient(async () => {
      controller.abort();
      return new Response(null, { status: 201 });
    });
    const batch = dav.batch({ concurrency: 1 });
    batch.put('/first.txt', '1');
    batch.put('/second.txt', '2');
    const result = await batch.run({ signal: controller.signal });
    expect(result.steps[1]).toMatchObject({ kind: 'cancelled', reason: 'aborted' });
  });

  it('refuses an unknown or duplicate step id when the step is added', () => {
    const { dav } = setup();
    const batch = dav.batch();
    batch.mkcol('/a/', { id: 'a' });
    expect(() => batch.put('/a/x', 'x', { after: ['nope'] })).toThrow(/unknown step "nope"/);
    let thrown: unknown;
    try {
      batch.mkcol('/b/', { id: 'a' });
    } catch (error) {
      thrown = error;
    }
    expect(isDavUsageError(thrown)).toBe(true);
  });

  it('locks, writes with the token and unlocks with the LOCK step’s token', async () => {
    const { dav, server, requests } = setup();
    const batch = dav.batch();
    const lock = batch.lock('/doc.txt', { id: 'lock' });
    batch.put('/doc.txt', 'v2', { id: 'write' });
    batch.unlock('/doc.txt', lock, { id: 'unlock' });
    server.files.set('/root/doc.txt', 'v1');
    const result = await batch.run();
    expect(summary(result.steps)).toEqual(['lock:success', 'write:success', 'unlock:success']);
    const put = requests.find((request) => request.method === 'PUT');
    expect(put?.headers.if).toBe('<https://dav.test/root/doc.txt> (<opaquelocktoken:mem-1>)');
    expect(requests.find((request) => request.method === 'UNLOCK')?.headers['lock-token']).toBe(
      '<opaquelocktoken:mem-1>',
    );
    expect(dav.locks.list()).toEqual([]);
  });

  it('sends a correlation header when asked, and calls the hooks with one state object', async () => {
    const { dav, requests } = setup();
    const started: string[] = [];
    const settled: string[] = [];
    const batch = dav.batch({
      correlationHeader: true,
      hooks: {
        onStepStart: [({ step }) => started.push(step.id)],
        onStepSettled: [({ step, result }) => settled.push(`${step.id}:${result.kind}`)],
      },
    });
    batch.mkcol('/c/', { id: 'c' });
    const result = await batch.run();
    expect(requests[0]?.headers['x-davkit-run']).toBe(`${result.runId} c`);
    expect(started).toEqual(['c']);
    expect(settled).toEqual(['c:success']);
  });

  it('lets onStepStart veto a step: it is cancelled and its dependents are too', async () => {
    const { dav, server } = setup();
    const batch = dav.batch({ hooks: { onStepStart: [({ step }) => step.id !== 'mk'] } });
    batch.mkcol('/v/', { id: 'mk' });
    batch.put('/v/x.txt', 'x', { id: 'put' });
    const result = await batch.run();
    expect(result.steps.map((step) => step.kind === 'cancelled' && step.reason)).toEqual(['hook', 'hook']);
    expect(server.log).toEqual([]);
  });

  it('produces plain data: the result survives structuredClone and JSON, and rootCauses() works on a copy', async () => {
    const { dav } = setup();
    const batch = dav.batch();
    batch.mkcol('/no/parent/', { id: 'mk' });
    batch.put('/no/parent/f', 'x', { id: 'put' });
    const result = await batch.run();
    const clone = structuredClone(result);
    const json = JSON.parse(JSON.stringify(result));
    expect(clone).toEqual(json);
    expect({ ...result }).toEqual(json);
    const { rootCauses } = await import('../../src/analysis/root-causes.ts');
    expect(rootCauses(clone)).toEqual(result.rootCauses());
  });
});
