import { checkPath } from '../checks/arguments.ts';
import { DavUsageError } from '../errors/transport-errors.ts';
import { encodePath } from '../utils/href.ts';
import { redactText, safeCause } from '../utils/redact.ts';

const ABSOLUTE = /^https?:\/\//i;

/**
 * The base URL with a trailing slash, so that relative paths extend it instead of replacing its last segment.
 *
 * @example
 * ```ts
 * normaliseBaseUrl('https://host/dav').href; // 'https://host/dav/'
 * ```
 */
export function normaliseBaseUrl(baseUrl: string | URL): URL {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch (cause) {
    throw new DavUsageError(`baseUrl must be an absolute http(s) URL, got ${quoteBaseUrl(baseUrl)}`, {
      cause: safeCause(cause),
    });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new DavUsageError(`baseUrl must be an http(s) URL, got ${quoteBaseUrl(baseUrl)}`);
  }
  if (!url.pathname.endsWith('/')) {
    url.pathname = `${url.pathname}/`;
  }
  url.search = '';
  url.hash = '';
  return url;
}

/**
 * A rejected base URL, quoted for the error message without its credentials: `user:pw@host/` without
 * a scheme parses as a URL whose "protocol" is the user name.
 */
function quoteBaseUrl(baseUrl: string | URL): string {
  return JSON.stringify(redactText(String(baseUrl)).replace(/^[^\s/?#@]*@/, ''));
}

/**
 * Resolves a client path against the base URL. Paths are decoded text relative to the base
 * (`/reports/q4 2026.csv` → `<base>/reports/q4%202026.csv`), a leading slash included; an absolute
 * http(s) URL is used as it is.
 *
 * @example
 * ```ts
 * resolveUrl(new URL('https://host/dav/'), '/a b/c.txt').href; // 'https://host/dav/a%20b/c.txt'
 * ```
 */
export function resolveUrl(base: URL, path: string): URL {
  checkPath(path);
  if (ABSOLUTE.test(path)) {
    return new URL(path);
  }
  const relative = path.replace(/^\/+/, '');
  if (relative.split('/').some((segment) => segment === '..' || segment === '.')) {
    throw new DavUsageError(`Paths may not contain "." or ".." segments: ${JSON.stringify(path)}`);
  }
  return new URL(encodePath(relative), base);
}
