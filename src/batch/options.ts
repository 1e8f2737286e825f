import type { StepRef, StepSuccess } from '../model/batch.ts';
import type { WriteOptions } from '../operations/call-options.ts';
import type { Session } from '../session/session.ts';
import type { RequestBody } from '../transport/request-spec.ts';
import type { BatchHooks } from './hooks.ts';

/**
 * Options of `client.batch()`.
 *
 * @group Batches and root causes
 */
export interface BatchOptions {
  /** Requests in flight at once (default 6, a browser's connections per host). */
  readonly concurrency?: number;
  /** Stop starting steps after the first failure (default `false`: independent branches go on). */
  readonly failFast?: boolean;
  readonly hooks?: BatchHooks;
  /** Send `<run id> <step id>` in this header with every request (`true`: `X-Davkit-Run`). Opt-in. */
  readonly correlationHeader?: string | true;
}

/**
 * Options of `batch.run()`.
 *
 * @group Batches and root causes
 */
export interface RunBatchOptions {
  readonly signal?: AbortSignal;
  readonly failFast?: boolean;
  /** On failure, undo the completed steps in reverse order (see `Compensation`). */
  readonly atomic?: boolean;
  /** Submit held lock tokens on every step, overriding `lockTokens: false` (set by the lock fixer). */
  readonly lockTokens?: true;
}

/**
 * A step's own undo, for what davkit cannot undo by itself (a PROPPATCH, a replaced file…). It gets
 * the client that ran the batch (as a `Session`: send with `client.run(operations.…)`, or use your
 * own client) and the step's outcome.
 *
 * @group Batches and root causes
 */
export type CompensateFunction = (client: Session, result: StepSuccess) => unknown;

/**
 * What every step's last options object also accepts, besides the verb's own and the call's.
 *
 * @group Batches and root causes
 */
export interface StepOptions {
  /** Your id for the step (default: generated, e.g. `'s3'`). Ids are unique within a batch. */
  readonly id?: string;
  /** Steps that must succeed first: references or ids of steps already added. */
  readonly after?: readonly (StepRef | string)[];
  /** Your undo of this step for `atomic` runs, when davkit has none (see `CompensateFunction`). */
  readonly compensate?: CompensateFunction;
  /**
   * `true`: this write runs alongside earlier writes to the same resource instead of after them
   * (ranged writes to disjoint bytes of one file). It still waits for the steps that create its
   * ancestors, and for `after`.
   */
  readonly parallel?: boolean;
}

/**
 * Options of `batch.operation()`: a write step's, and a body read when the step starts.
 *
 * @group Batches and root causes
 */
export interface OperationStepOptions extends WriteOptions, StepOptions {
  /** The request body, made when the step starts (and again for each resubmission). */
  readonly body?: () => RequestBody | Promise<RequestBody>;
}
