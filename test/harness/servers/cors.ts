/**
 * CORS header set for the browser tests: the set that worked on every CORS-capable server
 * (real-servers.md §9), widened with the conditional/request headers davkit may send, REPORT/SEARCH,
 * and the response headers davkit reads.
 */

/** Methods every server here implements; nginx lacks PROPPATCH (real-servers.md §8). */
const BASE_METHODS = [
  'GET',
  'HEAD',
  'PUT',
  'DELETE',
  'OPTIONS',
  'PROPFIND',
  'MKCOL',
  'COPY',
  'MOVE',
  'LOCK',
  'UNLOCK',
];

/**
 * Allow-Methods for servers with PROPPATCH and a REPORT/SEARCH dispatcher (apache, sabredav,
 * webdav-server); PATCH for SabreDAV's partial updates (the others answer it 405).
 */
export const FULL_METHODS: readonly string[] = [...BASE_METHODS, 'PROPPATCH', 'REPORT', 'SEARCH', 'PATCH'];

/** Allow-Methods for nginx + dav-ext: no PROPPATCH, REPORT or SEARCH (it answers 405). */
export const NGINX_METHODS: readonly string[] = BASE_METHODS;

/**
 * `Authorization` must be listed explicitly: the `*` wildcard never covers it (real-servers.md §9).
 */
const ALLOW_HEADERS = [
  'Authorization',
  'Content-Type',
  'Depth',
  'Destination',
  'If',
  'Lock-Token',
  'Overwrite',
  'Timeout',
  'If-Match',
  'If-None-Match',
  'X-Requested-With',
  'X-Davkit-Run',
  // Resumable transfers: ranged writes (Apache's PUT, SabreDAV's PATCH) and ranged reads.
  'Content-Range',
  'X-Update-Range',
  'Range',
  'If-Range',
];

const EXPOSE_HEADERS = [
  'DAV',
  'ETag',
  'Lock-Token',
  'Location',
  'Content-Type',
  'Content-Length',
  'Retry-After',
  'Date',
  // A resumed download checks that a 206 is the range it asked for, of the version it had.
  'Content-Range',
  'Accept-Ranges',
  'Last-Modified',
];

/**
 * The CORS response headers (name → value) to add to every response, including errors and preflights.
 * @param methods - the Allow-Methods list for this server
 */
export function corsHeaders(methods: readonly string[]): Record<string, string> {
  return {
    'Access-Control-Allow-Origin': '*',
    'Access-Control-Allow-Methods': methods.join(', '),
    'Access-Control-Allow-Headers': ALLOW_HEADERS.join(', '),
    'Access-Control-Expose-Headers': EXPOSE_HEADERS.join(', '),
    'Access-Control-Max-Age': '600',
  };
}
