import { DavUsageError } from '../errors/transport-errors.ts';
import type { StepOptions, StepRef, StepResult } from '../model/batch.ts';
import type { ActiveLock } from '../model/multistatus.ts';
import {
  callPart,
  type LockCallOptions,
  type RunOptions,
  splitRefreshArguments,
} from '../operations/call-options.ts';
import type { Depth } from '../operations/common.ts';
import type { CopyOptions, MoveOptions } from '../operations/copy-move.ts';
import type { DeleteOptions } from '../operations/delete.ts';
import type { GetOptions } from '../operations/get.ts';
import type { LockOptions, LockTimeout } from '../operations/lock.ts';
import type { Operation } from '../operations/operation.ts';
import { operations } from '../operations/operations.ts';
import type { PropfindOptions } from '../operations/propfind.ts';
import type { PutOptions } from '../operations/put.ts';
import type { XmlBody } from '../operations/report-search.ts';
import type { RefreshLockOptions } from '../operations/unlock.ts';
import type { Session } from '../session/session.ts';
import { conditionHeaders, mergeHeaders } from '../transport/headers.ts';
import type { CallOptions, RequestBody, RequestSpec } from '../transport/request-spec.ts';
import { resolveUrl } from '../transport/url.ts';
import { urlPath } from '../utils/href.ts';
import type { PropPatch } from '../xml/bodies/propertyupdate.ts';
import type { BasicSearch } from '../xml/bodies/search.ts';
import type { CompensateFunction } from './compensate.ts';
import type { ExecutableStep } from './execute.ts';
import type { BatchHooks } from './hooks.ts';
import { DependencyIndex, type StepPaths } from './implied.ts';
import type { BatchResult } from './result.ts';
import { runBatch } from './run.ts';

/** Options of `client.batch()`. */
export interface BatchOptions {
  /** Requests in flight at once (default 6, a browser's connections per host). */
  readonly concurrency?: number;
  /** Stop starting steps after the first failure (default `false`: independent branches go on). */
  readonly failFast?: boolean;
  readonly hooks?: BatchHooks;
  /** Send `<run id> <step id>` in this header with every request (`true`: `X-Davkit-Run`). Opt-in. */
  readonly correlationHeader?: string | true;
}

/** Options of `batch.run()`. */
export interface RunBatchOptions {
  readonly signal?: AbortSignal;
  readonly failFast?: boolean;
  /** On failure, undo the completed steps in reverse order (see `Compensation`). */
  readonly atomic?: boolean;
  /** Submit held lock tokens on every step, overriding `lockTokens: false` (set by the lock fixer). */
  readonly lockTokens?: true;
}

/** Step options plus an undo of your own for `atomic` runs. */
export interface CompensableStepOptions extends StepOptions {
  readonly compensate?: CompensateFunction;
}

/** What a write step's options accept besides the verb's own. */
export type WriteStep = CallOptions & LockCallOptions & CompensableStepOptions;

/** A lock token, or the LOCK step whose token to use (resolved when the step runs). */
export type TokenSource = string | StepRef;

const DEFAULT_CONCURRENCY = 6;

/**
 * A set of WebDAV operations with dependencies, run concurrently in dependency order. Create it with
 * `client.batch()`; add steps with the same methods and arguments as the client; run it.
 *
 * @example
 * ```ts
 * const batch = dav.batch({ concurrency: 4 });
 * const mk = batch.mkcol('/reports/2026/');
 * const put = batch.put('/reports/2026/q4.csv', csv);            // after mk: implied by the path
 * batch.proppatch('/reports/2026/q4.csv', { set: { '{urn:acme}state': 'final' }, after: [put] });
 * const result = await batch.run();                               // never throws for step failures
 * if (!result.ok) console.log(explain(result));
 * ```
 */
export class Batch {
  readonly #session: Session;
  readonly #options: BatchOptions;
  readonly #steps: ExecutableStep[] = [];
  readonly #dependencies = new DependencyIndex();
  readonly #base: URL;
  readonly #compensations = new Map<string, CompensateFunction>();

  constructor(session: Session, options: BatchOptions = {}) {
    if (
      options.concurrency !== undefined &&
      !(Number.isInteger(options.concurrency) && options.concurrency >= 1)
    ) {
      throw new DavUsageError('concurrency must be a whole number of at least 1');
    }
    this.#session = session;
    this.#options = options;
    this.#base = new URL(session.baseUrl);
  }

