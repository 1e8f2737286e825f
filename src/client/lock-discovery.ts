import { discoverLock, type LockLookup } from '../locks/discover-lock.ts';
import { BUFFERED } from '../operations/buffered.ts';
import { readFailureBody } from '../operations/failure-reader.ts';
import type { RawResponse } from '../transport/raw-response.ts';

/**
 * A write's 423 (the sender hands over only those) whose body names no lock (nginx, rclone), with the
 * lock davkit found for it, so that its root cause names the real lock root; a 423 that names its lock
 * as it is. Looking never fails the request's own error: if the lookup fails, the 423 is reported as
 * it came.
 *
 * @example
 * ```ts
 * raw = await withDiscoveredLock(raw, lockLookup(session), '/dav/'); // raw.discoveredLock: { root: '/dav/locked/', … }
 * ```
 */
export async function withDiscoveredLock(
  raw: RawResponse,
  lookup: LockLookup,
  boundary: string,
): Promise<RawResponse> {
  const body = readFailureBody(raw, BUFFERED);
  if (body.multistatus !== undefined || body.conditions.some((condition) => condition.paths !== undefined)) {
    return raw;
  }
  const targets = [raw.request.path, raw.request.destinationPath].filter((path) => path !== undefined);
  for (const target of targets) {
    const found = await discoverLock(lookup, target, boundary).catch(() => undefined);
    if (found !== undefined) {
      return { ...raw, discoveredLock: found };
    }
  }
  return raw;
}
