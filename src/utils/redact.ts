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

/** Header names whose values must never appear in errors or results. */
export const SECRET_HEADERS: ReadonlySet<string> = new Set([
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  'www-authenticate',
  'proxy-authenticate',
]);
