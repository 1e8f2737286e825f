import type { AnswerReader } from './incremental.ts';
import { readIncrementally, readsIncrementally } from './incremental.ts';
import { type RawResponse, toRawResponse } from './raw-response.ts';
import type { RequestSpec } from './request-spec.ts';
import type { SendOptions, Transport } from './transport.ts';

/** An answer's HTTP status and the value read from it. */
export interface Received<T> {
  readonly status: number;
  readonly value: T;
}

/**
 * Sends a request and reads its answer with `reader`. A 2xx answer to a download (`response:
 * 'stream'`) is handed over unread when the reader takes it so. A 2xx body that is large or of unknown length
 * goes to the reader's incremental side when it has one (see `readIncrementally`): it is decoded as
 * it arrives, within the client's `limits`, and a total cap applies only when the user set
 * `maxBodySize`. Any other answer is read whole, within `maxBodySize`, as `Transport.exchange` does.
 *
 * This is the seam between I/O and decoding: the transport hands text in pieces to a pure reader.
 * `refine` may complete an answer read whole before the reader sees it (the client looks up the lock
 * behind a bare 423 there). Every body but a downloaded file's goes through the exchange's redactor.
 *
 * @example
 * ```ts
 * const { status, value } = await receive(transport, spec, {}, operations.propfind('/big/'));
 * ```
 */
export async function receive<T>(
  transport: Transport,
  spec: RequestSpec,
  call: SendOptions,
  reader: AnswerReader<T>,
  refine: (raw: RawResponse) => Promise<RawResponse> = async (raw) => raw,
): Promise<Received<T>> {
  const exchange = await transport.send(spec, call);
  const { response, request } = exchange;
  if (reader.takeUnread !== undefined && spec.response === 'stream' && response.ok) {
    return { status: response.status, value: reader.takeUnread(exchange) };
  }
  const incremental = reader.readIncrementally;
  if (incremental !== undefined && spec.response === 'text' && response.ok && readsIncrementally(response)) {
    const { config } = transport;
    const value = await readIncrementally(response, incremental(toRawResponse(exchange, ''), config.limits), {
      limit: config.maxIncrementalBodySize,
      idleTimeout: call.timeout ?? config.timeout,
      signal: call.signal,
      method: spec.method,
      url: request.url,
      redactor: exchange.redactor,
    });
    return { status: response.status, value };
  }
  const raw = await refine(await transport.readAnswer(exchange, spec, call));
  return { status: raw.status, value: reader.read(raw) };
}
