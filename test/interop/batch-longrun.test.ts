import { afterEach, describe, expect, it } from 'vitest';
import { explain } from '../../src/analysis/explain.ts';
import { createClient } from '../../src/client/create-client.ts';
import { type FaultProxy, startFaultProxy } from '../harness/fault-proxy.ts';
import { scratch } from '../helpers/interop.ts';

// Issue 14.3: batches that retry sanely, against real Apache and SabreDAV (a watching proxy counts
// what reached the server; in the last test it also answers a 504 after the write was applied).

let proxy: FaultProxy | undefined;
afterEach(async () => {
  await proxy?.close();
  proxy = undefined;
});

function putsPerPath(p: FaultProxy): Map<string, number> {
  const counts = new Map<string, number>();
  for (const entry of p.log) {
    if (entry.method === 'PUT' && entry.forwarded) {
      counts.set(entry.path, (counts.get(entry.path) ?? 0) + 1);
    }
  }
  return counts;
}

describe.each(['apache', 'sabredav'] as const)('long-running batches on %s', (name) => {
  it('retryAfterFix() replays only what did not succeed: a one-folder failure re-uploads nothing else', async () => {
    const s = await scratch(name, 'replay-failed');
    proxy = await startFaultProxy(s.info.origin);
    const dav = createClient({ baseUrl: proxy.url(s.dir.path) });
    const batch = dav.batch();
    batch.mkcol('/photos/', { id: 'ok' });
    batch.mkcol('/missing/2026/', { id: 'bad' }); // its parent does not exist: 409
    for (let i = 0; i < 25; i++) {
      batch.put(`/photos/${i}.jpg`, `photo ${i}`);
    }
    for (let i = 0; i < 5; i++) {
      batch.put(`/missing/2026/${i}.txt`, `note ${i}`);
    }
    const first = await batch.run();
    expect(first.steps.filter((step) => step.kind === 'success')).toHaveLength(26);
    const next = await first.retryAfterFix();
    expect(next.ok).toBe(true);
    const puts = putsPerPath(proxy);
    expect(puts.size).toBe(30);
    expect([...puts.values()].every((count) => count === 1)).toBe(true);
    expect(next.steps.filter((step) => step.attempt === 2).map((step) => step.id)).toHaveLength(6);
  });

  it('explain() lists 10 blocked steps and says how many more; { limit: "all" } lists them all', async () => {
    const s = await scratch(name, 'explain-cap');
    const batch = s.dav.batch();
    batch.mkcol('/no/such/', { id: 'bad' });
    for (let i = 0; i < 62; i++) {
      batch.put(`/no/such/${i}.txt`, 'x');
    }
    const result = await batch.run();
    const short = explain(result);
    expect(short.match(/^ {2}blocked /gm)).toHaveLength(10);
    expect(short).toContain('… and 52 more blocked steps');
    const full = explain(result, { limit: 'all' });
    expect(full.match(/^ {2}blocked /gm)).toHaveLength(62);
    expect(full).not.toContain('more blocked');
  });

  it('batch.mkdirp() and mkcol({ existOk }): running a sync again does not block its dependents', async () => {
    const s = await scratch(name, 'mkdirp');
    const plan = () => {
      const batch = s.dav.batch();
      const dir = batch.mkdirp('/sync/2026/12/', { id: 'dir' });
      batch.mkcol('/sync/other/', { existOk: true });
      batch.put('/sync/2026/12/a.txt', 'a', { after: [dir] });
      batch.put('/sync/other/b.txt', 'b');
      return batch;
    };
    const first = await plan().run();
    expect(first.ok).toBe(true);
    const again = await plan().run();
    expect(again.ok).toBe(true);
    expect(again.step('dir')).toMatchObject({ method: 'MKCOL', path: '/sync/2026/12/', status: 405 });
    expect(await s.other.getText('/sync/2026/12/a.txt')).toBe('a');
  });

  it('a verified batch step reports a write that landed behind a 504, and is not sent twice', async () => {
    const s = await scratch(name, 'batch-verify');
    let cut = false;
    proxy = await startFaultProxy(s.info.origin, (request) => {
      if (!cut && request.method === 'PUT' && request.path.endsWith('/b.txt')) {
        cut = true;
        return { kind: 'answer-after-forward', status: 504 };
      }
      return undefined;
    });
    const dav = createClient({ baseUrl: proxy.url(s.dir.path), verify: true });
    const batch = dav.batch();
    batch.put('/a.txt', 'a', { id: 'a' });
    batch.put('/b.txt', 'b', { id: 'b' });
    batch.delete('/a.txt', { id: 'rm', after: ['a', 'b'], verify: false });
    const result = await batch.run();
    expect(result.ok).toBe(true);
    expect(result.step('b')).toMatchObject({
      kind: 'success',
      value: { verification: { kind: 'landed', after: '504' } },
    });
    expect(putsPerPath(proxy).get(`${s.dir.path}b.txt`)).toBe(1);
  });
});
