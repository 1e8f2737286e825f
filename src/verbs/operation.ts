import type { AnswerReader } from '../transport/incremental.ts';
import type { RequestSpec } from '../transport/request-spec.ts';

/**
 * A verb call as data: the request to send and the pure functions that read its answer (whole, and
 * for PROPFIND also as it arrives). The client and the batch engine run the very same operations, so
 * a verb cannot behave differently in a batch.
 */
export interface Operation<T> extends AnswerReader<T> {
  readonly spec: RequestSpec;
}

/** An operation's value with the HTTP status of the answer that produced it. */
export interface Performed<T> {
  readonly status: number;
  readonly value: T;
}
