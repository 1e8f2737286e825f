import type { RequestInfo } from '../errors/dav-http-error.ts';

/**
 * A response as plain data: what every pure `read<Verb>()` function takes. Header names are lower
 * case; secret headers (`www-authenticate`, `set-cookie`) are not included.
 */
export interface RawResponse {
  readonly status: number;
  readonly statusText: string;
  readonly headers: Readonly<Record<string, string>>;
  /** The body as text (`''` when the request asked for none). */
  readonly text: string;
  readonly request: RequestInfo;
  /** Why a redirect in this answer was not followed (e.g. a PUT is not replayed on another origin). */
  readonly redirectRefused?: string;
}
