import type { RawResponse } from '../transport/raw-response.ts';
import type { RequestSpec } from '../transport/request-spec.ts';

/**
 * A verb call as data: the request to send and the pure function that reads its answer. The client
 * and the batch engine run the very same operations, so a verb cannot behave differently in a batch.
 */
export interface Operation<T> {
  readonly spec: RequestSpec;
  readonly read: (raw: RawResponse) => T;
}

/** An operation's value with the HTTP status of the answer that produced it. */
export interface Performed<T> {
  readonly status: number;
  readonly value: T;
}
