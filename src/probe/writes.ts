import { isDavHttpError } from '../errors/guards.ts';
import { readPut } from '../operations/put.ts';
import type { CallOptions } from '../transport/request-spec.ts';
import type { Advertised } from './advertised.ts';
import { SABRE_PATCH_TYPE } from './advertised.ts';
import type { ProbeSession } from './session.ts';
import type { PartialUpdateMethod, Provenance } from './types.ts';

/** What the scratch file taught. */
export interface WriteFacts {
  readonly ifMatchHonoured: boolean | 'unknown';
  readonly partialUpdate: readonly PartialUpdateMethod[];
  readonly partialUpdateLearned: Provenance;
  /** The ETag header the server sent for the scratch file, if any. */
  readonly etag: string | undefined;
  readonly notes: readonly string[];
}

/** The scratch file's content, and the two ranges written into it. */
const BASE = '0123456789';
const RANGE_PUT = { offset: 3, bytes: 'abc' } as const;
const RANGE_PATCH = { offset: 6, bytes: 'xyz' } as const;

/** An entity tag no resource has: a server that honours `If-Match` refuses the PUT with 412. */
const NO_SUCH_ETAG = '"davkit-probe-no-such-etag"';

/** A name nobody else uses: the scratch file can never be user data. */
export function scratchName(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  return `.davkit-probe-${[...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')}.tmp`;
}

/** The status of a rejected write, or `undefined` when the failure was not an HTTP answer. */
function statusOf(error: unknown): number | undefined {
  return isDavHttpError(error) ? error.status : undefined;
}

function splice(text: string, range: { offset: number; bytes: string }): string {
  return text.slice(0, range.offset) + range.bytes + text.slice(range.offset + range.bytes.length);
}

/**
 * Learns `ifMatchHonoured` and `partialUpdate` with one scratch file next to the probed path, and
 * removes it again whatever happens (without the caller's signal, so an abort still cleans up).
 *
 * 1. `PUT` with an `If-Match` nothing matches: 412 means `If-Match` is honoured (RFC 9110 §13.1.1:
 *    the condition is false when there is no current representation); a created file means it is
 *    ignored (nginx, rclone, webdav-server), and that file is the scratch file.
 * 2. `PUT` with `Content-Range` over part of it, then `GET`: only the expected bytes count as support;
 *    a server that ignores the header and replaces the file (rclone, webdav-server) does not support it.
 * 3. Where SabreDAV's plugin is advertised, `PATCH` with `X-Update-Range`, checked the same way.
 */
export async function probeWrites(
  session: ProbeSession,
  scratch: string,
  advertised: Advertised,
  call: CallOptions,
): Promise<WriteFacts> {
  const run = new ScratchRun(session, scratch, call);
  try {
    const ifMatchHonoured = await run.create();
    if (ifMatchHonoured === undefined) {
      return run.facts('unknown', [], 'unknown');
    }
    const methods: PartialUpdateMethod[] = [];
    if (await run.tryContentRange()) {
      methods.push('content-range');
    }
    if (advertised.sabrePatch && (await run.trySabrePatch())) {
      methods.push('sabredav-patch');
    }
    return run.facts(ifMatchHonoured, methods, 'probed');
  } finally {
    await run.remove();
  }
}

/** One scratch file's life: created, written in parts, read back, removed. */
class ScratchRun {
  readonly #session: ProbeSession;
  readonly #path: string;
  readonly #call: CallOptions;
  readonly #notes: string[] = [];
  /** Whether the file exists or may exist (so it must be removed). */
  #created = false;
  /** Its content, as far as known. */
  #content: string | undefined;
  #etag: string | undefined;

  constructor(session: ProbeSession, path: string, call: CallOptions) {
    this.#session = session;
    this.#path = path;
    this.#call = call;
  }

  /** Creates the file; returns whether `If-Match` was honoured, `undefined` when no file could be made. */
  async create(): Promise<boolean | undefined> {
    const first = await this.#put(BASE, { ifMatch: NO_SUCH_ETAG });
    if (first === 'written') {
      return false;
    }
    if (first !== 412) {
      this.#notes.push(`a scratch file could not be written (PUT answered ${first})`);
      return undefined;
    }
    const second = await this.#put(BASE, { overwrite: false });
    if (second !== 'written') {
      this.#notes.push(`a scratch file could not be written (PUT answered ${second})`);
    }
    return true;
  }

