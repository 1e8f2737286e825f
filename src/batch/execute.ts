import type { PlannedStep, StepResult } from '../model/batch.ts';
import type { RunOptions } from '../operations/call-options.ts';
import type { Operation } from '../operations/operation.ts';
import { performWrite, type VerifiableWrite } from '../recovery/verify.ts';
import type { Session } from '../session/session.ts';
import type { BatchHooks, RunState } from './hooks.ts';
import { failureOf, identity, successOf } from './outcome.ts';

/** A step as the executor sees it: its plan entry and how to build its operation at run time. */
export interface ExecutableStep {
  readonly planned: PlannedStep;
  /**
   * Builds the operation when the step starts; `resultOf` gives earlier outcomes (a LOCK step's token
   * for an UNLOCK). It may be async: a body read only then (a chunk of a large upload).
   */
  readonly build: (
    resultOf: (id: string) => StepResult | undefined,
  ) => Operation<unknown> | Promise<Operation<unknown>>;
  readonly options: RunOptions;
  /** For a write step: the verb and its arguments, so that `verify` can check and repeat it. */
  readonly write?: VerifiableWrite;
}

/** How to execute one run. */
export interface ExecuteOptions {
  readonly session: Session;
  readonly concurrency: number;
  readonly failFast: boolean;
  readonly signal?: AbortSignal | undefined;
  readonly hooks: BatchHooks;
  readonly state: RunState;
  /** Outcomes kept from an earlier attempt: these steps are not sent again. */
  readonly kept: ReadonlyMap<string, StepResult>;
  /** Header that carries `<run id> <step id>` on every request, when set. */
  readonly correlationHeader?: string | undefined;
  /** Submit held lock tokens on every step (a lock fix asked for it). */
  readonly forceLockTokens?: boolean;
}

/**
 * Runs steps concurrently in dependency order: a step starts once every prerequisite has settled and
 * at most `concurrency` requests are in flight. A step whose prerequisite did not succeed is not
 * sent: it gets a synthesised 424 naming the failed step at the root of the chain. Independent
 * branches keep running after a failure unless `failFast`.
 */
export function executeSteps(
  steps: readonly ExecutableStep[],
  options: ExecuteOptions,
): Promise<StepResult[]> {
  return new Scheduler(steps, options).run();
}

class Scheduler {
  private readonly steps: ReadonlyMap<string, ExecutableStep>;
  private readonly order: readonly ExecutableStep[];
  private readonly options: ExecuteOptions;
  private readonly results = new Map<string, StepResult>();
  private readonly waiting = new Map<string, Set<string>>();
  private readonly dependents = new Map<string, string[]>();
  // A queue with a moving head: taking the next ready step is O(1), whatever the batch's size.
  private ready: string[] = [];
  private head = 0;
  private readonly queued = new Set<string>();
  private running = 0;
  private stopped: 'fail-fast' | 'aborted' | undefined;
  private finish: (results: StepResult[]) => void = () => undefined;

  constructor(steps: readonly ExecutableStep[], options: ExecuteOptions) {
    this.order = steps;
    this.steps = new Map(steps.map((step) => [step.planned.id, step]));
    this.options = options;
    for (const step of steps) {
      const prerequisites = new Set([...step.planned.after, ...step.planned.implied]);
      this.waiting.set(step.planned.id, prerequisites);
      for (const prerequisite of prerequisites) {
        const list = this.dependents.get(prerequisite);
        if (list === undefined) {
          this.dependents.set(prerequisite, [step.planned.id]);
        } else {
          list.push(step.planned.id);
        }
      }
    }
  }

  run(): Promise<StepResult[]> {
    return new Promise((resolve) => {
      this.finish = resolve;
      this.options.signal?.addEventListener('abort', () => this.stop('aborted'), { once: true });
      if (this.options.signal?.aborted) {
        this.stopped = 'aborted';
      }
      for (const step of this.order) {
        const kept = this.options.kept.get(step.planned.id);
        if (kept !== undefined) {
          this.settle(step.planned.id, kept);
        } else if (this.waiting.get(step.planned.id)?.size === 0) {
          this.enqueue(step.planned.id);
        }
      }
      this.pump();
    });
  }

  private stop(reason: 'fail-fast' | 'aborted'): void {
    this.stopped ??= reason;
    this.pump();
  }

  /** Starts or settles every ready step it can; never recursive, so long 424 chains are cheap. */
  private pump(): void {
    while (this.head < this.ready.length) {
      const id = this.ready[this.head] as string;
      if (this.results.has(id)) {
        this.head++;
        continue;
      }
      const step = this.steps.get(id) as ExecutableStep;
      const blocked = this.blockedResult(step);
      if (blocked !== undefined) {
        this.head++;
        this.settle(id, blocked);
        continue;
      }
      if (this.running >= this.options.concurrency) {
        break;
      }
      this.head++;
      this.start(step);
    }
    if (this.head > 1024 && this.head * 2 > this.ready.length) {
      this.ready = this.ready.slice(this.head);
      this.head = 0;
    }
    if (this.results.size === this.order.length && this.running === 0) {
      this.finish(this.order.map((step) => this.results.get(step.planned.id) as StepResult));
    }
  }

