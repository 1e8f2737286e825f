import { isDavHttpError } from '../errors/guards.ts';
import { DavUsageError } from '../errors/transport-errors.ts';
import { statEntry } from '../files/list.ts';
import type { CallOptions } from '../transport/request-spec.ts';
import { urlPath } from '../utils/href.ts';
import { type Chunk, chunksFor } from './chunks.ts';
import { checkResumable, resumeFacts } from './resume.ts';
import type { OpenedSource } from './source.ts';
import { checkUploadState, UploadTracker } from './state.ts';
import type { UploadPlan } from './steps.ts';
import { chooseStrategy, directoryOf } from './strategy.ts';
import type { ChosenStrategy, TargetGuard, UploadOptions, UploadState } from './types.ts';
import type { UploadSession } from './upload-session.ts';

/** An upload ready to run: its plan and what tracks its progress. */
export interface Started {
  readonly plan: UploadPlan;
  readonly tracker: UploadTracker;
}

/** What starting an upload needs. */
export interface StartContext {
  readonly session: UploadSession;
  readonly path: string;
  readonly source: OpenedSource;
  readonly options: UploadOptions;
  readonly chunkSize: number;
  /** Options of the requests made before the batch runs (they carry the signal). */
  readonly call: CallOptions;
  readonly prefix: string;
}

function randomId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}

function fileName(path: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1);
  if (name === '') {
    throw new DavUsageError(`upload() needs the path of a file, not of a collection: ${path}`);
  }
  return name;
}

const NEXTCLOUD_FILES = /^(.*)\/remote\.php\/dav\/files\/([^/]+)\//;

/** Nextcloud's uploads collection for this client, given or derived from a `…/files/<user>/` base. */
function nextcloudUploads(session: UploadSession, options: UploadOptions): string {
  if (options.nextcloudUploads !== undefined) {
    return new URL(options.nextcloudUploads.replace(/\/?$/, '/'), session.baseUrl).href;
  }
  const base = new URL(session.baseUrl);
  const match = NEXTCLOUD_FILES.exec(base.pathname);
  if (match === null) {
    throw new DavUsageError(
      "strategy 'nextcloud-v2' needs `nextcloudUploads` (https://host/remote.php/dav/uploads/<user>/) unless the base URL is …/remote.php/dav/files/<user>/",
    );
  }
  return new URL(`${match[1]}/remote.php/dav/uploads/${match[2]}/`, base.origin).href;
}

/**
 * The temporary resource next to the target (a hidden name that says what it is), or a new Nextcloud
 * upload folder.
 *
 * @example
 * ```ts
 * tempUrl(dav, '/media/big.iso', 'content-range', {}); // https://host/dav/media/.big.iso.davkit-1a2b….part
 * ```
 */
export function tempUrl(
  session: UploadSession,
  path: string,
  strategy: ChosenStrategy,
  options: UploadOptions,
): string {
  const id = randomId();
  if (strategy === 'nextcloud-v2') {
    return `${nextcloudUploads(session, options)}davkit-${id}/`;
  }
  // Names stay well below the 255 bytes most file systems allow.
  return session.url(`${directoryOf(path)}.${fileName(path).slice(0, 100)}.davkit-${id}.part`);
}

/** What may be replaced at the target: decided from what is there when the upload begins. */
async function targetGuard(
  session: UploadSession,
  path: string,
  options: UploadOptions,
  call: CallOptions,
): Promise<TargetGuard> {
  if (options.overwrite === false) {
    return { kind: 'absent' };
  }
  if (options.ifMatch !== undefined) {
    return { kind: 'etag', etag: options.ifMatch };
  }
  try {
    const entry = await statEntry(session, path, call);
    if (entry.type === 'directory') {
      throw new DavUsageError(`${path} is a collection: upload() writes files`);
    }
    return entry.etag === undefined ? { kind: 'none' } : { kind: 'etag', etag: entry.etag };
  } catch (error) {
    if (isDavHttpError(error) && (error.status === 404 || error.status === 410)) {
      return { kind: 'absent' };
    }
    throw error;
  }
}

function chunkSizer(strategy: ChosenStrategy, chunks: readonly Chunk[], source: OpenedSource) {
  return (index: number): number =>
    strategy === 'single'
      ? (source.size ?? source.streamed)
      : (chunks[index]?.end ?? 0) - (chunks[index]?.start ?? 0);
}

