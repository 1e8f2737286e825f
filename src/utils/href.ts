/**
 * Hrefs and paths. An href is what a server sends (`/dav/caf%c3%a9`, a full URL, or relative);
 * a path is the absolute, percent-decoded form davkit reports (`/dav/café`).
 */

const ABSOLUTE_URL = /^[a-zA-Z][a-zA-Z\d+.-]*:/;

/**
 * Decodes percent-escapes once. A malformed escape (`%zz`, or bytes that are not UTF-8) is kept as
 * it was rather than failing, one segment at a time, so the rest of the path still decodes.
 *
 * @example
 * ```ts
 * percentDecode('/dav/caf%c3%a9/%zz'); // '/dav/café/%zz'
 * ```
 */
export function percentDecode(path: string): string {
  if (path.indexOf('%') === -1) {
    return path;
  }
  try {
    return decodeURIComponent(path);
  } catch {
    return path
      .split('/')
      .map((segment) => {
        try {
          return decodeURIComponent(segment);
        } catch {
          return segment;
        }
      })
      .join('/');
  }
}

/**
 * Turns an href into an absolute, percent-decoded path. A full URL is reduced to its path; a relative
 * href is aligned with `anchor` (the request path, or the paths a request touches: a MOVE's source
 * and destination, tried in order) when it continues it, else resolved against `base` (a URL), or
 * against `/` when there is none.
 *
 * @example
 * ```ts
 * hrefToPath('/dav/caf%c3%a9/');                             // '/dav/café/'
 * hrefToPath('http://127.0.0.1:8080/dav/a%20b');             // '/dav/a b'
 * hrefToPath('lk2/m.txt', 'http://host/dav/');               // '/dav/lk2/m.txt'
 * hrefToPath('team/lk2/m.txt', 'http://host/dav/team/', '/dav/team/lk2/'); // '/dav/team/lk2/m.txt'
 * ```
 */
export function hrefToPath(href: string, base?: string | URL, anchor?: string | readonly string[]): string {
  if (href.charCodeAt(0) === 47 /* / */ && href.charCodeAt(1) !== 47 && !hasDotSegment(href)) {
    return percentDecode(stripQuery(href));
  }
  const anchors =
    anchor === undefined || ABSOLUTE_URL.test(href) ? [] : typeof anchor === 'string' ? [anchor] : anchor;
  const aligned = anchors.map((each) => alignRelative(href, each)).find((path) => path !== undefined);
  if (aligned !== undefined) {
    return aligned;
  }
  try {
    const url = ABSOLUTE_URL.test(href) ? new URL(href) : new URL(href, base ?? 'http://base.invalid/');
    return percentDecode(url.pathname);
  } catch {
    return percentDecode(href);
  }
}

/**
 * Resolves a relative href against the request path it is about. SabreDAV sends hrefs relative to
 * its DAV root, which may lie above the client's base URL: `coll/m.txt` for a request to
 * `/dav/team/coll/` means `/dav/team/coll/m.txt` when the client's base is `/dav/team/` but the
 * server's root is `/dav/`. The href's leading segments are matched against the request path's;
 * the first position where they line up gives the root. `undefined` when they never line up.
 */
function alignRelative(href: string, anchor: string): string | undefined {
  if (hasDotSegment(href)) {
    return undefined;
  }
  const relative = percentDecode(stripQuery(href));
  const hrefSegments = relative.split('/').filter((segment) => segment !== '');
  const anchorSegments = anchor.split('/').filter((segment) => segment !== '');
  for (let start = 0; start < anchorSegments.length; start++) {
    const overlap = Math.min(hrefSegments.length, anchorSegments.length - start);
    let matches = overlap > 0;
    for (let i = 0; i < overlap && matches; i++) {
      matches = anchorSegments[start + i] === hrefSegments[i];
    }
    if (matches) {
      const joined = [...anchorSegments.slice(0, start), ...hrefSegments].join('/');
      return `/${joined}${relative.endsWith('/') ? '/' : ''}`;
    }
  }
  return undefined;
}

function hasDotSegment(path: string): boolean {
  return /(^|\/)\.\.?(\/|$)/.test(path);
}

