import type { DavResponse } from '../model/multistatus.ts';
import type { ClarkName } from '../model/names.ts';
import { MultiStatusDecoder } from '../multistatus/decoder.ts';
import type { Depth } from '../operations/common.ts';
import type { Operation } from '../operations/operation.ts';
import { buildPropfind } from '../operations/propfind.ts';
import { ChunkText } from '../transport/chunk-text.ts';
import type { CallOptions } from '../transport/request-spec.ts';
import { XmlReader } from '../xml/reader.ts';
import type { ProbeSession } from './session.ts';

/** How a scan ended. */
export interface ScanOutcome {
  /** The HTTP status of the answer. */
  readonly status: number;
  /** `'complete'`: the whole body was read; `'stopped'`: the visitor had seen enough; `'capped'`: too big. */
  readonly end: 'complete' | 'stopped' | 'capped' | 'refused';
}

/** What a scan reads at most before it stops. */
export interface ScanLimits {
  readonly maxBytes: number;
  readonly maxResponses: number;
}

/**
 * The scan's PROPFIND as an operation: a 2xx answer is handed over unread; a refusal (a server that
 * will not list `Depth: infinity`) is a fact the probe records, not an error: only its status is kept.
 */
function scanOperation(
  path: string,
  request: { readonly depth: Depth; readonly props: readonly ClarkName[] },
): Operation<Response | number> {
  const spec = buildPropfind(path, request);
  return {
    spec: { ...spec, response: 'stream' },
    takeUnread: ({ response }) => response,
    read: (raw) => raw.status,
  };
}

/**
 * Streams a PROPFIND answer response by response, and stops reading (cancelling the body) once
 * `visit` returns `true` or the limits are reached: the probe asks with `Depth: infinity` but needs
 * only the first few responses, not the whole tree a server may list.
 *
 * The body goes through davkit's incremental reader and multistatus decoder (the ones `list()` uses),
 * which hand over each response as soon as it closes.
 */
export async function scanPropfind(
  session: ProbeSession,
  path: string,
  request: { readonly depth: Depth; readonly props: readonly ClarkName[] },
  call: CallOptions,
  limits: ScanLimits,
  visit: (response: DavResponse) => boolean,
): Promise<ScanOutcome> {
  const response = await session.run(scanOperation(path, request), call);
  if (typeof response === 'number') {
    return { status: response, end: 'refused' };
  }
  if (response.status !== 207 || response.body === null) {
    await response.body?.cancel().catch(() => undefined);
    return { status: response.status, end: 'refused' };
  }
  const reader = response.body.getReader();
  const text = new ChunkText(response.headers.get('content-type'));
  const decoded: DavResponse[] = [];
  const xml = new XmlReader(
    new MultiStatusDecoder({ baseUrl: session.baseUrl }, (each) => decoded.push(each)),
  );
  let bytes = 0;
  let responses = 0;
  try {
    for (;;) {
      const chunk = await reader.read();
      if (chunk.done) {
        xml.write(text.end());
        xml.close();
      } else {
        bytes += chunk.value.byteLength;
        xml.write(text.decode(chunk.value));
      }
      for (const each of decoded.splice(0)) {
        responses++;
        if (visit(each)) {
          return { status: 207, end: 'stopped' };
        }
      }
      if (chunk.done) {
        return { status: 207, end: 'complete' };
      }
      if (bytes > limits.maxBytes || responses > limits.maxResponses) {
        return { status: 207, end: 'capped' };
      }
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
}
