import type { RequestInfo } from '../errors/dav-http-error.ts';
import { plainHeaders } from './headers.ts';

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

/** A sent request and its response, as the transport hands them over (see `Transport.send`). */
export interface ExchangeParts {
  readonly response: Response;
  readonly request: RequestInfo;
  readonly redirectRefused?: string;
}

/**
 * The plain-data view of an exchange whose body has been read as `text`.
 *
 * @example
 * ```ts
 * const raw = toRawResponse(await client.open(spec), await response.text());
 * ```
 */
export function toRawResponse(exchange: ExchangeParts, text: string): RawResponse {
  const { response, request, redirectRefused } = exchange;
  return {
    status: response.status,
    statusText: response.statusText,
    headers: plainHeaders(response.headers),
    text,
    request,
    ...(redirectRefused === undefined ? {} : { redirectRefused }),
  };
}
