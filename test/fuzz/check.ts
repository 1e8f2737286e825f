/**
 * Runs one fuzz case through both decoders and judges the outcome. The only acceptable outcomes are a
 * result or a `DavParseError`; when both decoders accept a body they must agree exactly (the streaming
 * decoder promises "exactly what `decodeMultiStatus` gives"); a generated document must be accepted and
 * give its model's result.
 */
import { isDeepStrictEqual } from 'node:util';
import { isDavParseError } from '../../src/errors/guards.ts';
import type { DavResponse, MultiStatus } from '../../src/model/multistatus.ts';
import { decodeMultiStatus } from '../../src/multistatus/decode.ts';
import { decodeMultiStatusStream } from '../../src/stream/index.ts';
import { BodyTextDecoder } from '../../src/transport/charset.ts';
import { DECODE_OPTIONS, type FuzzBody, type FuzzCase } from './generators.ts';

/**
 * This thread's CPU time in ms: the time budget must not fail a case because the machine is busy with
 * other work (wall time where the runtime cannot tell).
 */
function cpuNow(): number {
  const usage = process.threadCpuUsage?.();
  return usage === undefined ? performance.now() : (usage.user + usage.system) / 1000;
}

/** What one decoder did with a body; `ms` is the CPU time it took. */
export type Outcome =
  | { readonly kind: 'result'; readonly value: MultiStatus; readonly ms: number }
  | { readonly kind: 'parse-error'; readonly message: string; readonly ms: number }
  | { readonly kind: 'unexpected'; readonly error: unknown; readonly ms: number };

/** Both decoders' outcomes, and what is wrong with them (nothing, when `problem` is absent). */
export interface Verdict {
  readonly buffered: Outcome;
  readonly stream: Outcome;
  /** Both decoders accepted, or both rejected. */
  readonly agreed: boolean;
  readonly problem?: string;
}

/** The text the buffered decoder gets: the body decoded exactly as the transport does (`readBodyText`). */
export function bodyText(body: FuzzBody, contentType: string | null): string {
  if ('text' in body) {
    return body.text;
  }
  const decoder = new BodyTextDecoder(contentType);
  return decoder.push(body.bytes) + decoder.end();
}

function outcomeOf(error: unknown, started: number): Outcome {
  const ms = cpuNow() - started;
  return isDavParseError(error)
    ? { kind: 'parse-error', message: error.message, ms }
    : { kind: 'unexpected', error, ms };
}

/** `decodeMultiStatus` on the whole body. */
export function decodeBuffered(c: FuzzCase): Outcome {
  const started = cpuNow();
  try {
    const value = decodeMultiStatus(bodyText(c.body, c.contentType), DECODE_OPTIONS);
    return { kind: 'result', value, ms: cpuNow() - started };
  } catch (error) {
    return outcomeOf(error, started);
  }
}

/** The body cut into chunks of the case's sizes (cycled): strings for text, bytes for bytes. */
export function* chunksOf(c: FuzzCase): Generator<string | Uint8Array> {
  const whole = 'text' in c.body ? c.body.text : c.body.bytes;
  let index = 0;
  for (let offset = 0; offset < whole.length; index++) {
    const size = Math.max(1, c.chunkSizes[index % c.chunkSizes.length] ?? 1);
    yield whole.slice(offset, offset + size);
    offset += size;
  }
}

async function* asyncChunks(c: FuzzCase): AsyncGenerator<string | Uint8Array> {
  yield* chunksOf(c);
}

/** `decodeMultiStatusStream` fed chunk by chunk; the responses and summary gathered like the buffered result. */
export async function decodeStreamed(c: FuzzCase): Promise<Outcome> {
  const started = cpuNow();
  try {
    const stream = decodeMultiStatusStream(asyncChunks(c), { ...DECODE_OPTIONS, contentType: c.contentType });
    const responses: DavResponse[] = [];
    for await (const response of stream) {
      responses.push(response);
    }
    const value: MultiStatus = {
      kind: 'multistatus',
      responses,
      ...(stream.description === undefined ? {} : { description: stream.description }),
      ...(stream.syncToken === undefined ? {} : { syncToken: stream.syncToken }),
      ...(stream.warnings.length === 0 ? {} : { warnings: stream.warnings }),
    };
    return { kind: 'result', value, ms: cpuNow() - started };
  } catch (error) {
    return outcomeOf(error, started);
  }
}

