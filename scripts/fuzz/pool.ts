/**
 * Runs fuzz jobs on worker threads, one job per worker at a time, and watches them: a worker that
 * sends no heartbeat for `hangMs` is stuck in a decoder (a synchronous loop, or a promise that never
 * settles). It is terminated, the case it was decoding (from its shared buffer) is recorded as a hang,
 * and a fresh worker takes the next job.
 */
import { Worker } from 'node:worker_threads';
import { describeBody } from '../../test/fuzz/generators.ts';
import {
  currentInputBuffer,
  emptyStats,
  type Job,
  type JobStats,
  loadCurrent,
  type MainMessage,
  type WorkerData,
  type WorkerMessage,
} from './protocol.ts';

/** How the pool runs. */
export interface PoolOptions {
  readonly workers: number;
  readonly budgetMs: number;
  /** Silence after which a worker counts as hung. */
  readonly hangMs: number;
  /** Called every few seconds with the cases run so far and the failures found. */
  readonly onProgress?: (cases: number, failures: number) => void;
}

const PROGRESS_MS = 15_000;

interface Slot {
  worker: Worker;
  current: SharedArrayBuffer;
  job: Job | undefined;
  lastBeat: number;
}

const WORKER = new URL('./worker.ts', import.meta.url);

function send(worker: Worker, message: MainMessage): void {
  worker.postMessage(message);
}

/** Runs every job; resolves with each job's counts (a hung job's counts up to its last heartbeat). */
export function runPool(jobs: readonly Job[], options: PoolOptions): Promise<Map<number, JobStats>> {
  const results = new Map<number, JobStats>();
  const queue = [...jobs];
  const slots = new Set<Slot>();
  return new Promise((resolve, reject) => {
    const finishIfDone = () => {
      if (results.size === jobs.length) {
        clearInterval(watchdog);
        for (const slot of slots) {
          send(slot.worker, { type: 'exit' });
        }
        resolve(results);
      }
    };
    const next = (slot: Slot) => {
      const job = queue.shift();
      slot.job = job;
      slot.lastBeat = performance.now();
      if (job === undefined) {
        finishIfDone();
      } else {
        send(slot.worker, { type: 'job', job });
      }
    };
    const start = () => {
      const current = currentInputBuffer();
      const data: WorkerData = { current, budgetMs: options.budgetMs };
      const slot: Slot = {
        worker: new Worker(WORKER, { workerData: data }),
        current,
        job: undefined,
        lastBeat: 0,
      };
      slots.add(slot);
      slot.worker.on('message', (message: WorkerMessage) => {
        slot.lastBeat = performance.now();
        if (message.type === 'ready') {
          next(slot);
        } else if (message.type === 'beat') {
          // Progress of an unfinished job, kept in case the worker hangs later in it.
          pending.set(message.jobId, message.stats);
        } else {
          pending.delete(message.jobId);
          results.set(message.jobId, message.stats);
          next(slot);
        }
      });
      slot.worker.on('error', reject);
    };
    const pending = new Map<number, JobStats>();
    const hung = (slot: Slot) => {
      const job = slot.job as Job;
      const { body, truncated } = loadCurrent(slot.current);
      const stats = pending.get(job.id) ?? emptyStats();
      stats.failures.push({
        category: job.category,
        problem: `hang: no progress for ${(options.hangMs / 1000).toFixed(0)} s (the worker was terminated)`,
        seed: job.seed,
        numRuns: job.numRuns,
        path: undefined,
        shrinks: 0,
        input: `${describeBody(body)}${truncated ? ' … (only the first MiB was kept)' : ''}`,
      });
      results.set(job.id, stats);
      pending.delete(job.id);
      slots.delete(slot);
      void slot.worker.terminate();
      start();
    };
    let lastProgress = performance.now();
    const progress = () => {
      const all = [...results.values(), ...pending.values()];
      const cases = all.reduce((sum, stats) => sum + stats.cases, 0);
      options.onProgress?.(
        cases,
        all.reduce((sum, stats) => sum + stats.failures.length, 0),
      );
    };
    const watchdog = setInterval(() => {
      if (performance.now() - lastProgress > PROGRESS_MS) {
        lastProgress = performance.now();
        progress();
      }
      for (const slot of slots) {
        if (slot.job !== undefined && performance.now() - slot.lastBeat > options.hangMs) {
          hung(slot);
        }
      }
    }, 500);
    for (let i = 0; i < Math.min(options.workers, jobs.length); i++) {
      start();
    }
    if (jobs.length === 0) {
      finishIfDone();
    }
  });
}
