import { checkOptionsObject, checkPath } from '../checks/arguments.ts';
import { DavUsageError } from '../errors/transport-errors.ts';
import type { StepRef, StepResult } from '../model/batch.ts';
import type { XmlElement } from '../model/xml-element.ts';
import type { UploadBody } from '../operations/body.ts';
import type { WriteOptions } from '../operations/call-options.ts';
import type { Depth } from '../operations/common.ts';
import type { CopyOptions, MoveOptions } from '../operations/copy-move.ts';
import type { DeleteOptions } from '../operations/delete.ts';
import type { GetOptions } from '../operations/get.ts';
import type { LockOptions } from '../operations/lock.ts';
import type { MkcolOptions } from '../operations/mkcol.ts';
import type { Operation } from '../operations/operation.ts';
import type { PropfindOptions } from '../operations/propfind.ts';
import type { PutOptions } from '../operations/put.ts';
import type { RefreshLockOptions } from '../operations/unlock.ts';
import type { Session } from '../session/session.ts';
import type { CallOptions } from '../transport/request-spec.ts';
import type { PropPatch } from '../xml/bodies/propertyupdate.ts';
import type { BasicSearch } from '../xml/bodies/search.ts';
import type { BatchOptions, OperationStepOptions, RunBatchOptions, StepOptions } from './options.ts';
import type { BatchResult } from './result.ts';
import { operationStep, StepLog, type StepSink } from './step-log.ts';
import { checkStepCall } from './step-options.ts';

const DEFAULT_CONCURRENCY = 6;

// Every verb counts the arguments it was given (`arguments.length`, allowed for this file in
// biome.json): an argument too many (`batch.proppatch(path, patch, { id })`) is refused, not dropped.

/**
 * A set of WebDAV operations with dependencies, run concurrently in dependency order. Create it with
 * `client.batch()`; add steps with the same methods and arguments as the client (each also takes
 * `id`, `after` and `compensate`: {@link StepOptions}, in the verb's last options object, where
 * `verify` also goes); run it. An option a verb does not know, or an argument too many, is a
 * `DavUsageError`.
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
 *
 * @group Batches and root causes
 */
export class Batch {
  readonly #session: Session;
  readonly #options: BatchOptions;
  readonly #log: StepLog;

  constructor(session: Session, options: BatchOptions = {}) {
    if (
      options.concurrency !== undefined &&
      !(Number.isInteger(options.concurrency) && options.concurrency >= 1)
    ) {
      throw new DavUsageError('concurrency must be a whole number of at least 1');
    }
    this.#session = session;
    this.#options = options;
    this.#log = new StepLog(new URL(session.baseUrl));
  }

  /** PROPFIND step. */
  propfind(path: string, options: PropfindOptions & CallOptions & StepOptions = {}): StepRef {
    checkStepCall('propfind', arguments.length, 2, options);
    return this.#log.addCall({ verb: 'propfind', args: [path, options] }, options);
  }

  /** PROPPATCH step. */
  proppatch(path: string, options: PropPatch & WriteOptions & StepOptions): StepRef {
    checkStepCall('proppatch', arguments.length, 2, options);
    return this.#log.addCall({ verb: 'proppatch', args: [path, options] }, options);
  }

  /** MKCOL step; with `existOk`, a collection already there is success. */
  mkcol(path: string, options: MkcolOptions & WriteOptions & StepOptions = {}): StepRef {
    checkStepCall('mkcol', arguments.length, 2, options);
    return this.#log.addWrite({ method: 'MKCOL', path, options }, options);
  }

