import { basicAuthenticator } from './basic.ts';
import { bearerAuthenticator } from './bearer.ts';
import { digestAuthenticator } from './digest.ts';
import type { Authenticator, AuthOptions } from './types.ts';

/** The authenticator for an auth option; `satisfies` keeps the table complete. */
const FACTORIES = {
  basic: basicAuthenticator,
  bearer: bearerAuthenticator,
  digest: digestAuthenticator,
} satisfies { [K in AuthOptions['type']]: (auth: Extract<AuthOptions, { type: K }>) => Authenticator };

/**
 * Builds the authenticator for the client's `auth` option.
 *
 * @example
 * ```ts
 * const authenticator = createAuthenticator({ type: 'digest', username, password });
 * ```
 */
export function createAuthenticator(auth: AuthOptions): Authenticator {
  return (FACTORIES[auth.type] as (auth: AuthOptions) => Authenticator)(auth);
}
