/**
 * A fuzz worker: runs the jobs the main thread sends, one at a time, with fast-check. Every case goes
 * through both decoders (`judge`); counts are reported in heartbeats, failures are shrunk by
 * fast-check to a minimal counterexample. The case being decoded is always in the shared buffer, so a
 * hang can be reported by the main thread, which terminates a worker that stops beating.
 */
import { parentPort, workerData } from 'node:worker_threads';
import fc from 'fast-check';
import { judge, type Outcome, type Verdict } from '../../test/fuzz/check.ts';
import { bodySize, describeBody, type FuzzCase, GENERATORS } from '../../test/fuzz/generators.ts';
import {
  type DecoderCounts,
  emptyStats,
  type Job,
  type JobStats,
  type MainMessage,
  storeCurrent,
  type WorkerData,
  type WorkerMessage,
} from './protocol.ts';

const { current, budgetMs } = workerData as WorkerData;
const BEAT_MS = 200;
/** fast-check stops at a failure; the job goes on from a new seed, up to this many failures. */
const MAX_FAILURES_PER_JOB = 3;
const SAMPLES_PER_JOB = 3;
/**
 * Shrink attempts allowed per failure. Shrinking a slow case re-runs slow decodes; past this bound
 * every candidate passes, so fast-check stops at the smallest failing case found so far.
 */
const MAX_SHRINK_RUNS = 500;

function post(message: WorkerMessage): void {
  parentPort?.postMessage(message);
}

function count(counts: DecoderCounts, outcome: Outcome): void {
  if (outcome.kind === 'result') {
    counts.result++;
  } else if (outcome.kind === 'parse-error') {
    counts.parseError++;
  } else {
    counts.unexpected++;
  }
  counts.slowestMs = Math.max(counts.slowestMs, outcome.ms);
  counts.totalMs += outcome.ms;
}

/** Keeps the shortest few bodies that one decoder accepted and the other rejected. */
function sample(stats: JobStats, c: FuzzCase, verdict: Verdict): void {
  const rejected = verdict.buffered.kind === 'parse-error' ? verdict.buffered : verdict.stream;
  if (rejected.kind !== 'parse-error') {
    return;
  }
  const input = describeBody(c.body, 400);
  if (stats.samples.some((each) => each.input === input)) {
    return;
  }
  stats.samples.push({
    accepted: verdict.buffered.kind === 'result' ? 'decodeMultiStatus' : 'decodeMultiStatusStream',
    message: rejected.message,
    input,
    size: bodySize(c.body),
  });
  stats.samples.sort((a, b) => a.size - b.size);
  stats.samples.length = Math.min(stats.samples.length, SAMPLES_PER_JOB);
}

function record(stats: JobStats, c: FuzzCase, verdict: Verdict): void {
  stats.cases++;
  count(stats.buffered, verdict.buffered);
  count(stats.stream, verdict.stream);
  if (verdict.buffered.kind === 'result' && verdict.stream.kind === 'result') {
    stats.bothAccepted++;
  }
  if (!verdict.agreed) {
    stats.disagreements++;
    sample(stats, c, verdict);
  }
}

/** Runs `numRuns` cases from `seed`; returns how many ran and the failure, if one happened. */
async function runFrom(job: Job, seed: number, numRuns: number, stats: JobStats): Promise<number> {
  let failing = false;
  let shrinkRuns = 0;
  let lastBeat = performance.now();
  const property = fc.asyncProperty(GENERATORS[job.category], async (c) => {
    if (failing && ++shrinkRuns > MAX_SHRINK_RUNS) {
      return;
    }
    storeCurrent(current, c.body);
    const verdict = await judge(c, { budgetMs });
    // Once a case has failed, fast-check only shrinks it: those runs are not counted.
    if (!failing) {
      record(stats, c, verdict);
    }
    if (performance.now() - lastBeat > BEAT_MS) {
      lastBeat = performance.now();
      post({ type: 'beat', jobId: job.id, stats });
    }
    if (verdict.problem !== undefined) {
      failing = true;
      throw new Error(verdict.problem);
    }
  });
  const details = await fc.check(property, { seed, numRuns });
  if (!details.failed || details.counterexample === null) {
    return numRuns;
  }
  const [counterexample] = details.counterexample;
  const problem = details.errorInstance instanceof Error ? details.errorInstance.message : 'failed';
  stats.failures.push({
    category: job.category,
    problem,
    seed,
    numRuns,
    path: details.counterexamplePath ?? undefined,
    shrinks: details.numShrinks,
    input: `${describeBody(counterexample.body)}\n  content-type: ${String(counterexample.contentType)}, chunk sizes: ${counterexample.chunkSizes.join(',')}`,
  });
  return details.numRuns;
}

async function runJob(job: Job): Promise<JobStats> {
  const stats = emptyStats();
  let seed = job.seed;
  let remaining = job.numRuns;
  while (remaining > 0 && stats.failures.length < MAX_FAILURES_PER_JOB) {
    remaining -= await runFrom(job, seed, remaining, stats);
    // A new seed for the rest of the job: the same one would find the same failure again.
    seed = (seed + 1_000_003) | 0;
  }
  return stats;
}

parentPort?.on('message', async (message: MainMessage) => {
  if (message.type === 'exit') {
    process.exit(0);
  }
  const stats = await runJob(message.job);
  post({ type: 'done', jobId: message.job.id, stats });
});
post({ type: 'ready' });
