import { isDavHttpError } from '../errors/guards.ts';
import { DavUsageError } from '../errors/transport-errors.ts';
import { statEntry } from '../files/list.ts';
import type { Entry } from '../model/entry.ts';
import { operations } from '../operations/operations.ts';
import type { Session } from '../session/session.ts';
import type { CallOptions } from '../transport/request-spec.ts';
import { chunkSizes, sameEtag } from './checks.ts';
import { chunksFor } from './chunks.ts';
import type { OpenedSource } from './source.ts';
import type { UploadState } from './types.ts';

/** What the server still has of an earlier upload. */
export interface ResumeFacts {
  /** Chunks on the server, to skip. */
  readonly confirmed: readonly number[];
  /** The temporary resource must be made (again) before the chunks. */
  readonly createTemp: boolean;
  /** The file was already moved into place: only the final check is left. */
  readonly assembled: boolean;
}

/**
 * Refuses to resume what would give wrong bytes: another target, a source that cannot be read again,
 * or one whose size or version changed since the upload began.
 *
 * @example
 * ```ts
 * checkResumable(state, dav.url('/big.iso'), openSource(file, { chunkSize: state.chunkSize }));
 * ```
 */
export function checkResumable(state: UploadState, targetUrl: string, source: OpenedSource): void {
  if (state.target !== targetUrl) {
    throw new DavUsageError(`this state is the upload of ${state.target}, not of ${targetUrl}`);
  }
  if (!source.seekable) {
    throw new DavUsageError(
      'resuming needs a source that can be read at any offset (a Blob or File, bytes, or a reader { size, read }); a stream cannot be rewound to where the upload stopped',
    );
  }
  if (source.size !== state.source.size) {
    throw new DavUsageError(
      `the source changed since the upload began: it holds ${source.size} bytes, not ${state.source.size}; start a new upload without \`resume\``,
    );
  }
  if (state.source.version !== undefined && source.version !== state.source.version) {
    throw new DavUsageError(
      `the source changed since the upload began (its version is ${source.version ?? 'unknown'}, not ${state.source.version}); start a new upload without \`resume\``,
    );
  }
}

async function statOrAbsent(session: Session, path: string, call: CallOptions): Promise<Entry | undefined> {
  try {
    return await statEntry(session, path, call);
  } catch (error) {
    if (isDavHttpError(error) && (error.status === 404 || error.status === 410)) {
      return undefined;
    }
    throw error;
  }
}

/** The upload was moved into place before the process stopped: the target holds the checked file. */
async function alreadyAssembled(session: Session, state: UploadState, call: CallOptions): Promise<boolean> {
  if (state.assembledEtag === undefined) {
    return false;
  }
  const target = await statOrAbsent(session, state.target, call);
  return (
    target?.etag !== undefined && target.size === state.size && sameEtag(target.etag, state.assembledEtag)
  );
}

async function nextcloudFacts(session: Session, state: UploadState, call: CallOptions): Promise<ResumeFacts> {
  const expected = new Map(
    chunksFor(state.strategy, state.size, state.chunkSize).map((chunk) => [
      chunk.index + 1,
      chunk.end - chunk.start,
    ]),
  );
  try {
    const held = chunkSizes(await session.run(propfindFolder(state.temp), call), session.baseUrl);
    const confirmed = [...held].filter(([n, size]) => expected.get(n) === size).map(([n]) => n - 1);
    return { confirmed: confirmed.sort((a, b) => a - b), createTemp: false, assembled: false };
  } catch (error) {
    if (isDavHttpError(error) && error.status === 404) {
      // Nextcloud expires an upload folder after 24 hours: start it again.
      return { confirmed: [], createTemp: true, assembled: false };
    }
    throw error;
  }
}

function propfindFolder(folder: string): ReturnType<typeof operations.propfind> {
  return operations.propfind(folder, { depth: 1, props: ['{DAV:}getcontentlength'] });
}

/**
 * What the server still has of an upload, asked rather than trusted: the chunks the state lists are
 * skipped only while the temporary resource still holds them (a server may have removed it); a
 * Nextcloud upload folder is listed. A file already moved into place is recognised by its ETag.
 *
 * @example
 * ```ts
 * const { confirmed, createTemp, assembled } = await resumeFacts(dav, state, {});
 * ```
 */
export async function resumeFacts(
  session: Session,
  state: UploadState,
  call: CallOptions,
): Promise<ResumeFacts> {
  if (state.strategy === 'nextcloud-v2') {
    return nextcloudFacts(session, state, call);
  }
  const temp = await statOrAbsent(session, state.temp, call);
  if (temp === undefined) {
    const assembled = await alreadyAssembled(session, state, call);
    return { confirmed: [], createTemp: state.strategy === 'sabredav-patch', assembled };
  }
  const chunks = chunksFor(state.strategy, state.size, state.chunkSize);
  const furthest = Math.max(
    0,
    ...state.confirmed.map((index) => chunks[index]?.end ?? Number.POSITIVE_INFINITY),
  );
  const size = temp.size ?? -1;
  if (state.strategy === 'single') {
    const whole = size === state.size;
    return { confirmed: whole ? [0] : [], createTemp: false, assembled: false };
  }
  if (size < furthest || size > state.size) {
    // The temporary file lost what the state says it holds (or holds too much): write it again from
    // nothing, emptied first.
    return { confirmed: [], createTemp: true, assembled: false };
  }
  return { confirmed: state.confirmed, createTemp: false, assembled: false };
}
