import type { OptionsResult } from '../model/results.ts';
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

function tokens(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((token) => token.trim())
    .filter((token) => token !== '');
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
    dav: tokens(raw.headers.dav),
    allow: tokens(raw.headers.allow).map((method) => method.toUpperCase()),
    headers: raw.headers,
  };
}
