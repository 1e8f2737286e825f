import { DavUsageError } from '../errors/transport-errors.ts';
import type { StepRef, StepResult } from '../model/batch.ts';
import { callPart, type RunOptions } from '../operations/call-options.ts';
import type { Operation } from '../operations/operation.ts';
import { type VerifiableWrite, writeOperation } from '../operations/write-operation.ts';
import { conditionHeaders, mergeHeaders } from '../transport/headers.ts';
import type { RequestSpec } from '../transport/request-spec.ts';
import { resolveUrl } from '../transport/url.ts';
import { urlPath } from '../utils/href.ts';
import type { ExecutableStep } from './execute.ts';
import { DependencyIndex, type StepPaths } from './implied.ts';
import type { CompensateFunction, StepOptions } from './options.ts';

/**
 * The steps of a batch as they are added: each gets its id, its server paths, its explicit and
 * implied prerequisites (an O(depth) index) and the call options it keeps. `after` may only name
 * steps already added, so a batch is acyclic by construction.
 *
 * @example
 * ```ts
 * const plan = new PlanBuilder(new URL(session.baseUrl));
 * plan.add(operations.mkcol('/a/'), { id: 'mk' });
 * ```
 */
export class PlanBuilder {
  readonly #base: URL;
  readonly #steps: ExecutableStep[] = [];
  readonly #ids = new Set<string>();
  readonly #dependencies = new DependencyIndex();
  readonly #compensations = new Map<string, CompensateFunction>();

  constructor(base: URL) {
    this.#base = base;
  }

  /** The steps so far, in the order they were added. */
  get steps(): readonly ExecutableStep[] {
    return [...this.#steps];
  }

  /** The undo functions given with steps, by step id. */
  get compensations(): ReadonlyMap<string, CompensateFunction> {
    return new Map(this.#compensations);
  }

  /** Adds a step that sends `operation` (or, with `build`, the operation built when the step runs). */
  add(
    operation: Operation<unknown>,
    options: StepOptions & RunOptions,
    build?: ExecutableStep['build'],
    write?: VerifiableWrite,
  ): StepRef {
    const id = options.id ?? `s${this.#steps.length + 1}`;
    if (this.#ids.has(id)) {
      throw new DavUsageError(`a step with id "${id}" is already in this batch`);
    }
    const after = [...new Set((options.after ?? []).map((ref) => this.known(ref)))];
    const { spec } = operation;
    const paths = this.#paths(id, spec);
    const implied = this.#dependencies
      .prerequisitesOf(paths, options.parallel === true)
      .filter((prerequisite) => !after.includes(prerequisite));
    this.#dependencies.add(paths);
    this.#steps.push({
      planned: {
        id,
        method: spec.method,
        path: spec.path,
        ...(spec.destination === undefined ? {} : { destination: spec.destination }),
        serverPath: paths.path,
        ...(paths.destination === undefined ? {} : { serverDestination: paths.destination }),
        after,
        implied,
        headers: analysisHeaders(spec, options.headers),
      },
      build: build ?? (() => operation),
      options: stepCallOptions(options),
      ...(write === undefined ? {} : { write }),
    });
    this.#ids.add(id);
    if (options.compensate !== undefined) {
      this.#compensations.set(id, options.compensate);
    }
    return { id };
  }

  /** Adds a write step (PUT, DELETE, MKCOL, COPY, MOVE): sent as `performWrite` does, `verify` included. */
  addWrite(write: VerifiableWrite, options: StepOptions & RunOptions): StepRef {
    return this.add(writeOperation(write), options, undefined, write);
  }

  /**
   * Adds a step whose lock token is a string, or the token the LOCK step `token` produces: the step
   * then runs after it and is built with its token.
   */
  addWithToken(
    token: string | StepRef,
    options: StepOptions & RunOptions,
    make: (token: string) => Operation<unknown>,
  ): StepRef {
    if (typeof token === 'string') {
      return this.add(make(token), options);
    }
    if (typeof token !== 'object' || token === null || typeof token.id !== 'string') {
      throw new DavUsageError('the lock token must be a string or the LOCK step that produces it');
    }
    const lockStep = this.known(token);
    const after = [...(options.after ?? []), lockStep];
    return this.add(make('pending'), { ...options, after }, (resultOf) =>
      make(tokenOf(resultOf(lockStep), lockStep)),
    );
  }

  /** The id of a step already added; `DavUsageError` for any other. */
  known(ref: StepRef | string): string {
    const id = typeof ref === 'string' ? ref : ref.id;
    if (!this.#ids.has(id)) {
      throw new DavUsageError(`unknown step "${id}": "after" may only name steps already added to the batch`);
    }
    return id;
  }

  #paths(id: string, spec: RequestSpec): StepPaths {
    const server = (path: string) => urlPath(resolveUrl(this.#base, path));
    return {
      id,
      method: spec.method,
      path: server(spec.path),
      ...(spec.destination === undefined ? {} : { destination: server(spec.destination) }),
    };
  }
}

/** The token a LOCK step produced. */
function tokenOf(result: StepResult | undefined, lockStep: string): string {
  const token =
    result?.kind === 'success' ? (result.value as { token?: string } | undefined)?.token : undefined;
  if (token === undefined) {
    throw new DavUsageError(`step ${lockStep} produced no lock token`);
  }
  return token;
}

/** The request headers kept in the plan for the analysis: the builder's and the caller's conditions. */
function analysisHeaders(
  spec: RequestSpec,
  extra: Readonly<Record<string, string>> | undefined,
): Record<string, string> {
  return conditionHeaders(mergeHeaders(spec.headers, extra)) ?? {};
}

/** The per-request options a step keeps: the call's own (not its id, dependencies, undo or signal). */
function stepCallOptions(options: StepOptions & RunOptions): RunOptions {
  // The batch's signal governs every step, so a step keeps none of its own.
  const { signal: _signal, ...call } = callPart(options);
  const { lockToken, lockTokens } = options;
  return {
    ...call,
    ...(lockToken === undefined ? {} : { lockToken }),
    ...(lockTokens === undefined ? {} : { lockTokens }),
  };
}