/**
 * The plan and tracker of an upload whose state is known.
 *
 * @example
 * ```ts
 * planOf(context, state, { createTemp: false, assembled: false });
 * ```
 */
export function planOf(
  context: Omit<StartContext, 'call' | 'chunkSize'>,
  state: UploadState,
  facts: { readonly createTemp: boolean; readonly assembled: boolean },
  lastId?: string,
): Started {
  const { session, path, source, options, prefix } = context;
  const lockHeld =
    session.locks.relevant({ path: urlPath(new URL(state.target)), recursive: false }).length > 0;
  const plan: UploadPlan = {
    strategy: state.strategy,
    target: path,
    targetUrl: state.target,
    temp: state.temp,
    size: source.size,
    chunks: chunksFor(state.strategy, source.size ?? 0, state.chunkSize),
    guard: state.guard,
    createTemp: facts.createTemp,
    assembled: facts.assembled,
    lockHeld,
    prefix,
    ...(lastId === undefined ? {} : { lastId }),
    contentType: state.contentType ?? options.contentType ?? 'application/octet-stream',
  };
  const sizes = chunkSizer(plan.strategy, plan.chunks, source);
  return { plan, tracker: new UploadTracker(state, source.size, sizes, options.onProgress) };
}

/**
 * The state of a new upload.
 *
 * @example
 * ```ts
 * newUploadState(dav, '/big.iso', opened, {}, 'content-range', 8 << 20, { kind: 'absent' });
 * ```
 */
export function newUploadState(
  session: UploadSession,
  path: string,
  source: OpenedSource,
  options: UploadOptions,
  strategy: ChosenStrategy,
  chunkSize: number,
  guard: TargetGuard,
): UploadState {
  const version = source.version === undefined ? {} : { version: source.version };
  return {
    kind: 'davkit-upload',
    version: 1,
    target: session.url(path),
    strategy,
    temp: tempUrl(session, path, strategy, options),
    size: source.size ?? 0,
    chunkSize,
    confirmed: [],
    source: { size: source.size ?? 0, ...version },
    guard,
    ...(options.contentType === undefined ? {} : { contentType: options.contentType }),
  };
}

/** Whether a strategy needs its temporary resource made before the chunks. */
export function createsTemp(strategy: ChosenStrategy): boolean {
  return strategy === 'sabredav-patch' || strategy === 'nextcloud-v2';
}

async function fresh(context: StartContext, strategy: ChosenStrategy): Promise<Started> {
  const { session, path, source, options, chunkSize, call } = context;
  const guard = await targetGuard(session, path, options, call);
  const state = newUploadState(session, path, source, options, strategy, chunkSize, guard);
  return planOf(context, state, { createTemp: createsTemp(strategy), assembled: false });
}

async function resumed(context: StartContext, state: UploadState): Promise<Started> {
  const { session, path, source, call } = context;
  checkResumable(state, session.url(path), source);
  const facts = await resumeFacts(session, state, call);
  const { assembledEtag, ...rest } = state;
  // Starting the temporary file again forgets what was assembled from the old one.
  const kept = (facts.assembled || facts.confirmed.length > 0) && assembledEtag !== undefined;
  const next: UploadState = { ...rest, ...(kept ? { assembledEtag } : {}), confirmed: facts.confirmed };
  return planOf(context, next, facts);
}

/**
 * Starts an upload: a new one (the target's guard read, the strategy chosen, a temporary resource
 * named), or the continuation of `options.resume` after checking what the server still has.
 *
 * @example
 * ```ts
 * const { plan, tracker } = await startUpload({ session: dav, path, source, options, chunkSize, call, prefix: '' });
 * ```
 */
export async function startUpload(context: StartContext): Promise<Started> {
  const { session, path, source, options, chunkSize, call } = context;
  if (options.resume !== undefined) {
    checkUploadState(options.resume);
    return resumed(context, options.resume);
  }
  const strategy = await chooseStrategy(
    session,
    options.strategy ?? 'auto',
    { size: source.size, chunkSize, directory: directoryOf(path) },
    call,
  );
  return fresh(context, strategy);
}