  async tryContentRange(): Promise<boolean> {
    const { offset, bytes } = RANGE_PUT;
    const range = `bytes ${offset}-${offset + bytes.length - 1}/${BASE.length}`;
    const answer = await this.#put(bytes, {}, { 'content-range': range });
    if (answer !== 'written') {
      this.#notes.push(`PUT with Content-Range was refused (${answer})`);
      return false;
    }
    return this.#verify(RANGE_PUT, 'PUT with Content-Range');
  }

  async trySabrePatch(): Promise<boolean> {
    if (this.#content?.length !== BASE.length && (await this.#put(BASE, {})) !== 'written') {
      return false;
    }
    const { offset, bytes } = RANGE_PATCH;
    try {
      await this.#session.run(sabrePatch(this.#path, offset, bytes), this.#call);
    } catch (error) {
      const status = statusOf(error);
      if (status === undefined) {
        throw error;
      }
      this.#notes.push(`PATCH with X-Update-Range was refused (${status})`);
      return false;
    }
    return this.#verify(RANGE_PATCH, 'PATCH with X-Update-Range');
  }

  /** Reads the file back: only the expected bytes prove that the range was written where asked. */
  async #verify(range: { offset: number; bytes: string }, what: string): Promise<boolean> {
    const expected = splice(this.#content ?? BASE, range);
    const actual = await this.#session.getText(this.#path, this.#call);
    this.#content = actual;
    if (actual !== expected) {
      this.#notes.push(`${what} was answered as a success but the file did not hold the range (ignored)`);
      return false;
    }
    return true;
  }

  /** PUTs `body`; `'written'` or the status it was refused with. */
  async #put(
    body: string,
    options: { readonly ifMatch?: string; readonly overwrite?: boolean },
    headers: Record<string, string> = {},
  ): Promise<'written' | number> {
    try {
      const result = await this.#session.put(this.#path, body, {
        ...this.#call,
        ...options,
        contentType: 'application/octet-stream',
        headers,
      });
      this.#created = true;
      this.#etag = result.etag ?? this.#etag;
      if (headers['content-range'] === undefined) {
        this.#content = body;
      }
      return 'written';
    } catch (error) {
      const status = statusOf(error);
      if (status === undefined) {
        // No answer (network, timeout, abort): the file may have been written.
        this.#created = true;
        throw error;
      }
      return status;
    }
  }

  facts(
    ifMatchHonoured: boolean | 'unknown',
    partialUpdate: readonly PartialUpdateMethod[],
    learned: Provenance,
  ): WriteFacts {
    return {
      ifMatchHonoured,
      partialUpdate,
      partialUpdateLearned: learned,
      etag: this.#etag,
      notes: this.#notes,
    };
  }

  /** Removes the file if it may exist; a failure is noted, never thrown over the probe's result. */
  async remove(): Promise<void> {
    if (!this.#created) {
      return;
    }
    const { timeout } = this.#call;
    try {
      await this.#session.delete(this.#path, timeout === undefined ? {} : { timeout });
    } catch (error) {
      if (statusOf(error) !== 404) {
        const why = statusOf(error) ?? (error instanceof Error ? error.name : 'error');
        this.#notes.push(`the scratch file ${this.#path} could not be removed (${why})`);
      }
    }
  }
}

/**
 * SabreDAV's partial update: `PATCH` with `X-Update-Range: bytes=<start>-<end>` and its own media type.
 *
 * @see https://sabre.io/dav/http-patch/
 */
function sabrePatch(path: string, offset: number, bytes: string) {
  return {
    spec: {
      method: 'PATCH',
      path,
      headers: {
        'content-type': SABRE_PATCH_TYPE,
        'x-update-range': `bytes=${offset}-${offset + bytes.length - 1}`,
      },
      body: bytes,
      response: 'none',
    },
    read: readPut,
  } as const;
}
