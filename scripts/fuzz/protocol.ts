/**
 * What the fuzz script's main thread and its workers tell each other, and the shared buffer through
 * which a worker exposes the case it is running (so that a hang can be reported with its input even
 * though the stuck worker can no longer speak).
 */
import type { Category, FuzzBody } from '../../test/fuzz/generators.ts';

/** A slice of the run: `numRuns` cases of one family from one seed. */
export interface Job {
  readonly id: number;
  readonly category: Category;
  readonly seed: number;
  readonly numRuns: number;
}

/** Outcome counts of one decoder. */
export interface DecoderCounts {
  result: number;
  parseError: number;
  unexpected: number;
  /** Longest time spent on one case, in ms. */
  slowestMs: number;
  totalMs: number;
}

/** A body one decoder accepted and the other rejected, with the rejection message. */
export interface Disagreement {
  readonly accepted: 'decodeMultiStatus' | 'decodeMultiStatusStream';
  readonly message: string;
  readonly input: string;
  readonly size: number;
}

/** A failed case, shrunk to a minimal counterexample by fast-check. */
export interface Failure {
  readonly category: Category;
  readonly problem: string;
  readonly seed: number;
  readonly numRuns: number;
  readonly path: string | undefined;
  readonly shrinks: number;
  readonly input: string;
}

/** Counters of one job (cumulative while it runs). */
export interface JobStats {
  cases: number;
  buffered: DecoderCounts;
  stream: DecoderCounts;
  bothAccepted: number;
  disagreements: number;
  samples: Disagreement[];
  failures: Failure[];
}

/** Worker → main messages. */
export type WorkerMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'beat'; readonly jobId: number; readonly stats: JobStats }
  | { readonly type: 'done'; readonly jobId: number; readonly stats: JobStats };

/** Main → worker messages. */
export type MainMessage = { readonly type: 'job'; readonly job: Job } | { readonly type: 'exit' };

/** Data a worker is started with. */
export interface WorkerData {
  readonly current: SharedArrayBuffer;
  readonly budgetMs: number;
}

/** Bytes kept of the current input (longer inputs are reported truncated). */
const CAPACITY = 1 << 20;
const HEADER = 3; // kind (0 text, 1 bytes), stored length, full length

/** A shared buffer for one worker's current input. */
export function currentInputBuffer(): SharedArrayBuffer {
  return new SharedArrayBuffer(HEADER * 4 + CAPACITY);
}

/** Records the body about to be decoded (text as UTF-16 code units, so lone surrogates survive). */
export function storeCurrent(buffer: SharedArrayBuffer, body: FuzzBody): void {
  const header = new Int32Array(buffer, 0, HEADER);
  const data = new Uint8Array(buffer, HEADER * 4);
  if ('bytes' in body) {
    const length = Math.min(body.bytes.byteLength, CAPACITY);
    data.set(body.bytes.subarray(0, length));
    header.set([1, length, body.bytes.byteLength]);
    return;
  }
  const units = Math.min(body.text.length, CAPACITY / 2);
  const view = new DataView(buffer, HEADER * 4);
  for (let i = 0; i < units; i++) {
    view.setUint16(i * 2, body.text.charCodeAt(i), true);
  }
  header.set([0, units, body.text.length]);
}

/** The body a worker was decoding, and whether only its start could be kept. */
export function loadCurrent(buffer: SharedArrayBuffer): { body: FuzzBody; truncated: boolean } {
  const [kind, length = 0, size = 0] = new Int32Array(buffer, 0, HEADER);
  const truncated = size > length;
  if (kind === 1) {
    return { body: { bytes: new Uint8Array(buffer, HEADER * 4, length).slice() }, truncated };
  }
  const view = new DataView(buffer, HEADER * 4);
  const units = Array.from({ length }, (_, i) => view.getUint16(i * 2, true));
  let text = '';
  for (let i = 0; i < units.length; i += 8192) {
    text += String.fromCharCode(...units.slice(i, i + 8192));
  }
  return { body: { text }, truncated };
}

/** Fresh counters. */
export function emptyStats(): JobStats {
  const decoder = (): DecoderCounts => ({
    result: 0,
    parseError: 0,
    unexpected: 0,
    slowestMs: 0,
    totalMs: 0,
  });
  return {
    cases: 0,
    buffered: decoder(),
    stream: decoder(),
    bothAccepted: 0,
    disagreements: 0,
    samples: [],
    failures: [],
  };
}
