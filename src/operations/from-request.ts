import { DavUsageError } from '../errors/transport-errors.ts';
import { type DavMethod, factsOf } from '../model/methods.ts';
import type { DavRequestInfo } from '../model/request-info.ts';
import type { RawResponse } from '../transport/raw-response.ts';
import type { RequestSpec } from '../transport/request-spec.ts';
import { XML_CONTENT_TYPE } from './common.ts';
import { readTransfer } from './copy-move.ts';
import { readDelete } from './delete.ts';
import { readHead } from './head.ts';
import { readLock } from './lock.ts';
import { readMkcol } from './mkcol.ts';
import type { Operation } from './operation.ts';
import { operations } from './operations.ts';
import { readOptions } from './options.ts';
import { readPropfind } from './propfind.ts';
import { readProppatch } from './proppatch.ts';
import { readReport } from './report-search.ts';
import { readUnlock } from './unlock.ts';

/** How the answer to each method is read when the request is rebuilt from its data. */
const READERS: Readonly<Record<Exclude<DavMethod, 'GET' | 'PUT' | 'PATCH'>, (raw: RawResponse) => unknown>> =
  {
    OPTIONS: readOptions,
    HEAD: readHead,
    PROPFIND: (raw) => readPropfind(raw),
    PROPPATCH: (raw) => readProppatch(raw),
    REPORT: readReport,
    SEARCH: readReport,
    MKCOL: readMkcol,
    DELETE: readDelete,
    COPY: readTransfer,
    MOVE: readTransfer,
    LOCK: (raw) => readLock(raw),
    UNLOCK: readUnlock,
  };

function refuse(request: DavRequestInfo, why: string): never {
  throw new DavUsageError(`${request.method} ${request.url} cannot be sent again from its data: ${why}`);
}

/**
 * A request rebuilt from its plain data (`DavHttpError.request`, kept in a copy of the error): the
 * same method, URL, Destination, condition headers and XML body, read as the verb reads its answer.
 * Held lock tokens are added again when it is sent (except a LOCK refresh's own `If`). A PUT or PATCH
 * (its content is never kept in the data), a URL whose secrets were redacted, or a method davkit does
 * not send cannot be rebuilt: `DavUsageError` says which.
 *
 * @example
 * ```ts
 * await dav.run(operationFromRequest(copy.request)); // the DELETE the copied error describes
 * ```
 */
export function operationFromRequest(request: DavRequestInfo): Operation<unknown> {
  const facts = factsOf(request.method);
  if (facts === undefined) {
    refuse(request, 'davkit does not send this method');
  }
  if (request.method === 'PUT' || request.method === 'PATCH') {
    refuse(
      request,
      `the content of a ${request.method} is never kept in an error's data; keep the original error`,
    );
  }
  if (/%5BREDACTED%5D/i.test(request.url) || /%5BREDACTED%5D/i.test(request.destination ?? '')) {
    refuse(request, 'its URL carried secrets, which the data leaves out');
  }
  const { if: condition, ...headers } = request.headers ?? {};
  // Tokens are added again from the client's locks; only a refresh (a LOCK without a body) carries its own.
  const refresh = request.method === 'LOCK' && request.body === undefined;
  const spec: RequestSpec = {
    method: request.method as DavMethod,
    path: request.url,
    headers: {
      ...headers,
      ...(refresh && condition !== undefined ? { if: condition } : {}),
      ...(request.body === undefined ? {} : { 'content-type': XML_CONTENT_TYPE }),
    },
    ...(request.body === undefined ? {} : { body: request.body }),
    ...(request.destination === undefined ? {} : { destination: request.destination }),
    response:
      request.method === 'GET' ? 'stream' : facts.safe && request.body === undefined ? 'none' : 'text',
  };
  if (request.method === 'GET') {
    return { ...operations.get(request.url), spec };
  }
  return { spec, read: READERS[request.method as keyof typeof READERS] };
}
