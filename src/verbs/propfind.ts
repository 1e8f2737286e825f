import type { MultiStatus } from '../multistatus/types.ts';
import type { RawResponse } from '../transport/raw-response.ts';
import type { RequestSpec } from '../transport/request-spec.ts';
import { checkDepth } from '../utils/arguments.ts';
import { type PropfindSelection, propfindBody } from '../xml/bodies/propfind.ts';
import { type Depth, xmlHeaders } from './common.ts';
import { decodeAnswer, expectSuccess } from './failures.ts';

/** Options of a PROPFIND. */
export interface PropfindOptions {
  /** Default 1: the resource and its members. */
  readonly depth?: Depth;
  /** Named properties (Clark names), `'allprop'` (default), `'propname'`, or allprop with `include`. */
  readonly props?: PropfindSelection;
  /** Refuse an answer that uses undeclared prefixes instead of recovering it (see `DecodeOptions.strict`). */
  readonly strict?: boolean;
}

/**
 * Builds a PROPFIND request.
 *
 * @example
 * ```ts
 * buildPropfind('/docs/', { depth: 1, props: ['{DAV:}getetag'] });
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc4918#section-9.1
 */
export function buildPropfind(path: string, options: PropfindOptions = {}): RequestSpec {
  checkDepth(options.depth, [0, 1, 'infinity']);
  return {
    method: 'PROPFIND',
    path,
    headers: xmlHeaders({ depth: String(options.depth ?? 1) }),
    body: propfindBody(options.props ?? 'allprop'),
    response: 'text',
  };
}

/**
 * Reads a PROPFIND answer. 404 propstats are data, not failures: a PROPFIND that got a 207 succeeded.
 *
 * @example
 * ```ts
 * const ms = readPropfind(raw, { props: 'propname' }); // every value null
 * ```
 */
export function readPropfind(raw: RawResponse, options: PropfindOptions = {}): MultiStatus {
  expectSuccess(raw);
  return decodeAnswer(raw, options.props === 'propname' ? 'propname' : 'values', options.strict);
}
