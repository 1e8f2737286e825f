import type { MultiStatus } from '../multistatus/types.ts';
import type { CallOptions, RequestBody, RequestSpec } from '../transport/request-spec.ts';
import type { Exchange } from '../transport/transport.ts';
import type { GetOptions } from '../verbs/get.ts';
import type { Operation } from '../verbs/operation.ts';
import type { OptionsResult } from '../verbs/options.ts';
import type { PropfindOptions } from '../verbs/propfind.ts';
import type { PutOptions, PutResult } from '../verbs/put.ts';

/**
 * The few client members the capability probe calls: public methods a user has too, so the probe
 * works on any client (and moves to the narrow session interface of issue 12 without change).
 * `DavClient` satisfies it.
 */
export interface ProbeSession {
  /** The client's base URL (trailing slash). */
  readonly baseUrl: string;
  /** The absolute URL of a client path. */
  url(path: string): string;
  options(path: string, options?: CallOptions): Promise<OptionsResult>;
  propfind(path: string, options?: PropfindOptions & CallOptions): Promise<MultiStatus>;
  /** Sends a request and hands the response over unread (the probe reads only what it needs). */
  open(spec: RequestSpec, options?: CallOptions): Promise<Exchange>;
  put(path: string, body: RequestBody, options?: PutOptions & CallOptions): Promise<PutResult>;
  getText(path: string, options?: GetOptions & CallOptions): Promise<string>;
  delete(path: string, options?: CallOptions): Promise<void>;
  /** Runs an operation the client has no method for (SabreDAV's PATCH). */
  run<T>(operation: Operation<T>, options?: CallOptions): Promise<T>;
}
