import { isDavHttpError, isDavNetworkError, isDavTimeoutError } from '../errors/guards.ts';
import { resourceExists, statEntry } from '../files/list.ts';
import type { TransferResult, Verification } from '../model/results.ts';
import type { UploadBody } from '../operations/body.ts';
import type { RunOptions } from '../operations/call-options.ts';
import type { Performed } from '../operations/operation.ts';
import { operations } from '../operations/operations.ts';
import type { PutOptions } from '../operations/put.ts';
import { type VerifiableWrite, writeOperation } from '../operations/write-operation.ts';
import type { Session } from '../session/session.ts';

export type { VerifiableWrite };

/** How a write is sent: verified or not, and what davkit knows of the server. */
export interface VerifyKnowledge {
  /** Verify after an ambiguous failure (the call's `verify`, else the client's). */
  readonly verify: boolean;
  /**
   * Whether the server honours `If-Match` on a PUT to `path` (the capability probe tells, issue 15):
   * asked only when an update is about to be repeated under `If-Match`. Absent: unknown.
   */
  readonly ifMatchHonoured?: ((path: string) => Promise<boolean | 'unknown'>) | undefined;
}

/**
 * Why a failure leaves it open whether a write landed: a timeout, a connection lost, a gateway's
 * 502/504 (the server may have applied it). `undefined` for a failure that says it did not.
 *
 * @example
 * ```ts
 * ambiguity(new DavTimeoutError({ method: 'PUT', url, timeout: 30_000 })); // 'timeout'
 * ```
 */
export function ambiguity(error: unknown): string | undefined {
  if (isDavTimeoutError(error)) {
    return 'timeout';
  }
  if (isDavNetworkError(error)) {
    return 'network error';
  }
  if (isDavHttpError(error) && (error.status === 502 || error.status === 504)) {
    return String(error.status);
  }
  return undefined;
}

/** A performed write, with how it was verified when it had to be. */
export type VerifiedWrite = Performed<unknown> & { readonly verification?: Verification };

/**
 * Sends a write. With `verify`, after an ambiguous failure it finds out whether the write landed
 * instead of repeating it blindly: the target is checked (content for a PUT, existence for a DELETE
 * or MKCOL, source and destination for a COPY or MOVE). Landed: a success with
 * `verification.kind === 'landed'`. Not landed: sent again under a precondition that cannot clobber
 * (`If-None-Match: *` for a create, `If-Match` on the known ETag for an update, `Overwrite: F` for a
 * transfer), so a conflict is the server's 412 with its root cause. When nothing safe can be said,
 * the original failure is thrown. A MKCOL with `existOk` succeeds on a 405 when a collection is there.
 *
 * @example
 * ```ts
 * const { value, verification } = await performWrite(session, { method: 'PUT', path: '/a.txt', body, options: {} }, { verify: true });
 * ```
 */
export async function performWrite(
  session: Session,
  write: VerifiableWrite,
  knowledge: VerifyKnowledge,
): Promise<VerifiedWrite> {
  try {
    return await session.perform(writeOperation(write), write.options);
  } catch (error) {
    if (
      write.method === 'MKCOL' &&
      write.options.existOk === true &&
      (await isCollectionThere(session, write, error))
    ) {
      return { status: 405, value: undefined };
    }
    const after = knowledge.verify ? ambiguity(error) : undefined;
    if (after === undefined) {
      throw error;
    }
    const verified = await verifyWrite(session, write, after, knowledge);
    if (verified === undefined) {
      throw error;
    }
    return verified;
  }
}

/** Whether a MKCOL's 405 means "a collection is already there" (not a file). */
async function isCollectionThere(session: Session, write: VerifiableWrite, error: unknown): Promise<boolean> {
  if (!isDavHttpError(error) || error.status !== 405 || write.method !== 'MKCOL') {
    return false;
  }
  const entry = await statEntry(session, write.path, checkCall(write.options));
  return entry.type === 'directory';
}

function verifyWrite(
  session: Session,
  write: VerifiableWrite,
  after: string,
  knowledge: VerifyKnowledge,
): Promise<VerifiedWrite | undefined> {
  switch (write.method) {
    case 'PUT':
      return verifyPut(session, write, after, knowledge);
    case 'DELETE':
    case 'MKCOL':
      return verifyPresence(session, write, after);
    default:
      return verifyTransfer(session, write, after);
  }
}

/** The call options a check is sent with: the write's own, without its progress callbacks. */
function checkCall(options: RunOptions): RunOptions {
  const { onUploadProgress: _up, onDownloadProgress: _down, ...rest } = options;
  return rest;
}

async function sentBytes(body: UploadBody): Promise<Uint8Array | undefined> {
  if (typeof body === 'string') {
    return new TextEncoder().encode(body);
  }
  if (body instanceof ArrayBuffer) {
    return new Uint8Array(body);
  }
  if (ArrayBuffer.isView(body)) {
    return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
  }
  if (typeof Blob !== 'undefined' && body instanceof Blob) {
    return new Uint8Array(await body.arrayBuffer());
  }
  return undefined;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.byteLength !== b.byteLength) {
    return false;
  }
  for (let i = 0; i < a.byteLength; i++) {
    if (a[i] !== b[i]) {
      return false;
    }
  }
  return true;
}