function describeError(error: unknown): string {
  if (error instanceof Error) {
    const frame = error.stack?.split('\n').find((line) => /^\s+at /.test(line)) ?? '';
    return `${error.name}: ${error.message}${frame ? ` (${frame.trim()})` : ''}`;
  }
  return String(error);
}

function summary(outcome: Outcome): string {
  switch (outcome.kind) {
    case 'result':
      return `a result with ${outcome.value.responses.length} responses`;
    case 'parse-error':
      return `DavParseError: ${outcome.message}`;
    case 'unexpected':
      return describeError(outcome.error);
  }
}

/** Why two results differ: the first differing response (or the summary fields). */
function difference(a: MultiStatus, b: MultiStatus): string {
  if (a.responses.length !== b.responses.length) {
    return `${a.responses.length} responses vs ${b.responses.length}`;
  }
  const index = a.responses.findIndex((response, i) => !isDeepStrictEqual(response, b.responses[i]));
  if (index !== -1) {
    return `response ${index}: ${JSON.stringify(a.responses[index])} vs ${JSON.stringify(b.responses[index])}`;
  }
  return `description/syncToken/warnings: ${JSON.stringify([a.description, a.syncToken, a.warnings])} vs ${JSON.stringify([b.description, b.syncToken, b.warnings])}`;
}

/** Options of {@link judge}. */
export interface JudgeOptions {
  /** Longest time either decoder may take on a body under `budgetBytes` (the fuzz script's hang rule). */
  readonly budgetMs?: number;
  readonly budgetBytes?: number;
}

function problemOf(
  c: FuzzCase,
  buffered: Outcome,
  stream: Outcome,
  options: JudgeOptions,
): string | undefined {
  if (buffered.kind === 'unexpected') {
    return `decodeMultiStatus threw ${summary(buffered)}`;
  }
  if (stream.kind === 'unexpected') {
    return `decodeMultiStatusStream threw ${summary(stream)}`;
  }
  if (
    buffered.kind === 'result' &&
    stream.kind === 'result' &&
    !isDeepStrictEqual(buffered.value, stream.value)
  ) {
    return `the decoders disagree: ${difference(buffered.value, stream.value)}`;
  }
  if (c.expected !== undefined) {
    for (const [name, outcome] of [
      ['decodeMultiStatus', buffered],
      ['decodeMultiStatusStream', stream],
    ] as const) {
      if (outcome.kind !== 'result') {
        return `${name} rejected a valid generated document: ${summary(outcome)}`;
      }
      if (!isDeepStrictEqual(outcome.value, c.expected)) {
        return `${name} decoded a generated document differently from its model: ${difference(outcome.value, c.expected)}`;
      }
    }
  }
  const { budgetMs, budgetBytes = 100_000 } = options;
  const size = 'text' in c.body ? c.body.text.length : c.body.bytes.byteLength;
  if (budgetMs !== undefined && size < budgetBytes) {
    const slowest = Math.max(buffered.ms, stream.ms);
    if (slowest > budgetMs) {
      return `too slow: ${slowest.toFixed(0)} ms of CPU (buffered ${buffered.ms.toFixed(0)} ms, stream ${stream.ms.toFixed(0)} ms) for ${size} units`;
    }
  }
  return undefined;
}

/** Runs a case through both decoders and judges the outcomes. */
export async function judge(c: FuzzCase, options: JudgeOptions = {}): Promise<Verdict> {
  const buffered = decodeBuffered(c);
  const stream = await decodeStreamed(c);
  const problem = problemOf(c, buffered, stream, options);
  return {
    buffered,
    stream,
    agreed: (buffered.kind === 'result') === (stream.kind === 'result'),
    ...(problem === undefined ? {} : { problem }),
  };
}