  /** PROPFIND step. */
  propfind(path: string, options: PropfindOptions & CallOptions & StepOptions = {}): StepRef {
    return this.#add(operations.propfind(path, options), options);
  }

  /** PROPPATCH step. */
  proppatch(path: string, options: PropPatch & WriteStep): StepRef {
    return this.#add(operations.proppatch(path, options), options);
  }

  /** MKCOL step. */
  mkcol(path: string, options: WriteStep = {}): StepRef {
    return this.#add(operations.mkcol(path), options);
  }

  /** PUT step. Stream bodies cannot be resubmitted by `retryAfterFix()`: use strings, bytes or Blobs. */
  put(path: string, body: RequestBody, options: PutOptions & WriteStep = {}): StepRef {
    return this.#add(operations.put(path, body, options), options);
  }

  /** GET step; its value is the body as text. */
  get(path: string, options: GetOptions & CallOptions & StepOptions = {}): StepRef {
    return this.#add(operations.getText(path, options), options);
  }

  /** HEAD step. */
  head(path: string, options: CallOptions & StepOptions = {}): StepRef {
    return this.#add(operations.head(path), options);
  }

  /** DELETE step. */
  delete(path: string, options: DeleteOptions & WriteStep = {}): StepRef {
    return this.#add(operations.delete(path, options), options);
  }

  /** COPY step. */
  copy(from: string, to: string, options: CopyOptions & WriteStep = {}): StepRef {
    return this.#add(operations.copy(from, to, options), options);
  }

  /** MOVE step. */
  move(from: string, to: string, options: MoveOptions & WriteStep = {}): StepRef {
    return this.#add(operations.move(from, to, options), options);
  }

  /**
   * LOCK step; its token goes into the client's lock store, and later steps submit it. `timeout` is
   * the lock's (seconds), as for `client.lock()`, not the request's.
   */
  lock(
    path: string,
    options: LockOptions & Omit<CallOptions, 'timeout'> & CompensableStepOptions = {},
  ): StepRef {
    const { timeout: _lockTimeout, ...request } = options;
    return this.#add(operations.lock(path, options), request);
  }

  /**
   * LOCK refresh step; `token` may be the LOCK step itself. `timeout` is the lock's (seconds), as for
   * `lock()`. The older `(path, token, timeout, options)` form still works.
   */
  refreshLock(
    path: string,
    token: TokenSource,
    options?: RefreshLockOptions & Omit<CallOptions, 'timeout'> & StepOptions,
  ): StepRef;
  /** @deprecated Pass the timeout as `{ timeout }`, as for `lock()`. */
  refreshLock(
    path: string,
    token: TokenSource,
    timeout?: LockTimeout,
    options?: CallOptions & StepOptions,
  ): StepRef;
  refreshLock(
    path: string,
    token: TokenSource,
    third?: (RefreshLockOptions & Omit<CallOptions, 'timeout'> & StepOptions) | LockTimeout,
    fourth: CallOptions & StepOptions = {},
  ): StepRef {
    const { lock, rest: options } = splitRefreshArguments<Omit<CallOptions, 'timeout'> & StepOptions>(
      third,
      fourth,
    );
    return this.#addWithToken(
      token,
      options,
      (value) => operations.refreshLock(path, this.#session.url(path), value, lock),
      { ...options, lockTokens: false },
    );
  }

  /** UNLOCK step; `token` may be the LOCK step itself. */
  unlock(path: string, token: TokenSource, options: CallOptions & StepOptions = {}): StepRef {
    return this.#addWithToken(token, options, (value) => operations.unlock(path, value), options);
  }

  /** OPTIONS step. */
  options(path = '/', options: CallOptions & StepOptions = {}): StepRef {
    return this.#add(operations.options(path), options);
  }

  /** REPORT step. */
  report(
    path: string,
    body: XmlBody,
    options: { readonly depth?: Depth } & CallOptions & StepOptions = {},
  ): StepRef {
    return this.#add(operations.report(path, body, options), options);
  }

  /** SEARCH step. */
  search(path: string, query: XmlBody | BasicSearch, options: CallOptions & StepOptions = {}): StepRef {
    return this.#add(operations.search(path, query), options);
  }

