import { isDavHttpError } from '../errors/guards.ts';
import type { Operation } from '../operations/operation.ts';
import { operations } from '../operations/operations.ts';
import type { Session } from '../session/session.ts';
import type { CallOptions } from '../transport/request-spec.ts';

/** A way to write part of a resource, once verified on a server. */
export type PartialUpdateMethod = 'content-range' | 'sabredav-patch';

/** A partial-update method's answer for one collection: whether it works, and if not, why. */
export interface PartialUpdateVerdict {
  readonly works: boolean;
  /** What was seen when it does not work (a refusal, a file that did not hold the ranges). */
  readonly reason?: string;
}

const SABRE_PATCH_TYPE = 'application/x-sabredav-partialupdate';

/**
 * A ranged write of `bytes` at `start` into a file of `total` bytes: `PUT` with `Content-Range`
 * (RFC 9110 §14.4 lets a server refuse or ignore it, hence the verification) or SabreDAV's `PATCH`
 * with `X-Update-Range`.
 *
 * @example
 * ```ts
 * rangedWrite('content-range', '/a.part', 0, 4, 10); // PUT, Content-Range: bytes 0-3/10
 * ```
 */
export function rangedWrite(
  method: PartialUpdateMethod,
  path: string,
  start: number,
  end: number,
  total: number,
): Operation<unknown> {
  const put = operations.put(path, new Uint8Array(0), { contentType: 'application/octet-stream' });
  if (method === 'content-range') {
    const headers = { ...put.spec.headers, 'content-range': `bytes ${start}-${end - 1}/${total}` };
    return { ...put, spec: { ...put.spec, headers } };
  }
  return {
    ...put,
    spec: {
      ...put.spec,
      method: 'PATCH',
      headers: { 'content-type': SABRE_PATCH_TYPE, 'x-update-range': `bytes=${start}-${end - 1}` },
    },
  };
}

// The scratch file: the second half is written first, into a file that does not exist yet, then the
// first half: exactly what concurrent chunks of an upload do. Only "0123456789" read back proves it.
const SECOND = { start: 5, end: 10, text: '56789' };
const FIRST = { start: 0, end: 5, text: '01234' };
const WHOLE = '0123456789';

function scratchName(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(6));
  return `.davkit-check-${[...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')}.tmp`;
}

/** Runs the check on a scratch file; the caller removes it. Network failures reject. */
async function tryRanges(
  session: Session,
  method: PartialUpdateMethod,
  scratch: string,
  call: CallOptions,
): Promise<PartialUpdateVerdict> {
  try {
    if (method === 'sabredav-patch') {
      await session.run(operations.put(scratch, '', { contentType: 'application/octet-stream' }), call);
    }
    for (const part of [SECOND, FIRST]) {
      const write = rangedWrite(method, scratch, part.start, part.end, WHOLE.length);
      await session.run({ ...write, spec: { ...write.spec, body: part.text } }, call);
    }
  } catch (error) {
    if (isDavHttpError(error)) {
      return { works: false, reason: `${write(method)} was refused with ${error.status}` };
    }
    throw error;
  }
  const back = await session.run(operations.getText(scratch), call);
  if (back !== WHOLE) {
    return {
      works: false,
      reason: `${write(method)} was answered with a success, but the file held "${back.slice(0, 20)}" instead of "${WHOLE}": the server ignores the range`,
    };
  }
  return { works: true };
}

function write(method: PartialUpdateMethod): string {
  return method === 'content-range' ? 'PUT with Content-Range' : 'PATCH with X-Update-Range';
}

/**
 * Verifies a partial-update method on the server, in the collection `directory` (a client path
 * ending in `/`): a scratch file next to the upload's target is written as two ranges, second half
 * first, read back, and removed whatever happens. A server that refuses the ranged write, or answers
 * it with a success and ignores the range (overwriting the file with one chunk), fails it.
 *
 * @example
 * ```ts
 * const { works } = await verifyPartialUpdate(dav, '/media/', 'content-range', {});
 * ```
 */
export async function verifyPartialUpdate(
  session: Session,
  directory: string,
  method: PartialUpdateMethod,
  call: CallOptions,
): Promise<PartialUpdateVerdict> {
  const scratch = `${directory}${scratchName()}`;
  try {
    return await tryRanges(session, method, scratch, call);
  } finally {
    // Without the caller's signal: an aborted upload still removes its scratch file.
    const { signal: _signal, ...quiet } = call;
    await session.run(operations.delete(scratch), quiet).catch(() => undefined);
  }
}

interface CachedVerdict {
  readonly pending: Promise<PartialUpdateVerdict>;
  settled?: PartialUpdateVerdict;
}

const verdicts = new WeakMap<object, Map<string, CachedVerdict>>();

function cacheOf(session: Session): Map<string, CachedVerdict> {
  let cache = verdicts.get(session);
  if (cache === undefined) {
    cache = new Map();
    verdicts.set(session, cache);
  }
  return cache;
}

/**
 * {@link verifyPartialUpdate}, once per client, collection and method: later uploads to the same
 * collection reuse the verdict. A check that failed without an answer (network, abort) is forgotten.
 *
 * @example
 * ```ts
 * if ((await partialUpdateVerdict(dav, '/media/', 'content-range', {})).works) …
 * ```
 */
export function partialUpdateVerdict(
  session: Session,
  directory: string,
  method: PartialUpdateMethod,
  call: CallOptions,
): Promise<PartialUpdateVerdict> {
  const cache = cacheOf(session);
  const key = `${method} ${session.url(directory)}`;
  const known = cache.get(key);
  if (known !== undefined) {
    return known.pending;
  }
  const entry: CachedVerdict = { pending: verifyPartialUpdate(session, directory, method, call) };
  cache.set(key, entry);
  entry.pending.then(
    (verdict) => {
      entry.settled = verdict;
    },
    () => cache.delete(key),
  );
  return entry.pending;
}

/**
 * The verdict this client already has for a method in a collection, without asking the server: what
 * a batch, whose steps are added synchronously, relies on.
 *
 * @example
 * ```ts
 * knownVerdict(dav, '/media/', 'content-range'); // undefined until an upload there verified it
 * ```
 */
export function knownVerdict(
  session: Session,
  directory: string,
  method: PartialUpdateMethod,
): PartialUpdateVerdict | undefined {
  return verdicts.get(session)?.get(`${method} ${session.url(directory)}`)?.settled;
}
