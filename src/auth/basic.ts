import { base64Utf8 } from './base64.ts';
import type { Authenticator, BasicAuth } from './types.ts';

/**
 * Basic auth, sent up front (no extra round trip). Names and passwords are UTF-8 encoded.
 *
 * @see https://www.rfc-editor.org/rfc/rfc7617
 * @example
 * ```ts
 * await basicAuthenticator({ type: 'basic', username: 'u', password: 'p' }).authorize(request); // 'Basic dTpw'
 * ```
 */
export function basicAuthenticator(auth: BasicAuth): Authenticator {
  const header = `Basic ${base64Utf8(`${auth.username}:${auth.password}`)}`;
  return {
    authorize: async () => header,
    challenge: async () => false,
  };
}
