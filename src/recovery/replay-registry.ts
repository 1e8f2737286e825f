import type { DavClient } from '../client/client.ts';
import type { Operation } from '../operations/operation.ts';

/** What is needed to send a failed request again: who sent it, and what. */
export interface ReplayContext {
  readonly client: DavClient;
  /** Sends an operation again, with the original call options (plus `override`). */
  readonly run: (
    operation: Operation<unknown>,
    override?: { readonly lockTokens?: boolean },
  ) => Promise<unknown>;
  readonly operation: Operation<unknown>;
}

// Errors stay plain (no client reference inside them to leak or serialise); the link lives here.
const replays = new WeakMap<object, ReplayContext>();

/** Remembers how to resubmit the request that raised `error`. */
export function rememberReplay(error: unknown, context: ReplayContext): void {
  if (typeof error === 'object' && error !== null) {
    replays.set(error, context);
  }
}

/** How to resubmit the request that raised `error`, if davkit sent it. */
export function replayFor(error: unknown): ReplayContext | undefined {
  return typeof error === 'object' && error !== null ? replays.get(error) : undefined;
}
