import type { MultiStatus } from '../model/multistatus.ts';
import type { OptionsResult, PutResult } from '../model/results.ts';
import type { GetOptions } from '../operations/get.ts';
import type { PropfindOptions } from '../operations/propfind.ts';
import type { PutOptions } from '../operations/put.ts';
import type { Session } from '../session/session.ts';
import type { CallOptions, RequestBody } from '../transport/request-spec.ts';

/**
 * The client members the capability probe calls: the narrow {@link Session} plus a few public verbs
 * a user has too, so the probe works on any client. `DavClient` satisfies it.
 */
export interface ProbeSession extends Session {
  options(path: string, options?: CallOptions): Promise<OptionsResult>;
  propfind(path: string, options?: PropfindOptions & CallOptions): Promise<MultiStatus>;
  put(path: string, body: RequestBody, options?: PutOptions & CallOptions): Promise<PutResult>;
  getText(path: string, options?: GetOptions & CallOptions): Promise<string>;
  delete(path: string, options?: CallOptions): Promise<unknown>;
}
