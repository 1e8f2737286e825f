import { MultiStatusError } from '../errors/multi-status-error.ts';
import type { MultiStatus, UnrequestedProperty } from '../model/multistatus.ts';
import type { ClarkName } from '../model/names.ts';
import type { RawResponse } from '../transport/raw-response.ts';
import type { RequestSpec } from '../transport/request-spec.ts';
import { type PropPatch, propertyUpdateBody } from '../xml/bodies/propertyupdate.ts';
import { BUFFERED } from './buffered.ts';
import { xmlHeaders } from './common.ts';
import { decodeAnswer, expectNoFailures, expectSuccess } from './failure-reader.ts';

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
 * The names a PROPPATCH sets or removes, in order.
 *
 * @example
 * ```ts
 * patchedNames({ set: { '{urn:a}x': '1' }, remove: ['{urn:a}y'] }); // ['{urn:a}x', '{urn:a}y']
 * ```
 */
export function patchedNames(patch: PropPatch): ClarkName[] {
  return [...Object.keys(patch.set ?? {}), ...(patch.remove ?? [])];
}

/** Properties the answer names that the request did not, per response. */
function unrequestedIn(multistatus: MultiStatus, requested: readonly ClarkName[]): UnrequestedProperty[] {
  const asked = new Set(requested);
  return multistatus.responses.flatMap((response) => {
    if (response.kind !== 'propstat') {
      return [];
    }
    const answered = response.propstats.flatMap((propstat) =>
      Object.keys(propstat.props).map((name) => ({ name, status: propstat.status })),
    );
    const named = new Set(answered.map((each) => each.name));
    const sent = requested.filter((name) => !named.has(name));
    return answered
      .filter((each) => !asked.has(each.name))
      .map((each) => ({ path: response.path, name: each.name, status: each.status, sent }));
  });
}

/**
 * Reads a PROPPATCH answer. PROPPATCH is atomic: one failed property fails them all (the rest get 424),
 * so any failed propstat throws. With the `requested` names, an answer for a property the request did
 * not name throws too: the server did something else than what was asked (npm `webdav-server` stores
 * `{urn:acme}reviewed` as `{urn:}acmereviewed`), which must not pass for success.
 *
 * @throws {MultiStatusError} when any property failed, or was answered for under another name.
 * @example
 * ```ts
 * const ms = readProppatch(raw, ['{urn:acme}state']);
 * ```
 */
export function readProppatch(raw: RawResponse, requested?: readonly ClarkName[]): MultiStatus {
  expectSuccess(raw, BUFFERED);
  if (raw.text.trim() === '') {
    return { kind: 'multistatus', responses: [] };
  }
  // A PROPPATCH answer lists property names without values: 'propname' mode makes them null.
  const multistatus = decodeAnswer(raw, BUFFERED, 'propname');
  const unrequested = requested === undefined ? [] : unrequestedIn(multistatus, requested);
  if (unrequested.length > 0) {
    throw new MultiStatusError({ request: raw.request, multistatus, status: raw.status, unrequested });
  }
  return expectNoFailures(raw, multistatus);
}
