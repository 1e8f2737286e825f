/** Query parameters whose values are secrets in common WebDAV deployments (pre-signed links, tokens). */
const SECRET_PARAMS =
  /^(?:access_token|token|auth|password|pass|pwd|secret|key|api_key|apikey|sig|signature|x-amz-signature|x-amz-credential|x-amz-security-token)$/i;

/**
 * A URL safe to show in messages and logs: no userinfo, and secret-looking query values replaced.
 * Invalid URLs are returned with anything that looks like userinfo cut out.
 *
 * @example
 * ```ts
 * redactUrl('https://alice:pw@host/dav/?access_token=abc'); // 'https://host/dav/?access_token=%5BREDACTED%5D'
 * ```
 */
export function redactUrl(url: string | URL): string {
  if (typeof url !== 'string' && url.username === '' && url.password === '' && url.search === '') {
    return url.href; // nothing to hide: the common case, without parsing again
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return String(url).replace(/\/\/[^/@]*@/, '//');
  }
  parsed.username = '';
  parsed.password = '';
  for (const name of [...parsed.searchParams.keys()]) {
    if (SECRET_PARAMS.test(name)) {
      parsed.searchParams.set(name, '[REDACTED]');
    }
  }
  return parsed.href;
}

/**
 * Header names whose values must never appear in errors or results.
 *
 * @example
 * ```ts
 * SECRET_HEADERS.has('authorization'); // true
 * ```
 */
export const SECRET_HEADERS: ReadonlySet<string> = new Set([
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  'www-authenticate',
  'proxy-authenticate',
]);

// The scheme is bounded: unbounded, a long run of letters made every position scan to the end of the
// text (a 600,000-character property value took minutes). Any scheme, however long, still has its
// last 32 characters matched, so no userinfo is missed.
const URL_USERINFO = /([a-z][a-z\d+.-]{0,31}:\/\/)[^\s/?#@]*@/gi;

/**
 * Text with the userinfo of every URL in it removed, for messages that quote a URL (fetch's
 * "Request cannot be constructed from a URL that includes credentials: https://u:pw@host/").
 *
 * @example
 * ```ts
 * redactText('bad URL https://alice:pw@host/dav/'); // 'bad URL https://host/dav/'
 * ```
 */
export function redactText(text: string): string {
  return text.replace(URL_USERINFO, '$1');
}

/**
 * A copy of an error chain that is safe to keep as an error's `cause`: names, messages (with URL
 * userinfo removed, and whatever else `clean` removes), string `code`s and stack frames only, at
 * most four levels deep.
 *
 * Why: `cause` is what `console.error` and loggers print. ky's `TimeoutError` and `NetworkError` hold
 * the `Request` (with its `Authorization` header), and `new URL()`'s `TypeError` holds the rejected
 * input (with its password); keeping them would print both.
 *
 * @example
 * ```ts
 * new DavNetworkError({ method, url, cause: safeCause(kyError) });
 * ```
 */
export function safeCause(cause: unknown, clean: (text: string) => string = redactText): Error | undefined {
  return copyCause(cause, 0, clean);
}

function copyCause(cause: unknown, depth: number, clean: (text: string) => string): Error | undefined {
  if (cause === undefined || cause === null || depth > 3) {
    return undefined;
  }
  if (!(cause instanceof Error)) {
    return new Error(clean(String(cause)));
  }
  const inner = copyCause(cause.cause, depth + 1, clean);
  const copy = new Error(clean(cause.message), inner === undefined ? undefined : { cause: inner });
  copy.name = cause.name;
  const frames =
    cause.stack
      ?.split('\n')
      .filter((line) => /^\s+at /.test(line))
      .map(clean) ?? [];
  copy.stack = [`${copy.name}: ${copy.message}`, ...frames].join('\n');
  const code = (cause as { code?: unknown }).code;
  if (typeof code === 'string') {
    Object.defineProperty(copy, 'code', { value: code, enumerable: true });
  }
  return copy;
}
