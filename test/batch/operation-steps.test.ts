import { describe, expect, it } from 'vitest';
import { isDavUsageError } from '../../src/errors/guards.ts';
import { operations } from '../../src/operations/operations.ts';
import { observedClient } from '../helpers/clients.ts';
import { MemoryDav } from '../helpers/memory-dav.ts';

function setup() {
  const server = new MemoryDav();
  const { dav, requests } = observedClient(server.handle);
  return { server, dav, requests };
}

describe('batch.operation()', () => {
  it('runs any operation as a step, reading its body only when the step starts', async () => {
    const { dav, server } = setup();
    const batch = dav.batch();
    const reads: string[] = [];
    const mk = batch.mkcol('/d/', { id: 'mk' });
    batch.operation(operations.put('/d/f.txt', ''), {
      id: 'put',
      body: async () => {
        reads.push(`read while ${server.log.join(', ')}`);
        return 'lazy';
      },
    });
    expect(reads).toEqual([]); // nothing is read when the step is added
    const result = await batch.run();
    expect(result.ok).toBe(true);
    expect(reads).toEqual(['read while MKCOL /root/d/']); // after its prerequisite, before it was sent
    expect(server.files.get('/root/d/f.txt')).toBe('lazy');
    // Its place in the plan is the operation's: a PUT below the MKCOL, so it waited for it.
    expect(result.plan[1]).toMatchObject({ id: 'put', method: 'PUT', path: '/d/f.txt', implied: [mk.id] });
  });

  it('reads the body again for a resubmission', async () => {
    const { dav, server } = setup();
    const batch = dav.batch();
    let reads = 0;
    batch.operation(operations.put('/later/f.txt', ''), {
      id: 'put',
      body: () => `attempt ${++reads}`,
    });
    const first = await batch.run();
    expect(first.ok).toBe(false); // the parent is missing: 409
    const next = await first.retryAfterFix(async () => {
      server.collections.add('/root/later/');
    });
    expect(next.ok).toBe(true);
    expect(server.files.get('/root/later/f.txt')).toBe('attempt 2');
  });

  it('refuses a body that is not a function, before anything is sent', () => {
    const { dav, requests } = setup();
    const batch = dav.batch();
    let thrown: unknown;
    try {
      batch.operation(operations.put('/f.txt', ''), { body: 'text' as never });
    } catch (error) {
      thrown = error;
    }
    expect(isDavUsageError(thrown)).toBe(true);
    expect(requests).toEqual([]);
  });
});

describe('parallel writes', () => {
  it('do not wait for earlier writes to the same resource, only for what creates its ancestors', async () => {
    const { dav } = setup();
    const batch = dav.batch();
    batch.mkcol('/d/', { id: 'mk' });
    batch.put('/d/f.bin', 'a', { id: 'one' });
    batch.put('/d/f.bin', 'b', { id: 'two', parallel: true });
    batch.put('/d/f.bin', 'c', { id: 'three' });
    const result = await batch.run();
    expect(result.plan.map((step) => [step.id, step.implied])).toEqual([
      ['mk', []],
      ['one', ['mk']],
      ['two', ['mk']], // without parallel: ['mk', 'one']
      ['three', ['mk', 'two']], // a later ordinary write still waits for the parallel one
    ]);
  });

  it('are in flight together', async () => {
    let inFlight = 0;
    let most = 0;
    const { dav } = observedClient(async () => {
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 20));
      inFlight--;
      return new Response(null, { status: 204 });
    });
    const batch = dav.batch({ concurrency: 4 });
    for (let i = 0; i < 4; i++) {
      batch.put('/f.bin', `part ${i}`, { parallel: true });
    }
    expect((await batch.run()).ok).toBe(true);
    expect(most).toBe(4);
  });
});
