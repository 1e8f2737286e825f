import type { StepOptions } from '../batch/options.ts';
import type { FixFunction } from '../model/recovery.ts';
import type { RootCause } from '../model/root-cause.ts';

/**
 * How an upload writes a large file:
 * - `'content-range'`: `PUT` of each chunk with `Content-Range` (Apache mod_dav);
 * - `'sabredav-patch'`: `PATCH` of each chunk with `X-Update-Range` (SabreDAV's PartialUpdate plugin);
 * - `'nextcloud-v2'`: Nextcloud's chunking v2 (an upload folder, numbered chunks, a final `MOVE`);
 * - `'single'`: one streaming `PUT` (any server; nothing to resume but the whole file);
 * - `'auto'`: the first of `'content-range'` and `'sabredav-patch'` that davkit verified on this
 *   server (once per client and collection: a scratch file written in two ranges, read back, removed),
 *   else `'single'`. Files no larger than one chunk always go as `'single'`.
 *
 * Every strategy writes to a temporary resource next to the target and moves it into place once it is
 * complete and verified, so readers never see a partial file.
 *
 * @group Large files
 */
export type UploadStrategy = 'auto' | 'content-range' | 'sabredav-patch' | 'nextcloud-v2' | 'single';

/**
 * The strategy an upload uses once `'auto'` is decided.
 *
 * @group Large files
 */
export type ChosenStrategy = Exclude<UploadStrategy, 'auto'>;

/**
 * A source that can be read at any offset: what a file on disk gives (see `fileSource`). `read`
 * returns the bytes from `start` (included) to `end` (excluded), exactly `end - start` of them.
 *
 * @group Large files
 */
export interface RandomAccessReader {
  readonly size: number;
  read(start: number, end: number): Uint8Array | Promise<Uint8Array>;
  /** Changes whenever the content does (a modification time, a revision): resuming checks it. */
  readonly version?: string;
}

/**
 * What `upload()` sends. Blobs (and `File`s), bytes and random-access readers are seekable: a chunk
 * can be read again, so an upload of them can resume. Streams (`ReadableStream`, a Node `Readable`,
 * any `AsyncIterable<Uint8Array>`) are read once, in order.
 *
 * @group Large files
 */
export type UploadSource =
  | Blob
  | Uint8Array
  | ArrayBuffer
  | RandomAccessReader
  | ReadableStream<Uint8Array>
  | AsyncIterable<Uint8Array>;

/**
 * How the assembled file may replace what is at the target: `'absent'` (only if nothing is there:
 * `Overwrite: F`), `'etag'` (only the version seen when the upload began: a tagged `If` with its
 * ETag), `'none'` (the target had no ETag to check).
 *
 * @group Large files
 */
export type TargetGuard =
  | { readonly kind: 'absent' }
  | { readonly kind: 'etag'; readonly etag: string }
  | { readonly kind: 'none' };

/**
 * Where an upload stands, as plain JSON: save it (`JSON.stringify`) and pass it back as `resume`,
 * now or after a restart, to send only what the server does not have yet.
 *
 * @group Large files
 */
export interface UploadState {
  readonly kind: 'davkit-upload';
  readonly version: 1;
  /** The target's absolute URL (no credentials). */
  readonly target: string;
  readonly strategy: ChosenStrategy;
  /** The temporary resource's absolute URL (Nextcloud: the upload folder). */
  readonly temp: string;
  /** Bytes of the whole file. */
  readonly size: number;
  readonly chunkSize: number;
  /** The chunks (numbered from 0) the server confirmed, ascending. */
  readonly confirmed: readonly number[];
  /** What the source was: a resumed upload refuses a source of another size or version. */
  readonly source: { readonly size: number; readonly version?: string };
  readonly guard: TargetGuard;
  /** The temporary file's ETag once it was complete and checked, before it was moved into place. */
  readonly assembledEtag?: string;
  readonly contentType?: string;
}

/**
 * Progress of a transfer, in bytes the other side confirmed (never decreasing).
 *
 * @group Large files
 */
export interface TransferProgress {
  readonly loaded: number;
  /** `undefined` while the size is unknown (a stream without `size`). */
  readonly total: number | undefined;
}

/**
 * Upload progress, with the state to save for a resume after a crash.
 *
 * @group Large files
 */
export interface UploadProgress extends TransferProgress {
  readonly state: UploadState;
}

/**
 * Options of `upload()` and `batch.upload()`.
 *
 * @group Large files
 */
export interface UploadOptions {
  /** Bytes per chunk. Default 8 MiB; Nextcloud needs 5 MiB to 5 GiB (the last may be smaller). */
  readonly chunkSize?: number;
  /** Chunks in flight at once (default 4). */
  readonly concurrency?: number;
  /** Default `'auto'`. */
  readonly strategy?: UploadStrategy;
  /** Called each time a chunk is confirmed, with the state to save. */
  readonly onProgress?: (progress: UploadProgress) => void;
  /** Stops the upload: the result is then incomplete, and its `state` can resume it. */
  readonly signal?: AbortSignal;
  /** The state of an earlier, incomplete upload of the same source to the same path. */
  readonly resume?: UploadState;
  /** The size of a stream source: with it, a stream can be sent in chunks. */
  readonly size?: number;
  /** A version of the source (a revision, a modification time): a resume refuses another one. */
  readonly sourceVersion?: string;
  readonly contentType?: string;
  /**
   * `false`: only create the target (fail with 412 if something is there). Default: replace only the
   * version that was there when the upload began (its ETag is checked when the file is moved in).
   */
  readonly overwrite?: boolean;
  /** Replace only this version of the target (an ETag you read earlier). */
  readonly ifMatch?: string;
  /** Re-sends of a chunk after a reset, a timeout or a 5xx (default 3). */
  readonly retries?: number;
  /** Longest wait, in ms, for a lock on the target or a server's `Retry-After` (default 60 000). */
  readonly maxWaitMs?: number;
  /** Milliseconds to wait for each answer; `false`: no limit. */
  readonly timeout?: number | false;
  /** Headers added to every request of the upload. */
  readonly headers?: Readonly<Record<string, string>>;
  /**
   * Nextcloud's uploads collection (`https://host/remote.php/dav/uploads/<user>/`); by default derived
   * from a base URL of the form `…/remote.php/dav/files/<user>/`.
   */
  readonly nextcloudUploads?: string;
}

/**
 * A root cause of an incomplete transfer: a {@link RootCause}, with the byte range it concerns when
 * it is a chunk's (inclusive, as in HTTP: `{ start: 0, end: 8388607 }` is the first 8 MiB).
 *
 * @group Large files
 */
export interface TransferCause extends RootCause {
  readonly bytes?: { readonly start: number; readonly end: number };
}

/**
 * Your fix for an incomplete upload's causes (as `retryAfterFix()` takes for a batch), given the
 * causes with their byte ranges.
 *
 * @group Large files
 */
export type UploadFixFunction = (
  causes: readonly TransferCause[],
  context: Parameters<FixFunction>[1],
) => unknown;

/**
 * Options of `batch.upload()`: an upload's (without `resume`), and a step's.
 *
 * @group Large files
 */
export type UploadStepOptions = Omit<UploadOptions, 'resume' | 'signal' | 'retries' | 'maxWaitMs'> &
  StepOptions;
