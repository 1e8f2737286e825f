import { checkMethod, checkPath } from '../checks/arguments.ts';
import { isSafeMethod } from '../model/methods.ts';
import type { MultiStatus } from '../model/multistatus.ts';
import type { RequestResult } from '../model/results.ts';
import type { RawResponse } from '../transport/raw-response.ts';
import type { RequestSpec, ResponseMode } from '../transport/request-spec.ts';
import { lengthHeaders, toRequestBody, type UploadBody } from './body.ts';
import { BUFFERED } from './buffered.ts';
import { decodeAnswer, expectSuccess, expectWriteSuccess, httpError } from './failure-reader.ts';
import type { Operation } from './operation.ts';

/**
 * How `dav.request()` hands the answer over:
 * - `'text'` (default): a {@link RequestResult} with the body as text;
 * - `'none'`: a {@link RequestResult} without the body;
 * - `'stream'`: the `Response`, unread (a non-2xx answer still throws `DavHttpError`);
 * - `'multistatus'`: the 207 body decoded as a `MultiStatus`.
 *
 * @group Client
 */
export type RequestResponseMode = 'text' | 'none' | 'stream' | 'multistatus';

/**
 * What `dav.request()` resolves with, per {@link RequestResponseMode}.
 *
 * @group Client
 */
export interface RequestValues {
  readonly text: RequestResult;
  readonly none: RequestResult;
  readonly stream: Response;
  readonly multistatus: MultiStatus;
}

/**
 * The request-specific options of `dav.request()`.
 *
 * @group Client
 */
export interface RequestSpecOptions<R extends RequestResponseMode = RequestResponseMode> {
  /** The body, as for `put()` (an `AsyncIterable` or a Node `Readable` too). */
  readonly body?: UploadBody;
  /** The body's length, for a stream (as for `put()`). */
  readonly contentLength?: number;
  /** `Content-Type` of the body (or set it in `headers`). */
  readonly contentType?: string;
  /** How the answer is handed over (default `'text'`). */
  readonly response?: R;
}

const TRANSPORT_MODE: Readonly<Record<RequestResponseMode, ResponseMode>> = {
  text: 'text',
  none: 'none',
  stream: 'stream',
  multistatus: 'text',
};

/**
 * Builds a request with any token method.
 *
 * @example
 * ```ts
 * buildRequest('MKCALENDAR', '/calendars/work/', { body: xml, contentType: 'application/xml' });
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-9.1
 */
export function buildRequest(method: string, path: string, options: RequestSpecOptions = {}): RequestSpec {
  checkMethod(method);
  checkPath(path);
  const { contentType } = options;
  const body = options.body === undefined ? undefined : toRequestBody(options.body, method);
  return {
    method,
    path,
    headers: {
      ...(contentType === undefined ? {} : { 'content-type': contentType }),
      ...(body === undefined ? {} : lengthHeaders(body, options.contentLength)),
    },
    ...(body === undefined ? {} : { body }),
    response: TRANSPORT_MODE[options.response ?? 'text'],
  };
}

/**
 * The success of an answer: 2xx, and for a method that may change the server (every method davkit
 * does not know) no failure inside a 207.
 */
function expectAnswered(raw: RawResponse, method: string): MultiStatus | undefined {
  if (isSafeMethod(method)) {
    expectSuccess(raw, BUFFERED);
    return undefined;
  }
  return expectWriteSuccess(raw, BUFFERED);
}

function readResult(raw: RawResponse, method: string): RequestResult {
  expectAnswered(raw, method);
  return { status: raw.status, statusText: raw.statusText, headers: raw.headers, text: raw.text };
}

/**
 * The operation behind `dav.request()`: any method, read as `options.response` says.
 *
 * @example
 * ```ts
 * const { status } = await dav.run(requestOperation('POST', '/inbox/', { body: '{}' }));
 * ```
 */
export function requestOperation<R extends RequestResponseMode = 'text'>(
  method: string,
  path: string,
  options: RequestSpecOptions<R> = {},
): Operation<RequestValues[R]> {
  const spec = buildRequest(method, path, options);
  const mode: RequestResponseMode = options.response ?? 'text';
  if (mode === 'stream') {
    const stream: Operation<Response> = {
      spec,
      takeUnread: ({ response }) => response,
      // Reached only for an answer that is not 2xx: a 2xx one is taken unread.
      read: (raw) => {
        throw httpError(raw, BUFFERED);
      },
    };
    return stream as Operation<RequestValues[R]>;
  }
  if (mode === 'multistatus') {
    const multistatus: Operation<MultiStatus> = {
      spec,
      read: (raw) => expectAnswered(raw, method) ?? decodeAnswer(raw, BUFFERED),
    };
    return multistatus as Operation<RequestValues[R]>;
  }
  const result: Operation<RequestResult> = { spec, read: (raw) => readResult(raw, method) };
  return result as Operation<RequestValues[R]>;
}
