import type { OptionsResult } from '../model/results.ts';
import { headerTokens } from '../transport/headers.ts';
import type { RawResponse } from '../transport/raw-response.ts';
import type { RequestSpec } from '../transport/request-spec.ts';
import { BUFFERED } from './buffered.ts';
import { expectSuccess } from './failure-reader.ts';

/**
 * Builds an OPTIONS request.
 *
 * @example
 * ```ts
 * buildOptions('/');
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc4918#section-10.1
 */
export function buildOptions(path: string): RequestSpec {
  return { method: 'OPTIONS', path, headers: {}, response: 'none' };
}

/**
 * Reads an OPTIONS answer. Apache sends two DAV headers (joined by the platform with `, `).
 *
 * @example
 * ```ts
 * const { dav, allow } = readOptions(raw); // dav.includes('2') → locking supported
 * ```
 */
export function readOptions(raw: RawResponse): OptionsResult {
  expectSuccess(raw, BUFFERED);
  return {
    dav: headerTokens(raw.headers.dav),
    allow: headerTokens(raw.headers.allow).map((method) => method.toUpperCase()),
    headers: raw.headers,
  };
}
