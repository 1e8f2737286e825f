import { DavClient } from './client.ts';
import type { ClientOptions } from './options.ts';

/**
 * Creates a WebDAV client.
 *
 * @example
 * ```ts
 * import { createClient } from 'davkit';
 *
 * const dav = createClient({
 *   baseUrl: 'https://cloud.example.com/remote.php/dav/files/alice/',
 *   auth: { type: 'basic', username: 'alice', password: process.env.DAV_PASSWORD! },
 * });
 * for (const entry of await dav.list('/')) console.log(entry.type, entry.path, entry.size);
 * ```
 *
 * @group Client
 */
export function createClient(options: ClientOptions): DavClient {
  return new DavClient(options);
}