  /**
   * Runs every step; resolves when all have an outcome. Never throws for step failures: they are in
   * the result, with synthesised 424s for what they blocked.
   *
   * @example
   * ```ts
   * const result = await batch.run({ signal: AbortSignal.timeout(30_000) });
   * ```
   */
  run(options: RunBatchOptions = {}): Promise<BatchResult> {
    return runBatch(
      {
        session: this.#session,
        steps: [...this.#steps],
        compensations: new Map(this.#compensations),
        concurrency: this.#options.concurrency ?? DEFAULT_CONCURRENCY,
        failFast: this.#options.failFast ?? false,
        hooks: this.#options.hooks ?? {},
        correlationHeader:
          this.#options.correlationHeader === true ? 'X-Davkit-Run' : this.#options.correlationHeader,
      },
      1,
      new Map<string, StepResult>(),
      options,
    );
  }

  #addWithToken(
    token: TokenSource,
    options: StepOptions,
    make: (token: string) => Operation<unknown>,
    run: RunOptions,
  ): StepRef {
    if (typeof token === 'string') {
      return this.#add(make(token), options, run);
    }
    if (typeof token !== 'object' || token === null || typeof token.id !== 'string') {
      throw new DavUsageError('the lock token must be a string or the LOCK step that produces it');
    }
    const lockStep = this.#known(token);
    const placeholder = make('pending');
    const after = [...(options.after ?? []), lockStep];
    return this.#add(placeholder, { ...options, after }, run, (resultOf) => {
      const value =
        resultOf(lockStep)?.kind === 'success'
          ? (resultOf(lockStep) as { value?: unknown }).value
          : undefined;
      const resolved = (value as ActiveLock | undefined)?.token;
      if (resolved === undefined) {
        throw new DavUsageError(`step ${lockStep} produced no lock token`);
      }
      return make(resolved);
    });
  }

  #known(ref: StepRef | string): string {
    const id = typeof ref === 'string' ? ref : ref.id;
    if (!this.#steps.some((step) => step.planned.id === id)) {
      throw new DavUsageError(`unknown step "${id}": "after" may only name steps already added to the batch`);
    }
    return id;
  }

  #add(
    operation: Operation<unknown>,
    options: StepOptions & { readonly compensate?: CompensateFunction } & CallOptions & LockCallOptions,
    run: RunOptions = options,
    build?: ExecutableStep['build'],
  ): StepRef {
    const id = options.id ?? `s${this.#steps.length + 1}`;
    if (this.#steps.some((step) => step.planned.id === id)) {
      throw new DavUsageError(`a step with id "${id}" is already in this batch`);
    }
    const after = [...new Set((options.after ?? []).map((ref) => this.#known(ref)))];
    const { spec } = operation;
    const paths = this.#paths(id, spec);
    const { path: serverPath, destination: serverDestination } = paths;
    const implied = this.#dependencies
      .prerequisitesOf(paths)
      .filter((prerequisite) => !after.includes(prerequisite));
    this.#dependencies.add(paths);
    this.#steps.push({
      planned: {
        id,
        method: spec.method,
        path: spec.path,
        ...(spec.destination === undefined ? {} : { destination: spec.destination }),
        serverPath,
        ...(serverDestination === undefined ? {} : { serverDestination }),
        after,
        implied,
        headers: analysisHeaders(spec, options.headers),
      },
      build: build ?? (() => operation),
      options: runOptions(run),
    });
    if (options.compensate !== undefined) {
      this.#compensations.set(id, options.compensate);
    }
    return { id };
  }

  #paths(
    id: string,
    step: { readonly method: string; readonly path: string; readonly destination?: string },
  ): StepPaths {
    const base = this.#base;
    return {
      id,
      method: step.method,
      path: urlPath(resolveUrl(base, step.path)),
      ...(step.destination === undefined ? {} : { destination: urlPath(resolveUrl(base, step.destination)) }),
    };
  }
}

/** The request headers kept in the plan for the analysis: the builder's and the caller's conditions. */
function analysisHeaders(
  spec: RequestSpec,
  extra: Readonly<Record<string, string>> | undefined,
): Record<string, string> {
  return conditionHeaders(mergeHeaders(spec.headers, extra)) ?? {};
}

/** The per-request options a step keeps: the call's own (not its id, dependencies, undo or signal). */
function runOptions(options: RunOptions & StepOptions & { readonly compensate?: unknown }): RunOptions {
  // The batch's signal governs every step, so a step keeps none of its own.
  const { signal: _signal, ...call } = callPart(options);
  const { lockToken, lockTokens } = options;
  return {
    ...call,
    ...(lockToken === undefined ? {} : { lockToken }),
    ...(lockTokens === undefined ? {} : { lockTokens }),
  };
}
