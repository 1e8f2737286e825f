import { isDavHttpError } from '../errors/guards.ts';
import { DavUsageError } from '../errors/transport-errors.ts';
import type { Capabilities, PartialUpdateMethod } from '../probe/types.ts';
import type { CallOptions } from '../transport/request-spec.ts';
import { checkNextcloudChunks } from './chunks.ts';
import type { ChosenStrategy, UploadStrategy } from './types.ts';
import type { UploadSession } from './upload-session.ts';

const STRATEGIES: readonly UploadStrategy[] = [
  'auto',
  'content-range',
  'sabredav-patch',
  'nextcloud-v2',
  'single',
];
const RANGED: readonly PartialUpdateMethod[] = ['content-range', 'sabredav-patch'];

/** What the choice of a strategy depends on. */
export interface StrategyContext {
  /** Bytes of the file; `undefined` for a stream whose size was not given. */
  readonly size: number | undefined;
  readonly chunkSize: number;
  /** The target's collection, as a client path ending in `/`. */
  readonly directory: string;
}

/**
 * The collection of a path: everything up to its last `/`.
 *
 * @example
 * ```ts
 * directoryOf('/media/big.iso'); // '/media/'
 * ```
 */
export function directoryOf(path: string): string {
  return path.slice(0, path.lastIndexOf('/') + 1);
}

/** The choice that needs no server: `undefined` when a partial-update method must be verified. */
function decidedWithoutServer(requested: unknown, context: StrategyContext): ChosenStrategy | undefined {
  if (!STRATEGIES.includes(requested as UploadStrategy)) {
    throw new DavUsageError(`strategy must be one of ${STRATEGIES.map((s) => `'${s}'`).join(', ')}`);
  }
  const { size, chunkSize } = context;
  if (requested === 'single') {
    return 'single';
  }
  if (size === undefined) {
    if (requested === 'auto') {
      return 'single';
    }
    throw new DavUsageError(
      `strategy '${String(requested)}' sends chunks and needs the stream's size: pass \`size\``,
    );
  }
  if (requested === 'nextcloud-v2') {
    checkNextcloudChunks(size, chunkSize);
    return 'nextcloud-v2';
  }
  return requested === 'auto' && size <= chunkSize ? 'single' : undefined;
}

/** Why the probe found a method not working, in its own words when it noted them. */
function unsupported(method: PartialUpdateMethod, caps: Capabilities): DavUsageError {
  const spelled = method === 'content-range' ? 'Content-Range' : 'X-Update-Range';
  const noted = caps.notes.filter((note) => note.includes(spelled));
  const why = noted.length > 0 ? noted.join('; ') : `the probe of ${caps.url} did not find it working`;
  return new DavUsageError(
    `strategy '${method}' does not work on this server (${why}): use 'auto' or 'single'`,
  );
}

/** The first verified method `requested` allows, `'single'` for `'auto'` when none; else refused. */
function fromCapabilities(requested: UploadStrategy, caps: Capabilities): ChosenStrategy {
  if (requested === 'auto') {
    return RANGED.find((method) => caps.partialUpdate.includes(method)) ?? 'single';
  }
  const method = requested as PartialUpdateMethod;
  if (caps.partialUpdate.includes(method)) {
    return method;
  }
  throw unsupported(method, caps);
}

/**
 * The strategy an upload uses: `'auto'` takes the first partial-update method the capability probe
 * verified for the target's collection (`dav.probe()`: a scratch file written in a range and read
 * back, once per client and collection, then cached in `dav.probes`), else `'single'`; an explicit
 * method the probe did not verify is a `DavUsageError`, never trusted.
 *
 * @example
 * ```ts
 * await chooseStrategy(dav, 'auto', { size: 1 << 30, chunkSize: 8 << 20, directory: '/media/' }, {});
 * ```
 */
export async function chooseStrategy(
  session: UploadSession,
  requested: UploadStrategy,
  context: StrategyContext,
  call: CallOptions,
): Promise<ChosenStrategy> {
  const decided = decidedWithoutServer(requested, context);
  if (decided !== undefined) {
    return decided;
  }
  const { signal, timeout } = call;
  const options = {
    ...(signal === undefined ? {} : { signal }),
    ...(timeout === undefined ? {} : { timeout }),
  };
  try {
    const caps =
      session.probes.around(session.url(context.directory)) ??
      (await session.probe(context.directory, options));
    return fromCapabilities(requested, caps);
  } catch (error) {
    // A server that refuses to be probed (OPTIONS or PROPFIND refused) verified nothing: one PUT.
    if (requested === 'auto' && isDavHttpError(error)) {
      return 'single';
    }
    throw error;
  }
}

/**
 * {@link chooseStrategy} without asking the server, for `batch.upload()`: a partial-update method is
 * used only when this client's probe already verified it for that collection (`dav.probe()`, or an
 * earlier `dav.upload()` there); otherwise `'auto'` sends the file in one `PUT`, and an explicit
 * method is refused.
 *
 * @example
 * ```ts
 * chooseStrategyNow(dav, 'auto', { size: 1 << 30, chunkSize: 8 << 20, directory: '/media/' });
 * ```
 */
export function chooseStrategyNow(
  session: UploadSession,
  requested: UploadStrategy,
  context: StrategyContext,
): ChosenStrategy {
  const decided = decidedWithoutServer(requested, context);
  if (decided !== undefined) {
    return decided;
  }
  const caps = session.probes.around(session.url(context.directory));
  if (caps !== undefined) {
    return fromCapabilities(requested, caps);
  }
  if (requested === 'auto') {
    return 'single';
  }
  throw new DavUsageError(
    `strategy '${requested}' has not been verified on this server in ${context.directory} by this client: run dav.probe('${context.directory}') (or upload one file there with dav.upload()) first, or use 'auto'`,
  );
}