  /**
   * Steps that create a collection and its missing ancestors below the base URL (MKCOL with
   * `existOk` each, in order), so re-running a sync does not block its dependents. `id` names the
   * last one, which is returned; later steps below the path depend on it by their paths.
   */
  mkdirp(path: string, options: WriteOptions & { readonly verify?: boolean } & StepOptions = {}): StepRef {
    checkStepCall('mkdirp', arguments.length, 2, options);
    checkPath(path);
    const { id, after, compensate, ...write } = options;
    const parts = path.split('/').filter((part) => part !== '');
    if (parts.length === 0) {
      throw new DavUsageError('batch.mkdirp() needs a collection below the base URL, not the base itself');
    }
    let last: StepRef | undefined;
    parts.forEach((_, index) => {
      const at = `/${parts.slice(0, index + 1).join('/')}/`;
      const final = index === parts.length - 1;
      const step = { ...write, existOk: true, ...(index === 0 && after !== undefined ? { after } : {}) };
      last = this.#log.addWrite(
        { method: 'MKCOL', path: at, options: step },
        final
          ? {
              ...step,
              ...(id === undefined ? {} : { id }),
              ...(compensate === undefined ? {} : { compensate }),
            }
          : step,
      );
    });
    return last as StepRef;
  }

  /** PUT step. Stream bodies cannot be resubmitted by `retryAfterFix()`: use strings, bytes or Blobs. */
  put(path: string, body: UploadBody, options: PutOptions & WriteOptions & StepOptions = {}): StepRef {
    checkStepCall('put', arguments.length, 3, options);
    return this.#log.addWrite({ method: 'PUT', path, body, options }, options);
  }

  /** GET step; its value is the body as text (a step's outcome is plain data). */
  getText(path: string, options: GetOptions & CallOptions & StepOptions = {}): StepRef {
    checkStepCall('getText', arguments.length, 2, options);
    return this.#log.addCall({ verb: 'getText', args: [path, options] }, options);
  }

  /** HEAD step. */
  head(path: string, options: CallOptions & StepOptions = {}): StepRef {
    checkStepCall('head', arguments.length, 2, options);
    return this.#log.addCall({ verb: 'head', args: [path] }, options);
  }

  /** DELETE step. */
  delete(path: string, options: DeleteOptions & WriteOptions & StepOptions = {}): StepRef {
    checkStepCall('delete', arguments.length, 2, options);
    return this.#log.addWrite({ method: 'DELETE', path, options }, options);
  }

  /** COPY step. */
  copy(from: string, to: string, options: CopyOptions & WriteOptions & StepOptions = {}): StepRef {
    checkStepCall('copy', arguments.length, 3, options);
    return this.#log.addWrite({ method: 'COPY', from, to, options }, options);
  }

  /** MOVE step. */
  move(from: string, to: string, options: MoveOptions & WriteOptions & StepOptions = {}): StepRef {
    checkStepCall('move', arguments.length, 3, options);
    return this.#log.addWrite({ method: 'MOVE', from, to, options }, options);
  }

  /** LOCK step; its token goes into the client's lock store, and later steps submit it. */
  lock(path: string, options: LockOptions & CallOptions & StepOptions = {}): StepRef {
    checkStepCall('lock', arguments.length, 2, options);
    return this.#log.addCall({ verb: 'lock', args: [path, options] }, options);
  }

  /** LOCK refresh step; `token` may be the LOCK step itself. */
  refreshLock(
    path: string,
    token: string | StepRef,
    options: RefreshLockOptions & CallOptions & StepOptions = {},
  ): StepRef {
    checkOptionsObject(options, 'refreshLock');
    checkStepCall('refreshLock', arguments.length, 3, options);
    const call = { verb: 'refreshLock', path, url: this.#session.url(path), token, options } as const;
    return this.#log.addTokenCall(call, { ...options, lockTokens: false });
  }

  /** UNLOCK step; `token` may be the LOCK step itself. */
  unlock(path: string, token: string | StepRef, options: CallOptions & StepOptions = {}): StepRef {
    checkStepCall('unlock', arguments.length, 3, options);
    return this.#log.addTokenCall({ verb: 'unlock', path, token }, options);
  }

  /**
   * A step for any operation (see `operations`, and `client.run()` for a direct call): a request no
   * verb method covers, or one whose body is read only when the step starts (`body`), so that a large
   * upload is never held in memory. `body` is called again for each (re)submission.
   *
   * @example
   * ```ts
   * batch.operation(operations.put('/big.iso', new Uint8Array(0)), {
   *   body: () => file.slice(0, 8_388_608),
   *   headers: { 'content-range': `bytes 0-8388607/${file.size}` },
   * });
   * ```
   */
  operation(operation: Operation<unknown>, options: OperationStepOptions = {}): StepRef {
    checkOptionsObject(options, 'operation');
    const step = operationStep(operation, options);
    return this.#log.add(step.operation, options, step.build);
  }

  /** OPTIONS step. */
  options(path = '/', options: CallOptions & StepOptions = {}): StepRef {
    checkStepCall('options', arguments.length, 2, options);
    return this.#log.addCall({ verb: 'options', args: [path] }, options);
  }

  /** REPORT step. */
  report(
    path: string,
    body: string | XmlElement,
    options: { readonly depth?: Depth } & CallOptions & StepOptions = {},
  ): StepRef {
    checkStepCall('report', arguments.length, 3, options);
    return this.#log.addCall({ verb: 'report', args: [path, body, options] }, options);
  }

  /** SEARCH step. */
  search(
    path: string,
    query: string | XmlElement | BasicSearch,
    options: CallOptions & StepOptions = {},
  ): StepRef {
    checkStepCall('search', arguments.length, 3, options);
    return this.#log.addCall({ verb: 'search', args: [path, query] }, options);
  }

  /**
   * @internal Adds a group of steps planned only when the batch runs (an upload's chunks): named
   * `<id>:…`, the last one `<id>`. Checked as any step: `id` must be new.
   */
  protected addGroup(id: string, plan: (sink: StepSink) => void | Promise<void>): StepRef {
    return this.#log.addGroup(id, plan);
  }

  /** @internal The id of a step already added; `DavUsageError` for any other. */
  protected knownStep(ref: StepRef | string): string {
    return this.#log.known(ref);
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
  async run(options: RunBatchOptions = {}): Promise<BatchResult> {
    const { concurrency, failFast, hooks, correlationHeader } = this.#options;
    // The steps are taken now, as the call is made; they are planned, and the engine loads, on the
    // first run (a code-splitting bundler leaves both out of an app's main chunk).
    const steps = this.#log.steps;
    const { planOfLog } = await import('./plan-log.ts');
    const built = await planOfLog(new URL(this.#session.baseUrl), steps);
    const plan = {
      session: this.#session,
      steps: built.steps,
      compensations: built.compensations,
      concurrency: concurrency ?? DEFAULT_CONCURRENCY,
      failFast: failFast ?? false,
      hooks: hooks ?? {},
      correlationHeader: correlationHeader === true ? 'X-Davkit-Run' : correlationHeader,
    };
    const { runBatch } = await import('./run.ts');
    return runBatch(plan, 1, new Map<string, StepResult>(), options);
  }
}
