import { decodeMultiStatus } from '../multistatus/decode.ts';
import type { DavResponse } from '../multistatus/types.ts';
import type { CallOptions } from '../transport/request-spec.ts';
import type { Depth } from '../verbs/common.ts';
import { buildPropfind } from '../verbs/propfind.ts';
import type { ClarkName } from '../xml/names.ts';
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

const NAME = '[A-Za-z_][\\w.-]*';
const ROOT = new RegExp(`<(${NAME}:)?multistatus(?=[\\s>/])[^>]*>`);
const RESPONSE_START = new RegExp(`<(${NAME}:)?response(?=[\\s>/])`, 'g');

/**
 * Streams a PROPFIND answer response by response, and stops reading (cancelling the body) once
 * `visit` returns `true` or the limits are reached: the probe asks with `Depth: infinity` but needs
 * only the first few responses, not the whole tree a server may list.
 *
 * Each `<response>` element is cut from the text as it arrives and decoded on its own (with the
 * root element's namespace declarations) by the ordinary multistatus decoder.
 */
export async function scanPropfind(
  session: ProbeSession,
  path: string,
  request: { readonly depth: Depth; readonly props: readonly ClarkName[] },
  call: CallOptions,
  limits: ScanLimits,
  visit: (response: DavResponse) => boolean,
): Promise<ScanOutcome> {
  const { response } = await session.open(buildPropfind(path, request), call);
  if (response.status !== 207 || response.body === null) {
    await response.body?.cancel().catch(() => undefined);
    return { status: response.status, end: 'refused' };
  }
  const reader = response.body.getReader();
  const splitter = new ResponseSplitter(session.baseUrl);
  let bytes = 0;
  let responses = 0;
  try {
    for (;;) {
      const chunk = await reader.read();
      if (chunk.done) {
        return { status: 207, end: 'complete' };
      }
      bytes += chunk.value.byteLength;
      for (const each of splitter.push(chunk.value)) {
        responses++;
        if (visit(each)) {
          return { status: 207, end: 'stopped' };
        }
      }
      if (bytes > limits.maxBytes || responses > limits.maxResponses) {
        return { status: 207, end: 'capped' };
      }
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
}

/** Cuts complete `<response>` elements out of a multistatus body that arrives in chunks. */
class ResponseSplitter {
  readonly #baseUrl: string;
  readonly #decoder = new TextDecoder();
  #text = '';
  #head: string | undefined;
  #rootEnd = '';

  constructor(baseUrl: string) {
    this.#baseUrl = baseUrl;
  }

  push(bytes: Uint8Array): DavResponse[] {
    this.#text += this.#decoder.decode(bytes, { stream: true });
    if (this.#head === undefined && !this.#findRoot()) {
      return [];
    }
    const found: DavResponse[] = [];
    for (let element = this.#next(); element !== undefined; element = this.#next()) {
      const decoded = decodeMultiStatus(`${this.#head}${element}${this.#rootEnd}`, {
        baseUrl: this.#baseUrl,
      }).responses[0];
      if (decoded !== undefined) {
        found.push(decoded);
      }
    }
    return found;
  }

  /** Keeps the XML declaration and the root start tag (with its namespace declarations). */
  #findRoot(): boolean {
    const root = ROOT.exec(this.#text);
    if (root === null) {
      return false;
    }
    const end = root.index + root[0].length;
    this.#head = this.#text.slice(0, end);
    this.#rootEnd = `</${root[1] ?? ''}multistatus>`;
    this.#text = this.#text.slice(end);
    return true;
  }

  /** The next complete `<response>…</response>` element, removed from the buffer. */
  #next(): string | undefined {
    RESPONSE_START.lastIndex = 0;
    const start = RESPONSE_START.exec(this.#text);
    if (start === null) {
      return undefined;
    }
    const close = new RegExp(`</${escapeRegExp(start[1] ?? '')}response\\s*>`).exec(
      this.#text.slice(start.index),
    );
    if (close === null) {
      return undefined;
    }
    const end = start.index + close.index + close[0].length;
    const element = this.#text.slice(start.index, end);
    this.#text = this.#text.slice(end);
    return element;
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
