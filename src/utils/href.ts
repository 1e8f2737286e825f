/**
 * Hrefs and paths. An href is what a server sends (`/dav/caf%c3%a9`, a full URL, or relative);
 * a path is the absolute, percent-decoded form davkit reports (`/dav/café`).
 */

const ABSOLUTE_URL = /^[a-zA-Z][a-zA-Z\d+.-]*:/;

/**
 * Decodes percent-escapes once. A malformed escape (`%zz`, or bytes that are not UTF-8) is kept as
 * it was rather than failing, one segment at a time, so the rest of the path still decodes.
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
 * href is resolved against `base` (a URL), or against `/` when there is none.
 *
 * @example
 * ```ts
 * hrefToPath('/dav/caf%c3%a9/');                             // '/dav/café/'
 * hrefToPath('http://127.0.0.1:8080/dav/a%20b');             // '/dav/a b'
 * hrefToPath('lk2/m.txt', 'http://host/dav/');               // '/dav/lk2/m.txt'
 * ```
 */
export function hrefToPath(href: string, base?: string | URL): string {
  if (href.charCodeAt(0) === 47 /* / */ && href.charCodeAt(1) !== 47 && !hasDotSegment(href)) {
    return percentDecode(stripQuery(href));
  }
  try {
    const url = ABSOLUTE_URL.test(href) ? new URL(href) : new URL(href, base ?? 'http://base.invalid/');
    return percentDecode(url.pathname);
  } catch {
    return percentDecode(href);
  }
}

function hasDotSegment(path: string): boolean {
  return /(^|\/)\.\.?(\/|$)/.test(path);
}

function stripQuery(href: string): string {
  const cut = href.search(/[?#]/);
  return cut === -1 ? href : href.slice(0, cut);
}

/** Percent-encodes one path segment (everything but unreserved characters and a few safe ones). */
export function encodeSegment(segment: string): string {
  return encodeURIComponent(segment).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** Percent-encodes a decoded path, segment by segment, keeping its slashes. */
export function encodePath(path: string): string {
  return path.split('/').map(encodeSegment).join('/');
}

/** Whether `ancestor` is `path` or one of its ancestors (trailing slashes ignored). */
export function isSameOrAncestor(ancestor: string, path: string): boolean {
  const a = trimTrailingSlash(ancestor);
  const p = trimTrailingSlash(path);
  return a === p || p.startsWith(a === '' ? '/' : `${a}/`);
}

/** Whether `ancestor` is a strict ancestor of `path`. */
export function isAncestor(ancestor: string, path: string): boolean {
  return isSameOrAncestor(ancestor, path) && trimTrailingSlash(ancestor) !== trimTrailingSlash(path);
}

/** `'/a/b/'` → `'/a/b'`, and the root `'/'` → `''`: a key under which `/a` and `/a/` compare equal. */
export function trimTrailingSlash(path: string): string {
  let end = path.length;
  while (end > 0 && path.charCodeAt(end - 1) === 47) {
    end--;
  }
  return path.slice(0, end);
}

/** The parent path of a path (`'/a/b.txt'` → `'/a/'`, `'/a/'` → `'/'`), or `undefined` for the root. */
export function parentPath(path: string): string | undefined {
  const trimmed = trimTrailingSlash(path);
  if (trimmed === '') {
    return undefined;
  }
  return trimmed.slice(0, trimmed.lastIndexOf('/') + 1);
}

/** The last segment of a path (`'/a/b/'` → `'b'`). */
export function baseName(path: string): string {
  const trimmed = trimTrailingSlash(path);
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}

/** Paths equal up to trailing slashes (`/a/b` and `/a/b/`): servers drop them in error responses. */
export function samePath(a: string, b: string): boolean {
  return trimTrailingSlash(a) === trimTrailingSlash(b);
}
