import { DavParseError } from '../errors/dav-parse-error.ts';

/** A status line read into its code and, when the server sent one, its reason phrase. */
export interface StatusLine {
  readonly status: number;
  readonly reason?: string;
}

// "HTTP/1.1 424 Failed Dependency", "HTTP/1.1 423 " (nginx: no phrase), "HTTP/1.1 409 (status)"
// (Apache's PROPPATCH phrases), "HTTP/1.0 200 OK" (Radicale). The version is optional for leniency.
const STATUS_LINE = /^\s*(?:HTTP\/\d+(?:\.\d+)?\s+)?(\d{3})(?:\s+(.*?))?\s*$/s;

/**
 * The line every server sends almost always, `HTTP/1.1 200 OK` with nothing around it, read without
 * a regular expression (there is one per propstat: millions in a big listing).
 */
function standardLine(line: string): StatusLine | undefined {
  if (!line.startsWith('HTTP/1.1 ') || line.length < 12) {
    return undefined;
  }
  const a = line.charCodeAt(9) - 48;
  const b = line.charCodeAt(10) - 48;
  const c = line.charCodeAt(11) - 48;
  if (a < 1 || a > 9 || b < 0 || b > 9 || c < 0 || c > 9) {
    return undefined;
  }
  const status = a * 100 + b * 10 + c;
  if (line.length === 12) {
    return { status };
  }
  const reason = line.slice(13);
  // A separator other than one space, or whitespace at either end, goes the general way.
  if (line.charCodeAt(12) !== 32 || reason === '' || reason.trim() !== reason) {
    return undefined;
  }
  return { status, reason };
}

/**
 * Reads a `DAV:status` line. Only the three-digit code is required; the reason phrase is kept
 * verbatim when present, because servers put real information there.
 *
 * @throws {DavParseError} when there is no three-digit code.
 * @example
 * ```ts
 * parseStatusLine('HTTP/1.1 424 Failed Dependency'); // { status: 424, reason: 'Failed Dependency' }
 * parseStatusLine('HTTP/1.1 423 ');                   // { status: 423 }
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc4918#section-14.28
 */
export function parseStatusLine(line: string): StatusLine {
  const fast = standardLine(line);
  if (fast !== undefined) {
    return fast;
  }
  const match = STATUS_LINE.exec(line);
  if (match === null) {
    throw new DavParseError(`Malformed status line: ${JSON.stringify(line.slice(0, 80))}`, {
      snippet: line.slice(0, 120),
    });
  }
  const status = Number(match[1]);
  const reason = match[2];
  return reason ? { status, reason } : { status };
}
