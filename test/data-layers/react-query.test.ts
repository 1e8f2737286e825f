/**
 * davkit's results go through a data layer unchanged: TanStack Query's cache (the core of React Query,
 * with its structural sharing), its dehydrate/hydrate, and `structuredClone`. Real results: from the
 * in-memory server through the client and a batch, and decoded from a real Apache capture.
 */
import { dehydrate, hydrate, QueryClient, type QueryKey, replaceEqualDeep } from '@tanstack/query-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { toEntry } from '../../src/files/entry.ts';
import {
  type BatchResult,
  type BatchResultData,
  decodeMultiStatus,
  type Entry,
  explain,
  isMultiStatusError,
  type MultiStatus,
  type MultiStatusError,
  type RootCause,
  rootCauses,
  type StepResult,
} from '../../src/index.ts';
import { observedClient } from '../helpers/clients.ts';
import { MemoryDav } from '../helpers/memory-dav.ts';
import { BASE_URL, fixture } from '../multistatus/fixture-files.ts';

/** The plain data of a batch result, as a cache that copies (persisters, dehydrate, workers) holds it. */
function dataOf(result: BatchResult): BatchResultData {
  return structuredClone(result) as BatchResultData;
}

let propfind: MultiStatus;
let entries: Entry[];
let failed: BatchResult;
let retried: BatchResult;
let proppatchError: MultiStatusError;

beforeAll(async () => {
  const server = new MemoryDav();
  const { dav } = observedClient(server.handle);
  await dav.put('/a.txt', 'alpha');
  propfind = await dav.propfind('/a.txt', { depth: 0 });

  const apache = decodeMultiStatus(fixture('apache-propfind-allprop.xml'), { baseUrl: BASE_URL });
  entries = apache.responses.map((response) => toEntry(response, new URL(BASE_URL)));

  // A batch whose MKCOL fails (409: no parent), so its PUT gets a synthesised 424; an independent PUT succeeds.
  const batch = dav.batch();
  batch.mkcol('/reports/2026/', { id: 'mk' });
  batch.put('/reports/2026/q4.csv', 'q4', { id: 'put' });
  batch.put('/notes.txt', 'independent', { id: 'notes' });
  failed = await batch.run();
  retried = await failed.retryAfterFix();

  // A PROPPATCH with a protected property: 403 for it, 424 for the rest.
  const error = await dav
    .proppatch('/a.txt', { set: { '{DAV:}getetag': 'x', '{urn:acme}state': 'final' } })
    .catch((caught: unknown) => caught);
  if (!isMultiStatusError(error)) {
    throw new Error(`expected a MultiStatusError, got ${String(error)}`);
  }
  proppatchError = error;
});

/** Every kind of result the data layer sees, by name (read once `beforeAll` has made them). */
const RESULTS: Record<string, () => unknown> = {
  'MultiStatus (PROPFIND)': () => propfind,
  'MultiStatus (failed PROPPATCH)': () => proppatchError.multistatus,
  'Entry[] (Apache capture)': () => entries,
  'BatchResult data (failed)': () => dataOf(failed),
  'BatchResult data (after retryAfterFix)': () => dataOf(retried),
  'StepResult[]': () => failed.steps,
  'RootCause[] (batch)': () => failed.rootCauses(),
  'RootCause[] (PROPPATCH)': () => proppatchError.rootCauses(),
};

describe('the results themselves', () => {
  it('are real: failures, 424s, root causes and a successful retry', () => {
    expect(propfind.responses).toHaveLength(1);
    expect(entries.length).toBeGreaterThan(1);
    expect(failed.ok).toBe(false);
    expect(failed.steps.map((step: StepResult) => [step.id, step.kind])).toEqual([
      ['mk', 'failure'],
      ['put', 'failed-dependency'],
      ['notes', 'success'],
    ]);
    expect(failed.rootCauses().map((cause: RootCause) => [cause.status, cause.step, cause.fix.kind])).toEqual(
      [[409, 'mk', 'create-parent']],
    );
    expect(retried.ok).toBe(true);
    expect(proppatchError.rootCauses().map((cause) => [cause.status, cause.prop])).toEqual([
      [403, '{DAV:}getetag'],
    ]);
  });
});

describe.each(Object.keys(RESULTS))('%s', (name) => {
  /** The result, made once per test (root causes and batch data are computed on each call). */
  const value = () => RESULTS[name]?.();

  it('comes out of structuredClone equal', () => {
    const original = value();
    expect(structuredClone(original)).toEqual(original);
  });

  it('comes out of the query cache as it went in, and an equal copy keeps the cached references', () => {
    const original = value();
    const client = new QueryClient();
    const key: QueryKey = ['dav', name];
    client.setQueryData(key, original);
    const cached = client.getQueryData(key);
    expect(cached).toBe(original);
    // A refetch that brings equal data: structural sharing keeps what components already hold.
    client.setQueryData(key, structuredClone(original));
    expect(client.getQueryData(key)).toBe(cached);
    expect(replaceEqualDeep(cached, value())).toBe(cached);
  });

  it('survives dehydrate → structuredClone → hydrate into another cache', () => {
    const original = value();
    const from = new QueryClient();
    from.setQueryData(['dav', name], original);
    const to = new QueryClient();
    hydrate(to, structuredClone(dehydrate(from)));
    expect(to.getQueryData(['dav', name])).toEqual(original);
  });
});

describe('structural sharing of changed data', () => {
  it('replaces only the changed branch of an Entry[]', () => {
    const client = new QueryClient();
    client.setQueryData(['list'], entries);
    const changed = structuredClone(entries);
    const last = changed.length - 1;
    changed[last] = { ...(changed[last] as Entry), etag: '"changed"' };
    client.setQueryData(['list'], changed);
    const cached = client.getQueryData<Entry[]>(['list']) ?? [];
    expect(cached).not.toBe(entries);
    expect(cached).toEqual(changed);
    expect(cached[last]).not.toBe(entries[last]);
    expect(cached[last]?.props).toBe(entries[last]?.props); // unchanged inside the changed entry
    for (let index = 0; index < last; index++) {
      expect(cached[index]).toBe(entries[index]);
    }
  });

  it('keeps the unchanged steps of a retried batch and replaces the changed ones', () => {
    const before = dataOf(failed);
    const after = dataOf(retried);
    const shared = replaceEqualDeep(before, after);
    expect(shared).toEqual(after);
    expect(shared).not.toBe(before);
    expect(shared.plan).toBe(before.plan); // the same plan was resubmitted
    expect(shared.steps[0]).not.toBe(before.steps[0]); // mk: failure → success
  });

  it('a BatchResult instance is stored as is (its methods work from the cache), not merged', () => {
    const client = new QueryClient();
    client.setQueryData(['batch'], failed);
    const cached = client.getQueryData<BatchResult>(['batch']);
    expect(cached).toBe(failed);
    expect(cached?.rootCauses()).toEqual(failed.rootCauses());
    // Class instances are never merged by structural sharing: a new result replaces the old one whole.
    client.setQueryData(['batch'], retried);
    expect(client.getQueryData(['batch'])).toBe(retried);
  });

  it('the plain copy of a batch result is still explained by the free functions', () => {
    const copy = dataOf(failed);
    expect(rootCauses(copy)).toEqual(failed.rootCauses());
    expect(explain(copy)).toBe(explain(failed));
    expect(explain(copy)).toContain('409 at step mk: MKCOL /reports/2026/');
  });
});
