import { checkDepth } from '../checks/arguments.ts';
import type { MultiStatus } from '../model/multistatus.ts';
import { MultiStatusReader } from '../multistatus/incremental.ts';
import type { IncrementalReader } from '../transport/incremental.ts';
import type { RawResponse } from '../transport/raw-response.ts';
import type { RequestSpec } from '../transport/request-spec.ts';
import { type PropfindSelection, propfindBody } from '../xml/bodies/propfind.ts';
import type { XmlLimits } from '../xml/limits.ts';
import { BUFFERED } from './buffered.ts';
import { type Depth, xmlHeaders } from './common.ts';
import { decodeAnswer, decodeOptionsFor, expectSuccess } from './failure-reader.ts';
import type { Operation } from './operation.ts';

/**
 * Options of a PROPFIND.
 *
 * @group Client
 */
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
  expectSuccess(raw, BUFFERED);
  return decodeAnswer(raw, BUFFERED, options.props === 'propname' ? 'propname' : 'values', options.strict);
}

/**
 * Reads a successful PROPFIND answer as it arrives (see `receive`): `head` is the answer without its
 * body. Gives exactly what {@link readPropfind} gives for the whole body, holding only what `limits`
 * allows at once.
 *
 * @example
 * ```ts
 * const reader = propfindReader(head, { depth: 1 }, DEFAULT_XML_LIMITS);
 * for (const piece of pieces) reader.write(piece);
 * const ms = reader.close();
 * ```
 */
export function propfindReader(
  head: RawResponse,
  options: PropfindOptions,
  limits: XmlLimits,
): IncrementalReader<MultiStatus> {
  const mode = options.props === 'propname' ? 'propname' : 'values';
  const { method, url } = head.request;
  const strict = options.strict === true ? { strict: true } : {};
  return new MultiStatusReader({ ...decodeOptionsFor(head), mode, limits, ...strict }, { method, url });
}

/**
 * PROPFIND as an operation: decoded whole, or as it arrives where the client reads it incrementally
 * (`list()`); one of the `operations`, on its own so that the client's reads need no other builder.
 *
 * @example
 * ```ts
 * const listing = await dav.run(propfindOperation('/docs/', { depth: 1 }));
 * ```
 */
export function propfindOperation(path: string, options: PropfindOptions = {}): Operation<MultiStatus> {
  return {
    spec: buildPropfind(path, options),
    read: (raw) => readPropfind(raw, options),
    readIncrementally: (head, limits) => propfindReader(head, options, limits),
  };
}
