import type { TransferProgress } from './types.ts';

/**
 * Where a download stands, as plain JSON: pass it back as `resume` (with a sink that continues where
 * it stopped) to fetch only the rest.
 *
 * @group Large files
 */
export interface DownloadState {
  readonly kind: 'davkit-download';
  readonly version: 1;
  /** The file's absolute URL (no credentials). */
  readonly source: string;
  /** The version being downloaded: a resume asks for the rest of this one only (`If-Range`). */
  readonly etag?: string;
  readonly lastModified?: string;
  /** Bytes of the whole file, when the server said. */
  readonly size?: number;
  /** Bytes written to the sink. */
  readonly received: number;
}

/**
 * Download progress, with the state to save for a resume.
 *
 * @group Large files
 */
export interface DownloadProgress extends TransferProgress {
  readonly state: DownloadState;
}

/**
 * A sink that can be written at any offset (what a file gives: see `fileSink`). A download that finds
 * the file changed on the server starts again at offset 0 after `truncate(0)`.
 *
 * @group Large files
 */
export interface SeekableSink {
  write(bytes: Uint8Array, offset: number): Promise<void>;
  truncate(size: number): Promise<void>;
  /** The download is complete (or given up): release the file. */
  close(): Promise<void>;
}

/**
 * The parts of a Node `Writable` a download uses (no `node:` import: any runtime can pass one).
 *
 * @group Large files
 */
export interface NodeWritableLike {
  write(chunk: Uint8Array, callback?: (error?: Error | null) => void): boolean;
  end(callback?: () => void): unknown;
  once(event: 'drain' | 'error' | 'finish', listener: (...args: unknown[]) => void): unknown;
  off?(event: 'drain' | 'error' | 'finish', listener: (...args: unknown[]) => void): unknown;
}

/**
 * Where `download()` writes: a `WritableStream` (anywhere), a Node `Writable`, or a seekable sink
 * (`fileSink(path, open)` in Node). A stream sink is written in order; to resume into one, give a
 * stream that continues after the bytes already written (a file opened for appending).
 *
 * @group Large files
 */
export type DownloadSink = WritableStream<Uint8Array> | NodeWritableLike | SeekableSink;

/**
 * Options of `download()`.
 *
 * @group Large files
 */
export interface ResumableDownloadOptions {
  /** The state of an earlier, incomplete download of the same file. */
  readonly resume?: DownloadState;
  readonly onProgress?: (progress: DownloadProgress) => void;
  /** Stops the download: the result is then incomplete, and its `state` can resume it. */
  readonly signal?: AbortSignal;
  /** Milliseconds to wait for the answer and between chunks of the body; `false`: no limit. */
  readonly timeout?: number | false;
  readonly headers?: Readonly<Record<string, string>>;
  /** Requests for the rest after a reset, a timeout or a 5xx (default 3). */
  readonly retries?: number;
}
