import type { DiscoveredLock } from '../model/locks.ts';
import type { DavRequestInfo } from '../model/request-info.ts';
import type { Redactor } from './redactor.ts';

/**
 * A response as plain data: what every pure `read<Verb>()` function takes. Header names are lower
 * case; secret headers (`www-authenticate`, `set-cookie`) are not included.
 *
 * @group Low level
 */
export interface RawResponse {
  readonly status: number;
  readonly statusText: string;
  readonly headers: Readonly<Record<string, string>>;
  /** The body as text (`''` when the request asked for none). */
  readonly text: string;
  readonly request: DavRequestInfo;
  /** Why a redirect in this answer was not followed (e.g. a PUT is not replayed on another origin). */
  readonly redirectRefused?: string;
  /** A failure body longer than davkit reads (see `FAILURE_BODY_LIMIT`): `text` is its beginning. */
  readonly bodyTruncated?: true;
  /** For a bare 423: the lock davkit found in `DAV:lockdiscovery` (see `discoverLock`). */
  readonly discoveredLock?: DiscoveredLock;
}

/**
 * A sent request and its (unread) response, as the transport hands them over (see `Transport.send`).
 *
 * @group Low level
 */
export interface Exchange {
  readonly response: Response;
  readonly request: DavRequestInfo;
  /** Why the redirect this response asks for was not followed, when it was refused. */
  readonly redirectRefused?: string;
  /**
   * The client's redactor, plus the secrets this request carried: read the body through it.
   *
   * @internal
   */
  readonly redactor: Redactor;
}

/**
 * The plain-data view of an exchange whose body has been read as `text` (through the exchange's
 * redactor). Header values and the reason phrase go through the redactor here: a server may echo a
 * credential anywhere.
 *
 * @example
 * ```ts
 * const exchange = await client.open(spec);
 * const raw = toRawResponse(exchange, await readBodyText(exchange.response, { …, redactor: exchange.redactor }));
 * ```
 */
export function toRawResponse(exchange: Exchange, text: string, truncated = false): RawResponse {
  const { response, request, redirectRefused, redactor } = exchange;
  return {
    status: response.status,
    statusText: redactor.text(response.statusText),
    headers: redactor.headers(response.headers),
    text,
    request,
    ...(redirectRefused === undefined ? {} : { redirectRefused }),
    ...(truncated ? { bodyTruncated: true as const } : {}),
  };
}
