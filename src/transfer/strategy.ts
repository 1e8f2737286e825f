import { DavUsageError } from '../errors/transport-errors.ts';
import type { Session } from '../session/session.ts';
import type { CallOptions } from '../transport/request-spec.ts';
import { checkNextcloudChunks } from './chunks.ts';
import {
  knownVerdict,
  type PartialUpdateMethod,
  type PartialUpdateVerdict,
  partialUpdateVerdict,
} from './partial-update.ts';
import type { ChosenStrategy, UploadStrategy } from './types.ts';

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

function unsupported(method: PartialUpdateMethod, verdict: PartialUpdateVerdict): DavUsageError {
  return new DavUsageError(
    `strategy '${method}' does not work on this server (${verdict.reason ?? 'not verified'}): use 'auto' or 'single'`,
  );
}

/**
 * The strategy an upload uses: `'auto'` takes the first partial-update method verified on this server
 * (see `partialUpdateVerdict`), else `'single'`; an explicit method that fails its verification is a
 * `DavUsageError`, never trusted.
 *
 * @example
 * ```ts
 * await chooseStrategy(dav, 'auto', { size: 1 << 30, chunkSize: 8 << 20, directory: '/media/' }, {});
 * ```
 */
export async function chooseStrategy(
  session: Session,
  requested: UploadStrategy,
  context: StrategyContext,
  call: CallOptions,
): Promise<ChosenStrategy> {
  const decided = decidedWithoutServer(requested, context);
  if (decided !== undefined) {
    return decided;
  }
  for (const method of requested === 'auto' ? RANGED : [requested as PartialUpdateMethod]) {
    const verdict = await partialUpdateVerdict(session, context.directory, method, call);
    if (verdict.works) {
      return method;
    }
    if (requested !== 'auto') {
      throw unsupported(method, verdict);
    }
  }
  return 'single';
}

/**
 * {@link chooseStrategy} without asking the server, for `batch.upload()`: a partial-update method is
 * used only when this client has already verified it in that collection (an earlier `upload()`
 * there); otherwise `'auto'` sends the file in one `PUT`, and an explicit method is refused.
 *
 * @example
 * ```ts
 * chooseStrategyNow(dav, 'auto', { size: 1 << 30, chunkSize: 8 << 20, directory: '/media/' });
 * ```
 */
export function chooseStrategyNow(
  session: Session,
  requested: UploadStrategy,
  context: StrategyContext,
): ChosenStrategy {
  const decided = decidedWithoutServer(requested, context);
  if (decided !== undefined) {
    return decided;
  }
  for (const method of requested === 'auto' ? RANGED : [requested as PartialUpdateMethod]) {
    const verdict = knownVerdict(session, context.directory, method);
    if (verdict?.works) {
      return method;
    }
    if (requested !== 'auto') {
      throw verdict === undefined
        ? new DavUsageError(
            `strategy '${method}' has not been verified on this server in ${context.directory} by this client: upload one file there with dav.upload() first, or use 'auto'`,
          )
        : unsupported(method, verdict);
    }
  }
  return 'single';
}
