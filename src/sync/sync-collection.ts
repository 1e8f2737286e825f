import { DavParseError } from '../errors/dav-parse-error.ts';
import { isDavHttpError } from '../errors/guards.ts';
import { successfulProps, toEntry } from '../files/entry.ts';
import type { Entry } from '../model/entry.ts';
import type { DavResponse } from '../model/multistatus.ts';
import type { CallOptions } from '../transport/request-spec.ts';
import { clientPath, samePath, urlPath } from '../utils/href.ts';
import { syncCollectionBody } from '../xml/bodies/report.ts';
import type { SyncSession } from './session.ts';
import { SYNC_PROPS } from './walk.ts';

/** What the server reported for one collection since a token. */
export interface CollectionDelta {
  /** The token to continue from next time. */
  readonly token: string;
  /** Members created or changed (or, after an empty token, every member). */
  readonly members: readonly Entry[];
  /** Client paths of members the server reported gone (404). */
  readonly gone: readonly string[];
  /** Requests it took: more than one when the server truncated its answer (507). */
  readonly rounds: number;
}

/** A truncated answer that never completes is a server fault, not an endless loop. */
const MAX_ROUNDS = 10_000;

/**
 * Whether the server refused the sync token: the `DAV:valid-sync-token` precondition (RFC 6578
 * §3.2; Radicale answers 403 with it, the RFC suggests 403 or 409).
 */
export function isInvalidToken(error: unknown): boolean {
  return isDavHttpError(error) && error.conditions.some((each) => each.name === '{DAV:}valid-sync-token');
}

/**
 * Whether a failed REPORT means "this collection has no sync-collection" rather than a real failure:
 * 501/405 (no REPORT), 400/415/422 (not understood), 403 with `DAV:supported-report` or nothing else.
 */
export function isNotOffered(error: unknown): boolean {
  if (!isDavHttpError(error) || isInvalidToken(error)) {
    return false;
  }
  return [400, 403, 405, 415, 422, 501].includes(error.status);
}

/** A response is a removal when it carries 404 and no successful property. */
function isGone(response: DavResponse): boolean {
  if (response.kind === 'status') {
    return response.status === 404;
  }
  return response.propstats.every((each) => each.status === 404) && response.propstats.length > 0;
}

/** Whether the response is the collection's own 507: the answer was truncated (RFC 6578 §3.6). */
function isTruncation(response: DavResponse, self: string): boolean {
  const paths = response.kind === 'status' ? response.paths : [response.path];
  const status = response.kind === 'status' ? response.status : undefined;
  return status === 507 && paths.some((path) => samePath(path, self));
}

/**
 * Asks the collection what changed since `token` (everything, for an empty token) with the RFC 6578
 * `sync-collection` REPORT, at sync-level 1. A truncated answer (507 on the request URI) is continued
 * with the new token until the server says it is complete.
 *
 * @throws {DavHttpError} as the server answered; `isInvalidToken()` tells a refused token
 * @see https://www.rfc-editor.org/rfc/rfc6578#section-3.6
 */
export async function reportChanges(
  session: SyncSession,
  collection: string,
  token: string,
  call: CallOptions,
): Promise<CollectionDelta> {
  const base = new URL(session.baseUrl);
  const self = urlPath(new URL(session.url(collection)));
  const members = new Map<string, Entry>();
  const gone = new Set<string>();
  let current = token;
  for (let rounds = 1; rounds <= MAX_ROUNDS; rounds++) {
    const body = syncCollectionBody({ syncToken: current, level: 1, props: [...SYNC_PROPS] });
    const answer = await session.report(collection, body, { ...call, depth: 0 });
    let truncated = false;
    for (const response of answer.responses) {
      if (isTruncation(response, self)) {
        truncated = true;
      } else if (isGone(response)) {
        for (const path of response.kind === 'status' ? response.paths : [response.path]) {
          const gonePath = clientPath(base, path);
          gone.add(gonePath);
          members.delete(gonePath);
        }
      } else if (!samePath(response.path, self) && hasProps(response)) {
        const entry = toEntry(response, base);
        members.set(entry.path, entry);
        gone.delete(entry.path);
      }
    }
    if (answer.syncToken === undefined || answer.syncToken === '') {
      throw new DavParseError(`The sync-collection answer for ${collection} carries no DAV:sync-token`);
    }
    if (!truncated) {
      return { token: answer.syncToken, members: [...members.values()], gone: [...gone], rounds };
    }
    if (answer.syncToken === current) {
      throw new DavParseError(
        `The server truncated the sync-collection answer for ${collection} (507) without a new token`,
      );
    }
    current = answer.syncToken;
  }
  throw new DavParseError(
    `The sync-collection answer for ${collection} stayed truncated for ${MAX_ROUNDS} requests`,
  );
}

function hasProps(response: DavResponse): boolean {
  return Object.keys(successfulProps(response)).length > 0;
}
