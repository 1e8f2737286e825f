import { parentPath } from '../utils/href.ts';
import type { Capabilities, PartialUpdateMethod, ProbeOptions } from './types.ts';

/**
 * What the fact readers (and uploads choosing their strategy) need of a client: its probe, and what
 * it has cached. `DavClient` has both.
 *
 * @example
 * ```ts
 * const caps = prober.probes.around(prober.url('/media/')) ?? (await prober.probe('/media/'));
 * ```
 */
export interface Prober {
  url(path: string): string;
  readonly probes: { around(url: string): Capabilities | undefined };
  probe(path: string, options?: ProbeOptions): Promise<Capabilities>;
}

/**
 * The capabilities that speak for a resource: a cached result for its collection or an ancestor,
 * else a probe of the collection that holds it (a file's parent).
 */
async function capabilitiesFor(client: Prober, path: string, options: ProbeOptions): Promise<Capabilities> {
  const collection = path.endsWith('/') ? path : (parentPath(path) ?? '/');
  return client.probes.around(client.url(collection)) ?? client.probe(collection, options);
}

/**
 * How part of the resource at `path` can be written, verified on the server (uploads pick their
 * strategy from it): `[]` when no way works or none could be tried.
 *
 * @example
 * ```ts
 * if ((await partialUpdateFor(dav, '/big.iso')).includes('content-range')) { … resume with PUT ranges }
 * ```
 */
export async function partialUpdateFor(
  client: Prober,
  path: string,
  options: ProbeOptions = {},
): Promise<readonly PartialUpdateMethod[]> {
  return (await capabilitiesFor(client, path, options)).partialUpdate;
}

/**
 * Whether a write with `If-Match` is refused when the ETag does not match, where `path` lives
 * (verified writes rely on it): `'unknown'` when it could not be tried.
 *
 * @example
 * ```ts
 * if ((await ifMatchHonouredFor(dav, '/a.txt')) !== true) { … guard the write another way }
 * ```
 */
export async function ifMatchHonouredFor(
  client: Prober,
  path: string,
  options: ProbeOptions = {},
): Promise<boolean | 'unknown'> {
  return (await capabilitiesFor(client, path, options)).ifMatchHonoured;
}
