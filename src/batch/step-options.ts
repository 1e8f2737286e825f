import { DavUsageError } from '../errors/transport-errors.ts';

const CALL = ['signal', 'headers', 'timeout'];
const WRITE = [...CALL, 'lockToken', 'lockTokens'];
const STEP = ['id', 'after', 'compensate', 'parallel'];

/**
 * The option names each `batch.<verb>` accepts in its last argument: the client verb's own, the
 * call's, and the step's (`id`, `after`, `compensate`, `parallel`). Anything else is a mistake to report, never
 * an option to drop.
 */
const ALLOWED: Readonly<Record<string, readonly string[]>> = {
  propfind: [...CALL, 'depth', 'props', 'strict'],
  proppatch: [...WRITE, 'set', 'remove'],
  mkcol: [...WRITE, 'existOk', 'verify'],
  mkdirp: [...WRITE, 'verify'],
  put: [...WRITE, 'contentType', 'ifMatch', 'ifNoneMatch', 'overwrite', 'onUploadProgress', 'verify'],
  getText: [...CALL, 'range', 'ifNoneMatch', 'onDownloadProgress', 'maxSize'],
  head: CALL,
  delete: [...WRITE, 'ifMatch', 'verify'],
  copy: [...WRITE, 'overwrite', 'depth', 'verify'],
  move: [...WRITE, 'overwrite', 'verify'],
  lock: [...CALL, 'scope', 'owner', 'depth', 'lockTimeout'],
  refreshLock: [...CALL, 'lockTimeout', 'untagged'],
  unlock: CALL,
  options: CALL,
  report: [...CALL, 'depth'],
  search: CALL,
};

/**
 * Checks a `batch.<verb>` call: no more arguments than the client verb takes (`batch.proppatch(path,
 * patch, { id })` used to drop its third argument silently), an options object, and only option
 * names the verb, the call or the step knows.
 *
 * @throws {DavUsageError}
 * @example
 * ```ts
 * checkStepCall('proppatch', 3, 2, { set: {} }); // throws: proppatch takes (path, options)
 * checkStepCall('put', 3, 3, { id: 'a', retries: 2 }); // throws: unknown option "retries"
 * ```
 */
export function checkStepCall(verb: string, given: number, takes: number, options: unknown): void {
  if (given > takes) {
    throw new DavUsageError(
      `batch.${verb}() takes at most ${takes} arguments, as dav.${verb}() does, got ${given}: step options (id, after, verify…) go in its options object`,
    );
  }
  if (options === undefined) {
    return;
  }
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new DavUsageError(`batch.${verb}() takes an options object as its last argument`);
  }
  const allowed = ALLOWED[verb] ?? [];
  const unknown = Object.keys(options).filter((key) => !allowed.includes(key) && !STEP.includes(key));
  if (unknown.length > 0) {
    throw new DavUsageError(
      `batch.${verb}(): unknown option${unknown.length === 1 ? '' : 's'} ${unknown.map((key) => `"${key}"`).join(', ')} (it takes ${[...allowed, ...STEP].join(', ')})`,
    );
  }
}
