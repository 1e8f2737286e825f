import type { ListOptions } from '../files/list.ts';
import type { Entry } from '../model/entry.ts';
import type { MultiStatus } from '../model/multistatus.ts';
import type { Depth } from '../operations/common.ts';
import type { XmlBody } from '../operations/report-search.ts';
import type { Capabilities } from '../probe/types.ts';
import type { CallOptions } from '../transport/request-spec.ts';

/**
 * The client members a sync calls: public methods, so it works on any client (and moves to the
 * narrow session interface of issue 12 without change). `DavClient` satisfies it.
 */
export interface SyncSession {
  readonly baseUrl: string;
  url(path: string): string;
  report(
    path: string,
    body: XmlBody,
    options?: { readonly depth?: Depth } & CallOptions,
  ): Promise<MultiStatus>;
  list(path: string, options?: ListOptions): Promise<Entry[]>;
  /** What probes already learned (read only: a sync never probes). */
  readonly probes: { around(url: string): Capabilities | undefined };
}
