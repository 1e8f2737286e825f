import { checkLockToken, checkPath } from '../checks/arguments.ts';
import { DavUsageError } from '../errors/transport-errors.ts';
import type { StepRef } from '../model/batch.ts';
import { checkBody } from '../operations/body-kind.ts';
import type { RunOptions } from '../operations/call-options.ts';
import type { Operation } from '../operations/operation.ts';
import type { operations } from '../operations/operations.ts';
import type { VerifiableWrite } from '../operations/write-operation.ts';
import { resolveUrl } from '../transport/url.ts';
import { plainCopy } from '../utils/plain-copy.ts';
import type { ExecutableStep } from './execute.ts';
import type { OperationStepOptions, StepOptions } from './options.ts';

/** Where a group of steps is added when its batch runs: `batch.operation()`'s signature. */
export interface StepSink {
  operation(operation: Operation<unknown>, options?: OperationStepOptions): StepRef;
}

type Operations = typeof operations;

/** The verbs a batch step sends through their `operations` builder (writes are logged as `VerifiableWrite`s). */
type CallVerb = 'propfind' | 'proppatch' | 'getText' | 'head' | 'lock' | 'options' | 'report' | 'search';

/** A verb's step as it was called: built into its operation when the batch runs. */
export type LoggedCall = {
  [V in CallVerb]: { readonly verb: V; readonly args: Parameters<Operations[V]> };
}[CallVerb];

/** A step that sends a lock token: a string, or the token the LOCK step `token` produces. */
export type LoggedTokenCall =
  | { readonly verb: 'unlock'; readonly path: string; readonly token: string | StepRef }
  | {
      readonly verb: 'refreshLock';
      readonly path: string;
      /** The resource's URL, for the tagged `If` header. */
      readonly url: string;
      readonly token: string | StepRef;
      readonly options: Parameters<Operations['refreshLock']>[3];
    };

/**
 * A step as it was added to a batch, checked and named but not yet planned: the plan (server paths,
 * implied prerequisites) is made from these when the batch runs, in the same order, so it is the plan
 * adding them one by one would have made.
 */
export type LoggedStep =
  | {
      readonly kind: 'operation';
      readonly operation: Operation<unknown>;
      readonly options: StepOptions & RunOptions & { readonly id: string };
      readonly build?: ExecutableStep['build'];
    }
  | {
      readonly kind: 'call';
      readonly call: LoggedCall;
      readonly options: StepOptions & RunOptions & { readonly id: string };
    }
  | {
      readonly kind: 'write';
      readonly write: VerifiableWrite;
      readonly options: StepOptions & RunOptions & { readonly id: string };
    }
  | {
      readonly kind: 'token';
      readonly call: LoggedTokenCall;
      readonly options: StepOptions & RunOptions & { readonly id: string };
    }
  | {
      /** Steps planned only when the batch runs (an upload's chunks), all named `<id>:…` but the last, `<id>`. */
      readonly kind: 'group';
      readonly id: string;
      readonly plan: (sink: StepSink) => void | Promise<void>;
    };

/** The step that sends `operation`, with `body` (when given) read as the step starts. */
export function operationStep(
  operation: Operation<unknown>,
  options: OperationStepOptions,
): { operation: Operation<unknown>; build?: ExecutableStep['build'] } {
  const { body } = options;
  if (body === undefined) {
    return { operation };
  }
  if (typeof body !== 'function') {
    throw new DavUsageError('body must be a function that returns the request body');
  }
  return {
    operation,
    build: async () => ({ ...operation, spec: { ...operation.spec, body: await body() } }),
  };
}

/**
 * The steps of a batch as they are added, each with a copy of its plain-data arguments (so changing
 * an options object after adding a step changes nothing): what a step is named and waits for checked now (every id
 * given out, `s1`, `s2`… unless named; every `after` known; every path and PUT body), the rest of a
 * verb's arguments when its operation is built, as the batch runs. Light on purpose: the verbs'
 * builders, planning and running load with the batch's first `run()`, so an app that never runs a
 * batch does not carry them.
 *
 * @example
 * ```ts
 * const log = new StepLog(new URL('https://host/dav/'));
 * log.addWrite({ method: 'MKCOL', path: '/a/', options: {} }, {}); // { id: 's1' }
 * log.addCall({ verb: 'head', args: ['/a/'] }, { after: ['s1'] }); // { id: 's2' }
 * ```
 */
