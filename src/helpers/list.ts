import type { DavClient } from '../client/client.ts';
import { DavParseError } from '../errors/dav-parse-error.ts';
import { isDavHttpError } from '../errors/guards.ts';
import type { DavResponse } from '../multistatus/types.ts';
import { mapPaced } from '../transport/pacer.ts';
import type { CallOptions } from '../transport/request-spec.ts';
import { resolveUrl, urlPath } from '../transport/url.ts';
import { samePath, trimTrailingSlash } from '../utils/href.ts';
import type { PropfindSelection } from '../xml/bodies/propfind.ts';
import { type Entry, toEntry } from './entry.ts';

/** Options of `list()`. */
export interface ListOptions extends CallOptions {
  /** Every descendant, not only the direct members. Uses Depth infinity, or walks level by level when the
   * server refuses it (Apache, nginx and webdav-server answer 403). */
  readonly deep?: boolean;
  /** Properties to ask for (default: allprop). */
  readonly props?: PropfindSelection;
}

/**
 * Lists the members of a collection as entries, in server order. `tryInfinity: false` walks a deep
 * listing level by level at once (the server is known to refuse `Depth: infinity`).
 *
 * @example
 * ```ts
 * const entries = await listEntries(dav, '/docs/', { deep: true });
 * ```
 */
export async function listEntries(
  client: DavClient,
  path: string,
  options: ListOptions,
  tryInfinity = true,
): Promise<Entry[]> {
  const base = new URL(client.baseUrl);
  const self = urlPath(resolveUrl(base, path));
  const props = options.props ?? 'allprop';
  if (options.deep && !tryInfinity) {
    return walk(client, path, options, base);
  }
  if (options.deep) {
    let responses: readonly DavResponse[];
    try {
      responses = (await client.propfind(path, { ...options, depth: 'infinity', props })).responses;
    } catch (error) {
      if (!isDavHttpError(error) || error.status !== 403) {
        throw error;
      }
      return walk(client, path, options, base);
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
        .map((entry) => walk(client, entry.path, options, base)),
    );
    return [...entries, ...nested.flat()];
  }
  const ms = await client.propfind(path, { ...options, depth: 1, props });
  // Paced: making the entries of a 100,000-entry listing would otherwise hold a page's main thread.
  const members = ms.responses.filter((response) => !samePath(response.path, self));
  return mapPaced(members, (response) => toEntry(response, base));
}

/** How many levels `path` lies below `ancestor` (0: the same; trailing slashes ignored). */
function levelsBelow(ancestor: string, path: string): number {
  const parent = trimTrailingSlash(ancestor);
  const child = trimTrailingSlash(path);
  return child.startsWith(`${parent}/`) ? child.slice(parent.length + 1).split('/').length : 0;
}

async function walk(client: DavClient, path: string, options: ListOptions, base: URL): Promise<Entry[]> {
  const members = await listEntries(client, path, { ...options, deep: false });
  const nested = await Promise.all(
    members
      .filter((entry) => entry.type === 'directory')
      .map((entry) => walk(client, entry.path, options, base)),
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
export async function statEntry(client: DavClient, path: string, options: CallOptions): Promise<Entry> {
  const ms = await client.propfind(path, { ...options, depth: 0 });
  const [response] = ms.responses;
  if (response === undefined) {
    throw new DavParseError(`The server answered PROPFIND ${path} with an empty multistatus`);
  }
  return toEntry(response, new URL(client.baseUrl));
}

/**
 * Whether a resource exists: a PROPFIND Depth 0 for one property; 404 (and 410) mean no.
 *
 * @example
 * ```ts
 * if (await resourceExists(dav, '/a.txt', {})) { … }
 * ```
 */
export async function resourceExists(
  client: DavClient,
  path: string,
  options: CallOptions,
): Promise<boolean> {
  try {
    await client.propfind(path, { ...options, depth: 0, props: ['{DAV:}resourcetype'] });
    return true;
  } catch (error) {
    if (isDavHttpError(error) && (error.status === 404 || error.status === 410)) {
      return false;
    }
    throw error;
  }
}
