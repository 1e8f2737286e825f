import type { Prober } from '../probe/facts.ts';
import type { Session } from '../session/session.ts';

/**
 * The client as an upload sees it: the narrow `Session`, and the capability probe, whose verified
 * `partialUpdate` decides how chunks are written (`dav.probe()`, cached per client in `dav.probes`).
 * `DavClient` is one.
 *
 * @example
 * ```ts
 * const batch = new TransferBatch(dav); // what dav.batch() returns
 * ```
 */
export type UploadSession = Session & Prober;