export class StepLog {
  readonly #steps: LoggedStep[] = [];
  readonly #ids = new Set<string>();
  readonly #groups: string[] = [];
  readonly #base: URL;
  #numbered = 0;

  constructor(base: URL) {
    this.#base = base;
  }

  /** The steps so far, in the order they were added. */
  get steps(): readonly LoggedStep[] {
    return [...this.#steps];
  }

  /** Adds a step that sends `operation` (or, with `build`, the operation built when the step runs). */
  add(
    operation: Operation<unknown>,
    options: StepOptions & RunOptions,
    build?: ExecutableStep['build'],
  ): StepRef {
    const named = this.#named(options);
    this.#steps.push({
      kind: 'operation',
      operation,
      options: named,
      ...(build === undefined ? {} : { build }),
    });
    return { id: named.id };
  }

  /** Adds a verb's step; its path is checked now, the rest of its arguments when the batch runs. */
  addCall(call: LoggedCall, options: StepOptions & RunOptions): StepRef {
    this.#checkPath(call.args[0]);
    const named = this.#named(plainCopy(options));
    this.#steps.push({ kind: 'call', call: plainCopy(call), options: named });
    return { id: named.id };
  }

  /** Adds a write step (PUT, DELETE, MKCOL, COPY, MOVE), sent as `performWrite` does. */
  addWrite(write: VerifiableWrite, options: StepOptions & RunOptions): StepRef {
    if ('from' in write) {
      this.#checkPath(write.from, `${write.method} source`);
      this.#checkPath(write.to, `${write.method} destination`);
    } else {
      this.#checkPath(write.path);
    }
    if (write.method === 'PUT') {
      checkBody(write.body, 'PUT');
    }
    const named = this.#named(plainCopy(options));
    // The body is kept as it is (bytes, a Blob, a stream: what `put()` would send); the rest as it is now.
    const kept = { ...write, options: plainCopy(write.options) } as VerifiableWrite;
    this.#steps.push({ kind: 'write', write: kept, options: named });
    return { id: named.id };
  }

  /** Adds a step that sends a lock token: a string, or the token the LOCK step `token` produces. */
  addTokenCall(call: LoggedTokenCall, options: StepOptions & RunOptions): StepRef {
    this.#checkPath(call.path);
    const { token } = call;
    if (typeof token === 'string') {
      checkLockToken(token);
    } else {
      if (typeof token !== 'object' || token === null || typeof token.id !== 'string') {
        throw new DavUsageError('the lock token must be a string or the LOCK step that produces it');
      }
      this.known(token);
    }
    const named = this.#named(plainCopy(options));
    this.#steps.push({ kind: 'token', call: plainCopy(call), options: named });
    return { id: named.id };
  }

  /** Adds a group of steps planned when the batch runs; `after` a group means after its last step. */
  addGroup(id: string, plan: (sink: StepSink) => void | Promise<void>): StepRef {
    this.#claim(id);
    this.#groups.push(`${id}:`);
    this.#steps.push({ kind: 'group', id, plan });
    return { id };
  }

  /** The id of a step already added (or of a step inside a group); `DavUsageError` for any other. */
  known(ref: StepRef | string): string {
    const id = typeof ref === 'string' ? ref : ref.id;
    if (!this.#ids.has(id) && !this.#groups.some((prefix) => id.startsWith(prefix))) {
      throw new DavUsageError(`unknown step "${id}": "after" may only name steps already added to the batch`);
    }
    return id;
  }

  #named<T extends StepOptions>(options: T): T & { readonly id: string } {
    for (const ref of options.after ?? []) {
      this.known(ref);
    }
    const id = options.id ?? `s${this.#numbered + 1}`;
    this.#claim(id);
    this.#numbered += 1;
    return { ...options, id };
  }

  /** A path the plan could not resolve is refused now, as the step is added. */
  #checkPath(path: unknown, what = 'path'): void {
    checkPath(path, what);
    resolveUrl(this.#base, path);
  }

  #claim(id: string): void {
    if (this.#ids.has(id)) {
      throw new DavUsageError(`a step with id "${id}" is already in this batch`);
    }
    this.#ids.add(id);
  }
}
