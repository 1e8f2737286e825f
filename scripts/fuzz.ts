/**
 * `npm run fuzz`: feeds both multistatus decoders (`decodeMultiStatus` and the streaming
 * `decodeMultiStatusStream`, in random chunk sizes) 100,000 generated cases: random bytes, random
 * Unicode, XML token soup, mutated real captures and generated valid documents (test/fuzz/).
 *
 * The only acceptable outcomes are a result or a `DavParseError`. Anything else fails the run: another
 * exception, a case slower than the budget (2 s for a body under 100 KB), a hang (a worker that stops
 * reporting is terminated, and the case it was decoding is printed), results that differ between the
 * two decoders, or a generated document not decoded to its model. Each failure is shrunk by fast-check
 * and printed with its seed. The summary lists cases, time and outcomes; the exit code is 1 on any
 * failure.
 *
 *   npm run fuzz [-- --cases 100000 --seed 42 --workers 2 --budget-ms 2000 --only soup,mutated --strict]
 *
 * `--strict` also fails on bodies one decoder accepts and the other rejects (always reported).
 */
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { CATEGORIES, type Category } from '../test/fuzz/generators.ts';
import { runPool } from './fuzz/pool.ts';
import type { Job, JobStats } from './fuzz/protocol.ts';
import { printSummary } from './fuzz/report.ts';

/** Share of the cases each family gets. */
const WEIGHTS: Readonly<Record<Category, number>> = {
  bytes: 0.15,
  unicode: 0.15,
  soup: 0.2,
  mutated: 0.25,
  generated: 0.25,
};

/** Cases per job: small enough to spread over workers, large enough to amortise fast-check's start. */
const JOB_SIZE = 2_500;

function options() {
  const { values } = parseArgs({
    options: {
      cases: { type: 'string', default: '100000' },
      seed: { type: 'string' },
      workers: { type: 'string', default: String(Math.min(4, availableParallelism())) },
      'budget-ms': { type: 'string', default: '2000' },
      only: { type: 'string' },
      strict: { type: 'boolean', default: false },
    },
  });
  const only = values.only?.split(',').map((name) => name.trim()) ?? [...CATEGORIES];
  const unknown = only.filter((name) => !(CATEGORIES as readonly string[]).includes(name));
  if (unknown.length > 0) {
    throw new Error(`--only: unknown ${unknown.join(', ')}; known: ${CATEGORIES.join(', ')}`);
  }
  return {
    cases: Number(values.cases),
    seed: values.seed === undefined ? Date.now() % 2_147_483_647 : Number(values.seed),
    workers: Math.max(1, Number(values.workers)),
    budgetMs: Number(values['budget-ms']),
    categories: only as Category[],
    strict: values.strict,
  };
}

/** Splits the cases over families (by weight) and jobs; job k runs from seed `seed + k`. */
function plan(cases: number, seed: number, categories: readonly Category[]): Job[] {
  const total = categories.reduce((sum, category) => sum + WEIGHTS[category], 0);
  const jobs: Job[] = [];
  for (const category of categories) {
    let remaining = Math.round((cases * WEIGHTS[category]) / total);
    while (remaining > 0) {
      const numRuns = Math.min(JOB_SIZE, remaining);
      jobs.push({ id: jobs.length, category, seed: (seed + jobs.length) | 0, numRuns });
      remaining -= numRuns;
    }
  }
  return jobs;
}

const settings = options();
const jobs = plan(settings.cases, settings.seed, settings.categories);
const started = performance.now();
const results: Map<number, JobStats> = await runPool(jobs, {
  workers: settings.workers,
  budgetMs: settings.budgetMs,
  hangMs: Math.max(10_000, settings.budgetMs * 5),
  onProgress: (cases, failures) =>
    console.log(
      `fuzz: ${cases} / ${settings.cases} cases, ${failures} failures, ${((performance.now() - started) / 1000).toFixed(0)} s`,
    ),
});
const failed = printSummary(jobs, results, {
  seconds: (performance.now() - started) / 1000,
  ...settings,
});
process.exit(failed ? 1 : 0);
