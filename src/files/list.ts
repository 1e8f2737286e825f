import { DavParseError } from '../errors/dav-parse-error.ts';
import { isDavHttpError } from '../errors/guards.ts';
import type { Entry } from '../model/entry.ts';
import type { DavResponse, MultiStatus } from '../model/multistatus.ts';
import { type PropfindOptions, propfindOperation } from '../operations/propfind.ts';
import type { Session } from '../session/session.ts';
import { mapPaced } from '../transport/pacer.ts';
import type { CallOptions } from '../transport/request-spec.ts';
import { resolveUrl } from '../transport/url.ts';
import { samePath, trimTrailingSlash, urlPath } from '../utils/href.ts';
import type { PropfindSelection } from '../xml/bodies/propfind.ts';
import { toEntry } from './entry.ts';

/**
 * Options of `list()`.
 *
 * @group Client
 */
export interface ListOptions extends CallOptions {
  /** Every descendant, not only the direct members. Uses Depth infinity, or walks level by level when the
   * server refuses it (Apache, nginx and webdav-server answer 403). */
  readonly deep?: boolean;
  /** Properties to ask for (default: allprop). */
  readonly props?: PropfindSelection;
}

/**
 * Lists the members of a collection as entries, in server order.
 *
 * @example
 * ```ts
 * const entries = await listEntries(dav, '/docs/', { deep: true });
 * ```
 */
export async function listEntries(
  session: Session,
  path: string,
  options: ListOptions,
  tryInfinity = true,
): Promise<Entry[]> {
  const base = new URL(session.baseUrl);
  const self = urlPath(resolveUrl(base, path));
  const props = options.props ?? 'allprop';
  if (options.deep && !tryInfinity) {
    return walk(session, path, options, base);
  }
  if (options.deep) {
    let responses: readonly DavResponse[];
    try {
      responses = (await propfind(session, path, { ...options, depth: 'infinity', props })).responses;
    } catch (error) {
      if (!isDavHttpError(error) || error.status !== 403) {
        throw error;
      }
      return walk(session, path, options, base);
    }
    const entries = await mapPaced(
      responses.filter((response) => !samePath(response.path, self)),
      (response) => toEntry(response, base),
    );
    if (responses.some((response) => levelsBelow(self, response.path) > 1)) {
      return entries;
    }
    // Nothing deeper than the members: either the tree is that flat, or the server answered Depth
    // infinity as Depth 1 (SabreDAV 1.8 does, with a 207). Only walking the subdirectories can tell.
    const nested = await Promise.all(
      entries
        .filter((entry) => entry.type === 'directory')
        .map((entry) => walk(session, entry.path, options, base)),
    );
    return [...entries, ...nested.flat()];
  }
  const ms = await propfind(session, path, { ...options, depth: 1, props });
  // Paced: making the entries of a 100,000-entry listing would otherwise hold a page's main thread.
  const members = ms.responses.filter((response) => !samePath(response.path, self));
  return mapPaced(members, (response) => toEntry(response, base));
}

/** A PROPFIND through the session, with the call's own options. */
export function propfind(
  session: Session,
  path: string,
  options: PropfindOptions & CallOptions,
): Promise<MultiStatus> {
  return session.run(propfindOperation(path, options), options);
}

/** How many levels `path` lies below `ancestor` (0: the same; trailing slashes ignored). */
function levelsBelow(ancestor: string, path: string): number {
  const parent = trimTrailingSlash(ancestor);
  const child = trimTrailingSlash(path);
  return child.startsWith(`${parent}/`) ? child.slice(parent.length + 1).split('/').length : 0;
}

async function walk(session: Session, path: string, options: ListOptions, base: URL): Promise<Entry[]> {
  const members = await listEntries(session, path, { ...options, deep: false });
  const nested = await Promise.all(
    members
      .filter((entry) => entry.type === 'directory')
      .map((entry) => walk(session, entry.path, options, base)),
  );
  return [...members, ...nested.flat()];
}

/**
 * One resource as an entry (PROPFIND Depth 0).
 *
 * @example
 * ```ts
 * const entry = await statEntry(dav, '/a.txt', {});
 * ```
 */
export async function statEntry(session: Session, path: string, options: CallOptions): Promise<Entry> {
  const ms = await propfind(session, path, { ...options, depth: 0 });
  const [response] = ms.responses;
  if (response === undefined) {
    throw new DavParseError(`The server answered PROPFIND ${path} with an empty multistatus`);
  }
  return toEntry(response, new URL(session.baseUrl));
}

/**
 * Whether a resource exists: a PROPFIND Depth 0 for one property; 404 (and 410) mean no.
 *
 * @example
 * ```ts
 * if (await resourceExists(dav, '/a.txt', {})) { … }
 * ```
 */
export async function resourceExists(session: Session, path: string, options: CallOptions): Promise<boolean> {
  try {
    await propfind(session, path, { ...options, depth: 0, props: ['{DAV:}resourcetype'] });
    return true;
  } catch (error) {
    if (isDavHttpError(error) && (error.status === 404 || error.status === 410)) {
      return false;
    }
    throw error;
  }
}
