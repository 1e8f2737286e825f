/**
 * A collection's path as davkit probes and syncs it: with its trailing slash.
 *
 * @example
 * ```ts
 * collectionPath('/docs'); // '/docs/'
 * ```
 */
export function collectionPath(path: string): string {
  return path.endsWith('/') ? path : `${path}/`;
}
