/**
 * The credentials a request carried, remembered per response, so that an error body that echoes them
 * (debug error pages, echo endpoints, proxies that print the request) does not carry them into a
 * `DavHttpError` snippet, a log line or a bug report.
 *
 * A WeakMap keyed by the `Response`: nothing is added to public objects, and every reader of a failed
 * body (the client, `streamPropfind`, downloads) goes through `readBodyText`, which applies it.
 */

const SENT = new WeakMap<Response, readonly string[]>();

// Shorter values would mangle ordinary text if replaced; real tokens and Basic credentials are longer.
const MIN_SECRET_LENGTH = 4;

/** What to hide for one `Authorization` value: the whole value and the credentials after the scheme. */
function secretsOf(authorization: string): string[] {
  const credentials = authorization.replace(/^\S+\s+/, '');
  return [authorization, credentials].filter((secret) => secret.length >= MIN_SECRET_LENGTH);
}

/**
 * Remembers the `Authorization` values sent to get `response` (every attempt: a Digest or bearer
 * refresh sends a second one).
 *
 * @example
 * ```ts
 * rememberSentSecrets(response, ['Basic dTpw']);
 * ```
 */
export function rememberSentSecrets(response: Response, authorizations: readonly string[]): void {
  if (authorizations.length > 0) {
    SENT.set(
      response,
      [...new Set(authorizations.flatMap(secretsOf))].sort((a, b) => b.length - a.length),
    );
  }
}

/**
 * The text of a response body with the credentials sent for it replaced by `[REDACTED]`.
 *
 * @example
 * ```ts
 * withoutSentSecrets(response, '<li>authorization: Basic dTpw</li>'); // '<li>authorization: [REDACTED]</li>'
 * ```
 */
export function withoutSentSecrets(response: Response, text: string): string {
  let redacted = text;
  for (const secret of SENT.get(response) ?? []) {
    redacted = redacted.split(secret).join('[REDACTED]');
  }
  return redacted;
}
