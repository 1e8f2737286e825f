import { isSafeMethod } from '../model/methods.ts';

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** Why a redirect is not followed, or where it leads. */
export type RedirectDecision =
  | { readonly follow: true; readonly url: URL; readonly crossOrigin: boolean }
  | { readonly follow: false; readonly reason?: string };

/**
 * Decides whether to follow a redirect (outside browsers, where davkit follows them itself).
 *
 * - The method is kept: a PROPFIND redirected with 301 is still a PROPFIND, never a GET.
 * - `303 See Other` means "GET something else", which only a GET or HEAD can honour.
 * - Another origin gets neither credentials nor an unsafe request: a PUT or DELETE is not replayed
 *   against a host the caller never named.
 *
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-15.4
 * @example
 * ```ts
 * decideRedirect(301, '/dav/new/', new URL('https://h/dav/old/'), 'PROPFIND', 0, 5);
 * // { follow: true, url: URL('https://h/dav/new/'), crossOrigin: false }
 * decideRedirect(307, 'https://other/x', new URL('https://h/dav/x'), 'PUT', 0, 5);
 * // { follow: false, reason: 'a PUT is not replayed on another origin (https://other)' }
 * ```
 */
export function decideRedirect(
  status: number,
  location: string | null,
  from: URL,
  method: string,
  hops: number,
  maxRedirects: number,
): RedirectDecision {
  if (!REDIRECT_STATUSES.has(status) || location === null) {
    return { follow: false };
  }
  if (hops >= maxRedirects) {
    return { follow: false, reason: `more than ${maxRedirects} redirects` };
  }
  if (status === 303 && method !== 'GET' && method !== 'HEAD') {
    return { follow: false, reason: `303 See Other is not followed for ${method}` };
  }
  let url: URL;
  try {
    url = new URL(location, from);
  } catch {
    return { follow: false, reason: 'the Location header is not a valid URL' };
  }
  const crossOrigin = url.origin !== from.origin;
  if (crossOrigin && !isSafeMethod(method)) {
    return { follow: false, reason: `a ${method} is not replayed on another origin (${url.origin})` };
  }
  return { follow: true, url, crossOrigin };
}
