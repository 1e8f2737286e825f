/**
 * HTTP and WebDAV status codes by name, for readable comparisons:
 * `if (error.status === DavStatus.Locked)`.
 *
 * @see https://www.rfc-editor.org/rfc/rfc4918#section-11
 * @example
 * ```ts
 * if (isDavHttpError(error) && error.status === DavStatus.Locked) { … }
 * ```
 *
 * @group Errors
 */
export const DavStatus = {
  Ok: 200,
  Created: 201,
  NoContent: 204,
  MultiStatus: 207,
  MovedPermanently: 301,
  Found: 302,
  SeeOther: 303,
  NotModified: 304,
  TemporaryRedirect: 307,
  PermanentRedirect: 308,
  BadRequest: 400,
  Unauthorized: 401,
  Forbidden: 403,
  NotFound: 404,
  MethodNotAllowed: 405,
  Conflict: 409,
  PreconditionFailed: 412,
  ContentTooLarge: 413,
  UnsupportedMediaType: 415,
  UnprocessableContent: 422,
  Locked: 423,
  FailedDependency: 424,
  TooManyRequests: 429,
  InternalServerError: 500,
  NotImplemented: 501,
  BadGateway: 502,
  ServiceUnavailable: 503,
  GatewayTimeout: 504,
  InsufficientStorage: 507,
} as const;

/**
 * One of the named status codes.
 *
 * @group Errors
 */
export type DavStatusCode = (typeof DavStatus)[keyof typeof DavStatus];

/**
 * Whether a status is a success (2xx).
 *
 * @example
 * ```ts
 * isSuccessStatus(207); // true
 * isSuccessStatus(424); // false
 * ```
 */
export function isSuccessStatus(status: number): boolean {
  return status >= 200 && status < 300;
}