function stripQuery(href: string): string {
  const cut = href.search(/[?#]/);
  return cut === -1 ? href : href.slice(0, cut);
}

/**
 * Percent-encodes one path segment (everything but unreserved characters and a few safe ones).
 *
 * @example
 * ```ts
 * encodeSegment("a b(1)'"); // 'a%20b%281%29%27'
 * ```
 */
export function encodeSegment(segment: string): string {
  return encodeURIComponent(segment).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/**
 * Percent-encodes a decoded path, segment by segment, keeping its slashes.
 *
 * @example
 * ```ts
 * encodePath('/a b/c é'); // '/a%20b/c%20%C3%A9'
 * ```
 */
export function encodePath(path: string): string {
  return path.split('/').map(encodeSegment).join('/');
}

/**
 * Whether `ancestor` is `path` or one of its ancestors (trailing slashes ignored).
 *
 * @example
 * ```ts
 * isSameOrAncestor('/dav/a/', '/dav/a/b.txt'); // true
 * isSameOrAncestor('/dav/a', '/dav/ab');      // false
 * ```
 */
export function isSameOrAncestor(ancestor: string, path: string): boolean {
  const a = trimTrailingSlash(ancestor);
  const p = trimTrailingSlash(path);
  return a === p || p.startsWith(a === '' ? '/' : `${a}/`);
}

/**
 * Whether `ancestor` is a strict ancestor of `path`.
 *
 * @example
 * ```ts
 * isAncestor('/dav/a', '/dav/a/'); // false: the same collection
 * ```
 */
export function isAncestor(ancestor: string, path: string): boolean {
  return isSameOrAncestor(ancestor, path) && trimTrailingSlash(ancestor) !== trimTrailingSlash(path);
}

/**
 * `'/a/b/'` → `'/a/b'`, and the root `'/'` → `''`: a key under which `/a` and `/a/` compare equal.
 *
 * @example
 * ```ts
 * trimTrailingSlash('/a/b//'); // '/a/b'
 * ```
 */
export function trimTrailingSlash(path: string): string {
  let end = path.length;
  while (end > 0 && path.charCodeAt(end - 1) === 47) {
    end--;
  }
  return path.slice(0, end);
}

/**
 * The parent path of a path (`'/a/b.txt'` → `'/a/'`, `'/a/'` → `'/'`), or `undefined` for the root.
 *
 * @example
 * ```ts
 * parentPath('/a/b.txt'); // '/a/'
 * ```
 */
export function parentPath(path: string): string | undefined {
  const trimmed = trimTrailingSlash(path);
  if (trimmed === '') {
    return undefined;
  }
  return trimmed.slice(0, trimmed.lastIndexOf('/') + 1);
}

/**
 * The last segment of a path (`'/a/b/'` → `'b'`).
 *
 * @example
 * ```ts
 * baseName('/a/b/'); // 'b'
 * ```
 */
export function baseName(path: string): string {
  const trimmed = trimTrailingSlash(path);
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}

/**
 * Paths equal up to trailing slashes (`/a/b` and `/a/b/`): servers drop them in error responses.
 *
 * @example
 * ```ts
 * samePath('/dav/lk1', '/dav/lk1/'); // true
 * ```
 */
export function samePath(a: string, b: string): boolean {
  return trimTrailingSlash(a) === trimTrailingSlash(b);
}

/**
 * The absolute, percent-decoded path of a URL.
 *
 * @example
 * ```ts
 * urlPath(new URL('https://h/dav/caf%C3%A9/')); // '/dav/café/'
 * ```
 */
export function urlPath(url: URL): string {
  return percentDecode(url.pathname);
}

/**
 * A server path (absolute, decoded) as a client path (relative to the base, with a leading slash),
 * or an absolute URL when it lies outside the base.
 *
 * @example
 * ```ts
 * clientPath(new URL('https://host/dav/'), '/dav/a/b.txt'); // '/a/b.txt'
 * ```
 */
export function clientPath(base: URL, serverPath: string): string {
  const basePath = percentDecode(base.pathname);
  if (serverPath.startsWith(basePath)) {
    return `/${serverPath.slice(basePath.length)}`;
  }
  if (`${serverPath}/` === basePath) {
    return '/';
  }
  return new URL(encodePath(serverPath), base.origin).href;
}