  /** The outcome of a step that will not be sent, if it will not. */
  private blockedResult(step: ExecutableStep): StepResult | undefined {
    const { planned } = step;
    const base = identity(planned, this.options.state.attempt);
    const prerequisites = [...planned.after, ...planned.implied];
    const unsuccessful = prerequisites.filter((id) => this.results.get(id)?.kind !== 'success');
    if (unsuccessful.length > 0) {
      const results = unsuccessful.map((id) => this.results.get(id) as StepResult);
      const cancelled = results.find((result) => result.kind === 'cancelled');
      if (cancelled !== undefined && results.every((result) => result.kind === 'cancelled')) {
        return {
          kind: 'cancelled',
          ...base,
          reason: cancelled.kind === 'cancelled' ? cancelled.reason : 'fail-fast',
        };
      }
      return {
        kind: 'failed-dependency',
        ...base,
        status: 424,
        failedPrerequisite: this.rootOf(results),
        waitedOn: unsuccessful,
      };
    }
    if (this.stopped !== undefined) {
      return { kind: 'cancelled', ...base, reason: this.stopped };
    }
    return undefined;
  }

  /** The step at the root of a chain of 424s: the first prerequisite that failed on its own. */
  private rootOf(results: readonly StepResult[]) {
    for (const result of results) {
      if (result.kind === 'failed-dependency') {
        return result.failedPrerequisite;
      }
      if (result.kind === 'failure') {
        return {
          step: result.id,
          method: result.method,
          path: result.path,
          ...(result.status === undefined ? {} : { status: result.status }),
        };
      }
    }
    const first = results[0] as StepResult;
    return { step: first.id, method: first.method, path: first.path };
  }

  private start(step: ExecutableStep): void {
    const { planned } = step;
    const state = this.options.state;
    let vetoed: boolean;
    try {
      vetoed = (this.options.hooks.onStepStart ?? []).some(
        (hook) => hook({ ...state, step: planned }) === false,
      );
    } catch (error) {
      this.settle(planned.id, failureOf(planned, state.attempt, error));
      return;
    }
    if (vetoed) {
      this.settle(planned.id, { kind: 'cancelled', ...identity(planned, state.attempt), reason: 'hook' });
      return;
    }
    this.running++;
    this.send(step).then((result) => {
      this.running--;
      if (result.kind === 'failure' && this.options.failFast) {
        this.stopped ??= 'fail-fast';
      }
      this.settle(planned.id, result);
      this.pump();
    });
  }

  private async send(step: ExecutableStep): Promise<StepResult> {
    const { planned } = step;
    const attempt = this.options.state.attempt;
    const header = this.options.correlationHeader;
    const headers =
      header === undefined
        ? step.options.headers
        : { ...step.options.headers, [header]: `${this.options.state.runId} ${planned.id}` };
    try {
      const call = {
        ...step.options,
        ...(headers === undefined ? {} : { headers }),
        ...(this.options.signal === undefined ? {} : { signal: this.options.signal }),
        ...(this.options.forceLockTokens ? { lockTokens: true } : {}),
      };
      const { session } = this.options;
      if (step.write !== undefined) {
        const verify = step.write.options.verify ?? session.verifyWrites;
        const write = { ...step.write, options: { ...step.write.options, ...call } } as VerifiableWrite;
        const performed = await performWrite(session, write, { verify, ifMatchHonoured: undefined });
        return successOf(planned, attempt, performed.status, performed.value, performed.verification);
      }
      const operation = await step.build((id) => this.results.get(id));
      const performed = await session.perform(operation, call);
      return successOf(planned, attempt, performed.status, performed.value);
    } catch (error) {
      return failureOf(planned, attempt, error);
    }
  }

  private enqueue(id: string): void {
    if (!this.queued.has(id) && !this.results.has(id)) {
      this.queued.add(id);
      this.ready.push(id);
    }
  }

  private settle(id: string, result: StepResult): void {
    this.results.set(id, result);
    for (const hook of this.options.hooks.onStepSettled ?? []) {
      try {
        hook({ ...this.options.state, step: (this.steps.get(id) as ExecutableStep).planned, result });
      } catch {
        // An observer's failure must not lose outcomes or stall the run; the outcome stands.
      }
    }
    for (const dependent of this.dependents.get(id) ?? []) {
      const waiting = this.waiting.get(dependent) as Set<string>;
      waiting.delete(id);
      if (waiting.size === 0) {
        this.enqueue(dependent);
      }
    }
  }
}
