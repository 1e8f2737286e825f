/**
 * How the client authenticates. Credentials are never sent to another origin.
 *
 * @group Client
 */
export type AuthOptions =
  /** HTTP Basic credentials, sent with every request to the base URL's origin. */
  | { readonly type: 'basic'; readonly username: string; readonly password: string }
  /**
   * A bearer token: a string, or a function davkit calls for one (again, once, after a 401, so an
   * expired token can be refreshed).
   */
  | {
      readonly type: 'bearer';
      readonly token: string | ((context: { readonly refresh: boolean }) => string | Promise<string>);
    }
  /** HTTP Digest credentials (RFC 7616): davkit answers the server's challenge (MD5, SHA-256, `-sess`). */
  | { readonly type: 'digest'; readonly username: string; readonly password: string };

/** Basic credentials (one member of {@link AuthOptions}). */
export type BasicAuth = Extract<AuthOptions, { readonly type: 'basic' }>;
/** A bearer token (one member of {@link AuthOptions}). */
export type BearerAuth = Extract<AuthOptions, { readonly type: 'bearer' }>;
/** Digest credentials (one member of {@link AuthOptions}). */
export type DigestAuth = Extract<AuthOptions, { readonly type: 'digest' }>;

/** The request an authenticator is asked about. */
export interface AuthRequest {
  readonly method: string;
  readonly url: URL;
}

/** Produces `Authorization` values and answers 401 challenges. Internal to the transport. */
export interface Authenticator {
  /** The header for a request, when one can be computed before any challenge. */
  authorize(request: AuthRequest): Promise<string | undefined>;
  /** After a 401: whether to send the request once more (credentials updated from the challenge). */
  challenge(response: Response, request: AuthRequest): Promise<boolean>;
}
