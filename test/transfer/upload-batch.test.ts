import { describe, expect, it } from 'vitest';
import { isDavUsageError } from '../../src/errors/guards.ts';
import { checkUploadState } from '../../src/transfer/state.ts';
import type { UploadState } from '../../src/transfer/types.ts';
import { observedClient } from '../helpers/clients.ts';
import { RangeServer } from './range-server.ts';

const TEXT = 'abcdefghijklmnopqrstuvwxyz'.repeat(4);
const BYTES = new TextEncoder().encode(TEXT);

function caught(run: () => unknown): unknown {
  try {
    return run();
  } catch (error) {
    return error;
  }
}

describe('batch.upload()', () => {
  it('is a group of steps under the upload’s id; steps after it wait for the whole file', async () => {
    const server = new RangeServer('honour');
    const { dav } = observedClient(server.handle);
    const batch = dav.batch();
    const up = batch.upload('/a.txt', BYTES, { id: 'up', chunkSize: 50 });
    batch.head('/a.txt', { id: 'head', after: [up] });
    const result = await batch.run();
    expect(result.ok).toBe(true);
    // No verdict yet for this collection: 'auto' sends the file in one PUT in a batch.
    expect(result.steps.map((step) => step.id)).toEqual([
      'up:put',
      'up:check-temp',
      'up:assemble',
      'up',
      'head',
    ]);
    expect(result.plan.find((step) => step.id === 'head')?.after).toEqual(['up']);
    expect(server.file('/a.txt')).toBe(TEXT);
  });

  it('uses a partial-update method this client verified in that collection', async () => {
    const server = new RangeServer('honour');
    const { dav } = observedClient(server.handle);
    await dav.upload('/first.txt', BYTES, { chunkSize: 50 }); // verifies content-range in '/'
    const batch = dav.batch();
    batch.upload('/a.txt', BYTES, { id: 'up', chunkSize: 50 });
    const result = await batch.run();
    expect(result.steps.map((step) => step.id)).toEqual([
      'up:bytes-0-49',
      'up:bytes-50-99',
      'up:bytes-100-103',
      'up:check-temp',
      'up:assemble',
      'up',
    ]);
    expect(server.file('/a.txt')).toBe(TEXT);
  });

  it('a failed chunk blocks the upload’s later steps and what waits for it, with 424s naming it', async () => {
    const server = new RangeServer('honour');
    const { dav } = observedClient((request) =>
      request.headers['content-range']?.startsWith('bytes 50-')
        ? new Response(null, { status: 507 })
        : server.handle(request),
    );
    await dav.upload('/first.txt', BYTES, { chunkSize: 10 });
    const batch = dav.batch();
    const up = batch.upload('/a.txt', BYTES, { id: 'up', chunkSize: 50 });
    batch.head('/a.txt', { id: 'head', after: [up] });
    const result = await batch.run();
    expect(result.ok).toBe(false);
    expect(result.step('head')).toMatchObject({
      kind: 'failed-dependency',
      failedPrerequisite: { step: 'up:bytes-50-99', status: 507 },
    });
    expect(result.rootCauses().map((cause) => [cause.step, cause.status])).toEqual([['up:bytes-50-99', 507]]);
  });

  it('refuses an explicit method not verified here (as the batch runs, sending nothing), and a resume (as it is added)', async () => {
    const { dav, requests } = observedClient(new RangeServer('honour').handle);
    const batch = dav.batch();
    batch.upload('/a.txt', BYTES, { strategy: 'content-range', chunkSize: 50 });
    const unverified = await batch.run().catch((error: unknown) => error);
    expect(isDavUsageError(unverified) && unverified.message).toMatch(/has not been verified on this server/);
    expect(requests).toEqual([]);
    const state = { kind: 'davkit-upload' } as UploadState;
    expect(isDavUsageError(caught(() => batch.upload('/a.txt', BYTES, { resume: state } as never)))).toBe(
      true,
    );
    expect(isDavUsageError(caught(() => batch.upload('/a.txt', 'text' as never)))).toBe(true);
  });
});

describe('the upload state and result', () => {
  it('are plain data: a JSON copy of the result explains the same, and resumes the same', async () => {
    const server = new RangeServer('honour');
    const { dav } = observedClient((request) =>
      request.headers['content-range']?.startsWith('bytes 50-')
        ? new Response(null, { status: 507 })
        : server.handle(request),
    );
    const result = await dav.upload('/a.txt', BYTES, { chunkSize: 50 });
    const copy = JSON.parse(JSON.stringify(result));
    expect(structuredClone(result.state)).toEqual(result.state);
    expect(copy.state).toEqual(result.state);
    expect(copy.batch.steps).toEqual(result.batch.steps);
    expect(result.rootCauses()[0]).toMatchObject({ status: 507, bytes: { start: 50, end: 99 } });
    expect(caught(() => checkUploadState(copy.state))).toBeUndefined();
    const retry = await (Object.assign(Object.create(Object.getPrototypeOf(result)), copy) as typeof result)
      .retryAfterFix()
      .catch((error: unknown) => error);
    expect(isDavUsageError(retry) && retry.message).toMatch(/needs the original UploadResult/);
  });

  it('a state that davkit did not write is refused, not trusted', () => {
    for (const wrong of [
      null,
      {},
      { kind: 'davkit-upload', version: 2 },
      {
        kind: 'davkit-upload',
        version: 1,
        target: 'x',
        temp: 'y',
        strategy: 'ftp',
        size: 1,
        chunkSize: 1,
        confirmed: [],
        source: { size: 1 },
        guard: { kind: 'none' },
      },
      {
        kind: 'davkit-upload',
        version: 1,
        target: 'x',
        temp: 'y',
        strategy: 'single',
        size: 1,
        chunkSize: 1,
        confirmed: [-1],
        source: { size: 1 },
        guard: { kind: 'none' },
      },
    ]) {
      expect(isDavUsageError(caught(() => checkUploadState(wrong)))).toBe(true);
    }
  });
});
