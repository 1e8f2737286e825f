import type { Quota } from '../model/entry.ts';
import type { QuotaSentinel } from '../model/multistatus.ts';
import type { Session } from '../session/session.ts';
import type { CallOptions } from '../transport/request-spec.ts';
import { successfulProps } from './entry.ts';
import { propfind } from './list.ts';

/**
 * Reads `DAV:quota-used-bytes` and `DAV:quota-available-bytes` of a collection.
 *
 * @see https://www.rfc-editor.org/rfc/rfc4331
 * @example
 * ```ts
 * const { used, available } = await readQuota(dav, '/', {}); // Nextcloud: available 'unlimited'
 * ```
 */
export async function readQuota(session: Session, path: string, options: CallOptions): Promise<Quota> {
  const ms = await propfind(session, path, {
    ...options,
    depth: 0,
    props: ['{DAV:}quota-used-bytes', '{DAV:}quota-available-bytes'],
  });
  const [response] = ms.responses;
  const props = response === undefined ? {} : successfulProps(response);
  const used = (props as Record<string, unknown>)['{DAV:}quota-used-bytes'];
  const available = (props as Record<string, unknown>)['{DAV:}quota-available-bytes'];
  return {
    ...(typeof used === 'number' ? { used } : {}),
    ...(typeof available === 'number' || typeof available === 'string'
      ? { available: available as number | QuotaSentinel }
      : {}),
  };
}
