import type { MultiStatus } from '../multistatus/types.ts';
import type { RawResponse } from '../transport/raw-response.ts';
import type { RequestSpec } from '../transport/request-spec.ts';
import { type PropPatch, propertyUpdateBody } from '../xml/bodies/propertyupdate.ts';
import { xmlHeaders } from './common.ts';
import { decodeAnswer, expectNoFailures, expectSuccess } from './failures.ts';

/**
 * Builds a PROPPATCH request.
 *
 * @example
 * ```ts
 * buildProppatch('/a.txt', { set: { '{urn:acme}state': 'final' }, remove: ['{urn:acme}draft'] });
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc4918#section-9.2
 */
export function buildProppatch(path: string, patch: PropPatch): RequestSpec {
  return {
    method: 'PROPPATCH',
    path,
    headers: xmlHeaders(),
    body: propertyUpdateBody(patch),
    response: 'text',
  };
}

/**
 * Reads a PROPPATCH answer. PROPPATCH is atomic: one failed property fails them all (the rest get 424),
 * so any failed propstat throws.
 *
 * @throws {MultiStatusError} when any property failed.
 * @example
 * ```ts
 * const ms = readProppatch(raw);
 * ```
 */
export function readProppatch(raw: RawResponse): MultiStatus {
  expectSuccess(raw);
  if (raw.text.trim() === '') {
    return { kind: 'multistatus', responses: [] };
  }
  // A PROPPATCH answer lists property names without values: 'propname' mode makes them null.
  return expectNoFailures(raw, decodeAnswer(raw, 'propname'));
}
