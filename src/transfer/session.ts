import type { Batch, BatchOptions } from '../batch/batch.ts';
import type { WriteCallOptions } from '../client/call-options.ts';
import type { Entry } from '../helpers/entry.ts';
import type { LockStore } from '../locks/lock-store.ts';
import type { CallOptions, RequestBody } from '../transport/request-spec.ts';
import type { GetOptions } from '../verbs/get.ts';
import type { Operation } from '../verbs/operation.ts';
import type { PutOptions, PutResult } from '../verbs/put.ts';

/**
 * The few members of a client that transfers use: what a user of the public API calls. `DavClient`
 * has them all; depending on this instead of the client keeps `transfer/` a feature above it.
 */
export interface TransferSession {
  readonly baseUrl: string;
  /** Locks held: a target this client has locked is written with its token, not an ETag condition. */
  readonly locks: LockStore;
  /** The client's timeout in ms (`false`: none): a download's wait between chunks of the body. */
  readonly timeout: number | false;
  url(path: string): string;
  batch(options?: BatchOptions): Batch;
  run<T>(operation: Operation<T>, options?: CallOptions): Promise<T>;
  stat(path: string, options?: CallOptions): Promise<Entry>;
  put(path: string, body: RequestBody, options?: PutOptions & WriteCallOptions): Promise<PutResult>;
  getBytes(path: string, options?: CallOptions): Promise<Uint8Array>;
  delete(path: string, options?: WriteCallOptions): Promise<void>;
  get(path: string, options?: GetOptions & CallOptions): Promise<Response>;
}

/** The transport part of transfer options, for each request an upload or download sends. */
export function callOptions(options: {
  readonly signal?: AbortSignal | undefined;
  readonly timeout?: number | false | undefined;
  readonly headers?: Readonly<Record<string, string>> | undefined;
}): CallOptions {
  return {
    ...(options.signal === undefined ? {} : { signal: options.signal }),
    ...(options.timeout === undefined ? {} : { timeout: options.timeout }),
    ...(options.headers === undefined ? {} : { headers: options.headers }),
  };
}
