/**
 * A batch caught by each fault of a real misbehaving server keeps every other step's outcome: the
 * other steps succeed against the same server, the faulted step is a `failure` with the right
 * descriptor, its dependents get 424s naming it, and `retryAfterFix()` still works: the built-in
 * `retry-later` fix for network, timeout and 503 faults (one-shot, so the resubmission meets a healthy
 * server), a `fix` function of the caller's for the others (after refusing, without one, to resubmit).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { explain } from '../../src/analysis/explain.ts';
import type { Batch } from '../../src/batch/batch.ts';
import { createClient } from '../../src/client/create-client.ts';
import { isDavUnfixableError } from '../../src/errors/guards.ts';
import type { FailureDescriptor } from '../../src/model/batch.ts';
import { type Fault, type FaultServer, startFaultServer } from './fault-server.ts';

let server: FaultServer;

beforeAll(async () => {
  server = await startFaultServer();
});
afterAll(() => server.close());

interface Scenario {
  readonly fault: Fault;
  /** Adds the step the fault catches, with id `faulted` and the given call options, under `dir`. */
  readonly step: (
    batch: Batch,
    dir: string,
    call: { readonly id: 'faulted'; readonly timeout?: number },
  ) => void;
  readonly method: string;
  readonly descriptor: FailureDescriptor | Record<string, unknown>;
  /** The fault is a silence: the faulted step gets a short timeout. */
  readonly silent?: boolean;
  /** How the failure is fixed: davkit's built-in fixers, or the caller's function (which heals the server). */
  readonly fix: 'built-in' | 'caller';
  /** Faults that last until healed (the others catch one request). */
  readonly lasting?: boolean;
}

const network = { kind: 'network', message: expect.stringContaining('network error') };
/**
 * The faulted step's own timeout, for the faults that are silences. Every other request has the
 * client's generous one: on a loaded machine a healthy local answer can take a while, and a short
 * client-wide timeout would fail healthy steps too.
 */
const SHORT = 1_000;
const timeout = { kind: 'timeout', timeoutMs: SHORT };
const parse = { kind: 'parse', message: expect.stringContaining('Malformed') };

const SCENARIOS: Scenario[] = [
  {
    fault: 'reset-before-answer',
    method: 'PUT',
    step: (b, dir, call) => b.put(`${dir}new.txt`, 'n', call),
    descriptor: network,
    fix: 'built-in',
  },
  {
    fault: 'reset-mid-body',
    method: 'PROPFIND',
    step: (b, dir, call) => b.propfind(`${dir}doc.txt`, { depth: 0, ...call }),
    descriptor: network,
    fix: 'built-in',
  },
  {
    fault: 'no-answer',
    method: 'PROPPATCH',
    step: (b, dir, call) => b.proppatch(`${dir}doc.txt`, { set: { '{urn:x}state': 'a' }, ...call }),
    descriptor: timeout,
    silent: true,
    fix: 'built-in',
  },
  {
    fault: 'stall-body',
    method: 'PROPFIND',
    step: (b, dir, call) => b.propfind(`${dir}doc.txt`, { depth: 0, ...call }),
    descriptor: timeout,
    silent: true,
    fix: 'built-in',
  },
  {
    fault: 'truncated-length',
    method: 'PROPFIND',
    step: (b, dir, call) => b.propfind(`${dir}doc.txt`, { depth: 0, ...call }),
    descriptor: network,
    fix: 'built-in',
  },
  {
    fault: 'truncated-xml',
    method: 'PROPPATCH',
    step: (b, dir, call) => b.proppatch(`${dir}doc.txt`, { set: { '{urn:x}state': 'a' }, ...call }),
    descriptor: parse,
    fix: 'caller',
  },
  {
    fault: 'unavailable',
    method: 'PUT',
    step: (b, dir, call) => b.put(`${dir}new.txt`, 'n', call),
    descriptor: { kind: 'http', status: 503, reason: 'Service Unavailable' },
    fix: 'built-in',
  },
  {
    fault: 'html-207',
    method: 'PROPFIND',
    step: (b, dir, call) => b.propfind(`${dir}doc.txt`, { depth: 0, ...call }),
    descriptor: parse,
    fix: 'caller',
  },
  {
    fault: 'redirect-other-origin',
    method: 'PUT',
    step: (b, dir, call) => b.put(`${dir}new.txt`, 'n', call),
    descriptor: { kind: 'http', status: 307 },
    fix: 'caller',
    lasting: true,
  },
  {
    fault: 'auth-loop',
    method: 'PROPFIND',
    step: (b, dir, call) => b.propfind(`${dir}doc.txt`, { depth: 0, ...call }),
    descriptor: { kind: 'http', status: 401, reason: 'Unauthorized' },
    fix: 'caller',
    lasting: true,
  },
];

