/**
 * How far a transfer has come, as `onUploadProgress` and `onDownloadProgress` report it.
 * `totalBytes` is 0 when the size is unknown (then `percent` stays 0 until the end, where it is 1).
 *
 * @group Client
 */
export interface Progress {
  /** From 0 to 1. */
  readonly percent: number;
  readonly transferredBytes: number;
  readonly totalBytes: number;
}
