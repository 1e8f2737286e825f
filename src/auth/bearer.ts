import type { Authenticator, BearerAuth } from './types.ts';

/**
 * Bearer tokens. A token function is asked once per client until a 401 arrives; it is then asked
 * again with `{ refresh: true }` and the request is sent once more.
 *
 * @see https://www.rfc-editor.org/rfc/rfc6750
 * @example
 * ```ts
 * bearerAuthenticator({ type: 'bearer', token: ({ refresh }) => tokens.get({ refresh }) });
 * ```
 */
export function bearerAuthenticator(auth: BearerAuth): Authenticator {
  const source = auth.token;
  let current: Promise<string> | undefined;
  const fetchToken = (refresh: boolean) => {
    current = typeof source === 'string' ? Promise.resolve(source) : Promise.resolve(source({ refresh }));
    return current;
  };
  return {
    authorize: async () => `Bearer ${await (current ?? fetchToken(false))}`,
    challenge: async () => {
      if (typeof source === 'string') {
        return false;
      }
      await fetchToken(true);
      return true;
    },
  };
}