/** How many requests the server got for paths under a scenario's directory. */
function requestsUnder(dir: string): number {
  return server.log.filter((line) => line.split(' ')[1]?.startsWith(`/root${dir}`)).length;
}

/** The batch: three independent successes, the faulted step, and a chain of two dependents. */
function buildBatch(dav: ReturnType<typeof createClient>, dir: string, scenario: Scenario): Batch {
  const batch = dav.batch({ concurrency: 4 });
  batch.mkcol(`${dir}made/`, { id: 'mk' });
  batch.put(`${dir}made/a.txt`, 'a', { id: 'put' });
  batch.getText(`${dir}doc.txt`, { id: 'read' });
  scenario.step(batch, dir, scenario.silent ? { id: 'faulted', timeout: SHORT } : { id: 'faulted' });
  batch.put(`${dir}copy.txt`, 'copy', { id: 'dependent', after: ['faulted'] });
  batch.proppatch(`${dir}copy.txt`, { set: { '{urn:x}state': 'done' }, id: 'chained', after: ['dependent'] });
  return batch;
}

// Concurrent: each scenario has its own directory and fault, and most of the time is spent waiting.
describe.concurrent.each(SCENARIOS.map((scenario, index) => [scenario.fault, scenario, index] as const))(
  'a batch caught by %s',
  (_fault, scenario, index) => {
    it('keeps every outcome, then succeeds after retryAfterFix()', async ({ expect }) => {
      const dir = `/s${index}/`;
      const serverPath = (path: string) => `/root${dir}${path}`;
      server.store.collections.add(serverPath(''));
      server.store.files.set(serverPath('doc.txt'), 'doc');
      const target = scenario.method === 'PUT' ? 'new.txt' : 'doc.txt';
      server.arm(serverPath(target), scenario.fault, {
        method: scenario.method,
        times: scenario.lasting ? Number.POSITIVE_INFINITY : 1,
      });
      const dav = createClient({
        baseUrl: server.baseUrl,
        retry: 0,
        timeout: 30_000,
        auth: { type: 'basic', username: 'u', password: 'p' },
      });

      const result = await buildBatch(dav, dir, scenario).run();

      expect(result.ok).toBe(false);
      expect(result.steps.map((step) => [step.id, step.kind])).toEqual([
        ['mk', 'success'],
        ['put', 'success'],
        ['read', 'success'],
        ['faulted', 'failure'],
        ['dependent', 'failed-dependency'],
        ['chained', 'failed-dependency'],
      ]);
      expect(result.step('faulted')).toMatchObject({ method: scenario.method, error: scenario.descriptor });
      const root = { step: 'faulted', method: scenario.method };
      expect(result.step('dependent')).toMatchObject({
        status: 424,
        failedPrerequisite: root,
        waitedOn: ['faulted'],
      });
      expect(result.step('chained')).toMatchObject({
        status: 424,
        failedPrerequisite: root,
        waitedOn: ['dependent'],
      });
      const [cause, ...others] = result.rootCauses();
      expect(others).toEqual([]);
      expect(cause?.step).toBe('faulted');
      expect(cause?.dependents.map((dependent) => dependent.step)).toEqual(['dependent', 'chained']);
      expect(explain(result)).toContain('step faulted');
      expect(server.store.files.get(serverPath('made/a.txt'))).toBe('a');

      let next: Awaited<ReturnType<typeof result.retryAfterFix>>;
      if (scenario.fix === 'built-in') {
        next = await result.retryAfterFix(undefined, { maxWaitMs: 5_000 });
      } else {
        const sent = requestsUnder(dir);
        const refused = await result.retryAfterFix().catch((error: unknown) => error);
        expect(isDavUnfixableError(refused)).toBe(true);
        expect(requestsUnder(dir)).toBe(sent);
        let healed = 0;
        next = await result.retryAfterFix(() => {
          healed++;
          server.disarm(serverPath(target));
        });
        expect(healed).toBe(1);
      }

      expect(next.ok).toBe(true);
      expect(next.steps.map((step) => [step.id, step.kind, step.attempt])).toEqual([
        // Only what did not succeed runs again (issue 14.3): the successes keep their first outcome.
        ['mk', 'success', 1],
        ['put', 'success', 1],
        ['read', 'success', 1],
        ['faulted', 'success', 2],
        ['dependent', 'success', 2],
        ['chained', 'success', 2],
      ]);
      expect(server.store.files.get(serverPath('copy.txt'))).toBe('copy');
      expect(server.caught(serverPath(target))).toBe(1);
    });
  },
);
