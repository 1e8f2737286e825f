/**
 * Helpers of the streaming-decoder tests: bodies cut into chunks at chosen boundaries, and one
 * comparable outcome per decode (the responses, or the responses yielded before a failure and the
 * failure), for the buffered and the streaming decoder alike.
 */
import { expect } from 'vitest';
import { decodeMultiStatus, isDavParseError } from '../../src/index.ts';
import type { DecodeWarning } from '../../src/model/decode-warning.ts';
import type { DavResponse } from '../../src/model/multistatus.ts';
import {
  decodeMultiStatusStream,
  type StreamBody,
  type StreamDecodeOptions,
} from '../../src/stream/index.ts';

/** What a decode gave: every response and the top-level values, or what came before the failure. */
export type Outcome =
  | {
      readonly ok: true;
      readonly responses: readonly DavResponse[];
      readonly description: string | undefined;
      readonly syncToken: string | undefined;
      readonly warnings: readonly DecodeWarning[];
    }
  | { readonly ok: false; readonly responses: readonly DavResponse[]; readonly error: unknown };

/** The buffered decoder's outcome for a body. */
export function bufferedOutcome(text: string, options: StreamDecodeOptions = {}): Outcome {
  try {
    const ms = decodeMultiStatus(text, options);
    return {
      ok: true,
      responses: ms.responses,
      description: ms.description,
      syncToken: ms.syncToken,
      warnings: ms.warnings ?? [],
    };
  } catch (error) {
    return { ok: false, responses: [], error };
  }
}

/** The streaming decoder's outcome: the responses it yielded, then its end or its failure. */
export async function streamOutcome(body: StreamBody, options: StreamDecodeOptions = {}): Promise<Outcome> {
  const stream = decodeMultiStatusStream(body, options);
  const responses: DavResponse[] = [];
  try {
    for await (const response of stream) {
      responses.push(response);
    }
  } catch (error) {
    return { ok: false, responses, error };
  }
  return {
    ok: true,
    responses,
    description: stream.description,
    syncToken: stream.syncToken,
    warnings: stream.warnings,
  };
}

/**
 * Cuts `whole` into consecutive pieces whose lengths cycle through `sizes` (each at least 1).
 * Strings are cut between UTF-16 code units, so a surrogate pair may be split; bytes anywhere, so a
 * multi-byte UTF-8 character may be split.
 */
export function cut<T extends string | Uint8Array>(whole: T, sizes: readonly number[]): T[] {
  const pieces: T[] = [];
  let at = 0;
  for (let i = 0; at < whole.length; i++) {
    const size = Math.max(1, sizes[i % sizes.length] ?? 1);
    pieces.push(whole.slice(at, at + size) as T);
    at += size;
  }
  return pieces;
}

/** An async iterable over the pieces, one per turn of the event loop's microtask queue. */
export async function* asAsync<T>(pieces: readonly T[]): AsyncGenerator<T> {
  for (const piece of pieces) {
    yield piece;
  }
}

/** A ReadableStream over the pieces, pulled one at a time. */
export function asReadableStream(pieces: readonly Uint8Array[]): ReadableStream<Uint8Array> {
  let i = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      const piece = pieces[i++];
      if (piece === undefined) {
        controller.close();
      } else {
        controller.enqueue(piece);
      }
    },
  });
}

export const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

/**
 * The text a body of bytes stands for: what `TextDecoder` makes of the UTF-8 encoding (a lone
 * surrogate, which UTF-8 cannot carry, becomes U+FFFD). The reference the byte-fed stream is held to.
 */
export const throughUtf8 = (text: string): string => new TextDecoder().decode(utf8(text));

/**
 * Both outcomes are the same: the same responses (deeply, strictly equal) and the same top-level
 * values; or both a DavParseError (the buffered decoder gives nothing then; what the stream yielded
 * before failing is checked by the callers).
 */
export function expectSameOutcome(stream: Outcome, buffered: Outcome, label = ''): void {
  if (buffered.ok) {
    expect(
      stream.ok ? undefined : String(stream.error),
      `${label}: the stream refused what the buffered decoder accepted`,
    ).toBeUndefined();
    expect(stream).toStrictEqual(buffered);
    return;
  }
  expect(isDavParseError(buffered.error), `${label}: buffered ${String(buffered.error)}`).toBe(true);
  expect(stream.ok, `${label}: the stream accepted what the buffered decoder refused`).toBe(false);
  expect(
    isDavParseError(stream.ok ? undefined : stream.error),
    `${label}: stream ${stream.ok ? '' : String(stream.error)}`,
  ).toBe(true);
}
