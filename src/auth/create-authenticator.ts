import { basicAuthenticator } from './basic.ts';
import { bearerAuthenticator } from './bearer.ts';
import type { Authenticator, AuthOptions, DigestAuth } from './types.ts';

/** The authenticator for an auth option; `satisfies` keeps the table complete. */
const FACTORIES = {
  basic: basicAuthenticator,
  bearer: bearerAuthenticator,
  digest: lazyDigest,
} satisfies { [K in AuthOptions['type']]: (auth: Extract<AuthOptions, { type: K }>) => Authenticator };

/**
 * Digest auth, loaded on its first challenge (a code-splitting bundler leaves it out of an app's main
 * chunk). Until a challenge has been answered there is nothing to compute, exactly as the digest
 * authenticator itself answers `undefined` before its first challenge.
 */
function lazyDigest(auth: DigestAuth): Authenticator {
  let loaded: Promise<Authenticator> | undefined;
  let current: Authenticator | undefined;
  const load = (): Promise<Authenticator> => {
    loaded ??= import('./digest.ts').then((module) => {
      current = module.digestAuthenticator(auth);
      return current;
    });
    return loaded;
  };
  return {
    authorize: async (request) => (current === undefined ? undefined : current.authorize(request)),
    challenge: async (response, request) => (await load()).challenge(response, request),
  };
}

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
