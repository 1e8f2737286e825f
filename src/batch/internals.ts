import type { DavClient } from '../client/client.ts';
import type { StepResult } from '../model/batch.ts';
import type { ExecutableStep } from './execute.ts';

/** Options of one (re)submission of a batch. */
export interface SubmitOptions {
  readonly signal?: AbortSignal | undefined;
  readonly failFast?: boolean | undefined;
  readonly atomic?: boolean | undefined;
  /** Submit held lock tokens on every step, even those added with `lockTokens: false` (a fix asked for it). */
  readonly lockTokens?: true | undefined;
}

/**
 * What a batch result needs to resubmit itself, kept beside it (not inside it, so the result stays
 * plain data that survives structuredClone and JSON).
 */
export interface BatchInternals {
  readonly client: DavClient;
  readonly steps: readonly ExecutableStep[];
  /** Runs the whole plan again as attempt `attempt`, keeping the given outcomes. */
  readonly resubmit: (
    attempt: number,
    kept: ReadonlyMap<string, StepResult>,
    options: SubmitOptions,
  ) => Promise<import('./result.ts').BatchResult>;
}

const internals = new WeakMap<object, BatchInternals>();

/** Links a result to what can resubmit it. */
export function attachInternals(result: object, value: BatchInternals): void {
  internals.set(result, value);
}

/** What can resubmit a result, if it is an original (a structuredClone'd copy has lost it). */
export function internalsOf(result: object): BatchInternals | undefined {
  return internals.get(result);
}
