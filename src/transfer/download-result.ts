import type { DownloadState } from './download-types.ts';
import type { TransferCause } from './types.ts';

/**
 * The data of a download's outcome: plain, so it survives `structuredClone` and JSON.
 *
 * @group Large files
 */
export interface DownloadResultData {
  readonly kind: 'download-result';
  /** The whole file is in the sink, its size and version checked. */
  readonly ok: boolean;
  /** The file, as given to `download()`. */
  readonly path: string;
  /** Pass it back as `resume` to fetch only the rest. */
  readonly state: DownloadState;
  /** Why it is incomplete (`[]` when `ok`). */
  readonly causes: readonly TransferCause[];
}

/**
 * The outcome of `dav.download()`.
 *
 * @example
 * ```ts
 * const down = await dav.download('/media/big.iso', sink);
 * if (!down.ok) {
 *   console.log(explain(down.rootCauses()));
 *   await dav.download('/media/big.iso', sameSink, { resume: down.state });
 * }
 * ```
 *
 * @group Large files
 */
export class DownloadResult implements DownloadResultData {
  readonly kind = 'download-result' as const;
  readonly ok: boolean;
  readonly path: string;
  readonly state: DownloadState;
  readonly causes: readonly TransferCause[];

  constructor(data: Omit<DownloadResultData, 'kind' | 'ok'>) {
    this.path = data.path;
    this.state = data.state;
    this.causes = data.causes;
    this.ok = data.causes.length === 0;
  }

  /**
   * Why the download is incomplete: the failure that stopped it (a reset after the retries, a 404,
   * a file that changed on the server into a sink that cannot start again).
   *
   * @example
   * ```ts
   * down.rootCauses().map((cause) => cause.description);
   * ```
   */
  rootCauses(): TransferCause[] {
    return [...this.causes];
  }
}
