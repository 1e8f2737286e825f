import type { RequestSpec } from '../transport/request-spec.ts';

/**
 * The `Depth` header value. @see https://www.rfc-editor.org/rfc/rfc4918#section-10.2
 *
 * @group Client
 */
export type Depth = 0 | 1 | 'infinity';

/**
 * XML request bodies are sent as UTF-8 `application/xml`.
 *
 * @example
 * ```ts
 * spec.headers['content-type'] === XML_CONTENT_TYPE; // 'application/xml; charset=utf-8'
 * ```
 */
export const XML_CONTENT_TYPE = 'application/xml; charset=utf-8';

/**
 * Headers for an XML body.
 *
 * @example
 * ```ts
 * xmlHeaders({ depth: '1' }); // { 'content-type': 'application/xml; charset=utf-8', depth: '1' }
 * ```
 */
export function xmlHeaders(extra: Record<string, string> = {}): Record<string, string> {
  return { 'content-type': XML_CONTENT_TYPE, ...extra };
}

/** Input fields every verb accepts besides its own. */
export interface VerbInput {
  readonly path: string;
}

/**
 * A spec with optional headers merged in (only defined values).
 *
 * @example
 * ```ts
 * withHeaders(spec, { 'if-match': options.ifMatch }); // unchanged when ifMatch is undefined
 * ```
 */
export function withHeaders(spec: RequestSpec, headers: Record<string, string | undefined>): RequestSpec {
  const merged: Record<string, string> = { ...spec.headers };
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) {
      merged[name] = value;
    }
  }
  return { ...spec, headers: merged };
}