/** What is at a file's path now: missing, or its ETag and whether its content is `sent`. */
async function currentFile(
  session: Session,
  path: string,
  sent: Uint8Array,
  call: RunOptions,
): Promise<{ exists: false } | { exists: true; etag: string | undefined; same: boolean }> {
  try {
    const head = await session.run(operations.head(path), call);
    if (head.size !== undefined && head.size !== sent.byteLength) {
      return { exists: true, etag: head.etag, same: false };
    }
    const response = await session.run(operations.get(path), call);
    const content = new Uint8Array(await response.arrayBuffer());
    return { exists: true, etag: head.etag ?? undefined, same: sameBytes(content, sent) };
  } catch (error) {
    if (isDavHttpError(error) && (error.status === 404 || error.status === 410)) {
      return { exists: false };
    }
    throw error;
  }
}

async function verifyPut(
  session: Session,
  write: Extract<VerifiableWrite, { method: 'PUT' }>,
  after: string,
  knowledge: VerifyKnowledge,
): Promise<VerifiedWrite | undefined> {
  const sent = await sentBytes(write.body);
  if (sent === undefined) {
    return undefined; // A stream was consumed: nothing to compare with, nothing to send again.
  }
  const call = checkCall(write.options);
  const now = await currentFile(session, write.path, sent, call);
  if (now.exists && now.same) {
    const verification: Verification = { kind: 'landed', after };
    return { status: 200, value: { status: 200, created: false, etag: now.etag, verification } };
  }
  const given = write.options;
  const own = given.ifMatch !== undefined || given.ifNoneMatch !== undefined || given.overwrite === false;
  let repeat: PutOptions;
  if (own) {
    repeat = {}; // The caller's own precondition still guards the repeat.
  } else if (!now.exists) {
    repeat = { ifNoneMatch: '*' };
  } else if (now.etag !== undefined && !now.etag.startsWith('W/')) {
    repeat = { ifMatch: now.etag };
  } else {
    // Something else is there with no strong ETag (If-Match compares strongly; Apache's ETag is weak
    // within a second of a change): no repeat can be safe, the failure stands.
    return undefined;
  }
  const options = { ...given, ...repeat };
  const precondition = options.ifMatch !== undefined ? 'if-match' : 'if-none-match';
  const honoured = precondition === 'if-match' ? await honoursIfMatch(knowledge, write.path) : true;
  const performed = await session.perform(operations.put(write.path, write.body, options), given);
  const verification: Verification = {
    kind: 'repeated',
    after,
    precondition,
    ...(honoured ? {} : { unverifiableUpdate: true }),
  };
  return { status: performed.status, value: { ...(performed.value as object), verification } };
}

/** Whether the server is known to honour If-Match there; a probe that fails knows nothing. */
async function honoursIfMatch(knowledge: VerifyKnowledge, path: string): Promise<boolean> {
  try {
    return (await knowledge.ifMatchHonoured?.(path)) === true;
  } catch {
    return false;
  }
}

async function verifyPresence(
  session: Session,
  write: Extract<VerifiableWrite, { method: 'DELETE' | 'MKCOL' }>,
  after: string,
): Promise<VerifiedWrite> {
  const exists = await resourceExists(session, write.path, checkCall(write.options));
  if (exists === (write.method === 'MKCOL')) {
    return { status: 200, value: undefined, verification: { kind: 'landed', after } };
  }
  // A DELETE of what is still there, a MKCOL of what is still missing: neither can clobber.
  const performed = await session.perform(writeOperation(write), write.options);
  const precondition = write.method === 'DELETE' && write.options.ifMatch !== undefined ? 'if-match' : 'none';
  return { ...performed, verification: { kind: 'repeated', after, precondition } };
}

async function verifyTransfer(
  session: Session,
  write: Extract<VerifiableWrite, { method: 'COPY' | 'MOVE' }>,
  after: string,
): Promise<VerifiedWrite | undefined> {
  const call = checkCall(write.options);
  const [source, destination] = await Promise.all([
    resourceExists(session, write.from, call),
    resourceExists(session, write.to, call),
  ]);
  const landed = write.method === 'MOVE' ? !source && destination : destination;
  if (landed && (write.method === 'MOVE' || write.options.overwrite === false || !source)) {
    return landedTransfer(after);
  }
  if (landed) {
    // A COPY over an existing destination: landed only if it now matches the source.
    const [from, to] = await Promise.all([
      session.run(operations.head(write.from), call),
      session.run(operations.head(write.to), call),
    ]);
    if (from.size !== undefined && from.size === to.size) {
      return landedTransfer(after);
    }
  }
  if (!source) {
    return undefined; // The source is gone and the destination is not it: someone else moved it.
  }
  const options = destination ? write.options : { ...write.options, overwrite: false };
  const performed = await session.perform(writeOperation({ ...write, options }), write.options);
  const precondition = options.overwrite === false ? 'if-none-match' : 'none';
  const value = {
    ...(performed.value as TransferResult),
    verification: { kind: 'repeated', after, precondition },
  };
  return { status: performed.status, value };
}

function landedTransfer(after: string): VerifiedWrite {
  const verification: Verification = { kind: 'landed', after };
  return { status: 200, value: { status: 200, created: false, verification } };
}
