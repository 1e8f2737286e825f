/**
 * A batch's engine loads on its first run (issue 16: `import()` inside `run()`); what the run does is
 * still decided when `run()` is called, as it was when the engine was loaded up front.
 */
import { describe, expect, it } from 'vitest';
import { observedClient } from '../helpers/clients.ts';
import { MemoryDav } from '../helpers/memory-dav.ts';

describe('batch.run() with the engine loaded on first use', () => {
  it('runs the steps added before the call, not one added while the engine loads', async () => {
    const server = new MemoryDav();
    const { dav } = observedClient(server.handle);
    const batch = dav.batch();
    batch.mkcol('/a/', { id: 'a' });
    const running = batch.run();
    batch.mkcol('/late/', { id: 'late' });
    const result = await running;
    expect(result.steps.map((step) => step.id)).toEqual(['a']);
    expect(server.log).toEqual(['MKCOL /root/a/']);
  });

  it('run() never throws synchronously: it returns a promise', () => {
    const { dav } = observedClient(new MemoryDav().handle);
    const pending = dav.batch().run();
    expect(pending).toBeInstanceOf(Promise);
    return pending;
  });
});
