import { DavUsageError } from '../errors/transport-errors.ts';

/**
 * Merges header records case-insensitively, later sources winning. Names come out in lower case;
 * an `undefined` value removes a header set by an earlier source.
 *
 * @example
 * ```ts
 * mergeHeaders({ Depth: '1', 'X-A': 'a' }, { depth: '0', 'x-a': undefined }); // { depth: '0' }
 * ```
 */
export function mergeHeaders(
  ...sources: ReadonlyArray<Readonly<Record<string, string | undefined>> | undefined>
): Record<string, string> {
  const merged: Record<string, string> = {};
  for (const source of sources) {
    for (const [name, value] of Object.entries(source ?? {})) {
      if (value === undefined) {
        delete merged[name.toLowerCase()];
      } else {
        merged[name.toLowerCase()] = value;
      }
    }
  }
  return merged;
}

// RFC 9110 §5.6.2: a field name is a token.
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
// RFC 9110 §5.5: CR, LF and NUL can never be part of a field value (they would split the message).
const FORBIDDEN_IN_VALUE = /[\r\n\0]/;

/**
 * Checks request headers before anything is sent: every name a token, every value a string without
 * CR, LF or NUL. Throws {@link DavUsageError} naming the header (never its value: it may be a secret),
 * instead of letting `fetch` fail with a `TypeError` that would read as a network error.
 *
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-5.5
 * @example
 * ```ts
 * checkHeaders({ 'x-note': 'a\r\nInjected: 1' }); // throws DavUsageError: header "x-note" …
 * ```
 */
export function checkHeaders(headers: Readonly<Record<string, unknown>>): void {
  for (const [name, value] of Object.entries(headers)) {
    if (!TOKEN.test(name)) {
      throw new DavUsageError(`${JSON.stringify(name)} is not a valid header name`);
    }
    if (typeof value !== 'string') {
      throw new DavUsageError(`header ${JSON.stringify(name)} must be a string, got ${typeof value}`);
    }
    if (FORBIDDEN_IN_VALUE.test(value)) {
      throw new DavUsageError(
        `header ${JSON.stringify(name)} contains a line break or NUL, which no HTTP header may contain`,
      );
    }
  }
}

// The request headers that decide what a failure means (412 on COPY with Overwrite: F, on PUT with
// If-Match…), and the few more that sending the request again from its data needs (a LOCK's
// Timeout, an UNLOCK's Lock-Token, a GET's Range). None of them is a credential.
const CONDITION_HEADERS = [
  'overwrite',
  'depth',
  'if',
  'if-match',
  'if-none-match',
  'lock-token',
  'timeout',
  'range',
] as const;

/**
 * The request's headers that decide what a failure means, lower case: kept with the request as data
 * for the analysis (never a credential: an allow-list, not a deny-list).
 *
 * @example
 * ```ts
 * conditionHeaders({ overwrite: 'F', authorization: 'Basic …' }); // { overwrite: 'F' }
 * ```
 */
export function conditionHeaders(
  headers: Readonly<Record<string, string | undefined>>,
): Record<string, string> | undefined {
  let picked: Record<string, string> | undefined;
  for (const name of CONDITION_HEADERS) {
    const value = headers[name];
    if (value !== undefined) {
      picked ??= {};
      picked[name] = value;
    }
  }
  return picked;
}

/**
 * The comma-separated tokens of a header value (`DAV`, `Allow`, `Accept-Patch`, `DASL`), trimmed, empty
 * ones dropped; `<…>` tokens (Apache's propset URI, DASL grammars) come out whole, as they hold no comma.
 *
 * @example
 * ```ts
 * headerTokens('1, 2, <http://apache.org/dav/propset/fs/1>'); // ['1', '2', '<http://apache.org/dav/propset/fs/1>']
 * ```
 */
export function headerTokens(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((token) => token.trim())
    .filter((token) => token !== '');
}
