import type { Hooks as KyHooks } from 'ky';

/**
 * Hooks into every HTTP exchange the client makes, one state object each (ky's shape). They run for
 * every request, retries included where said; each list runs in order, and `client.extend()` appends
 * to it. davkit's own types: they give the `Request` and `Response` of the platform, nothing of ky's.
 *
 * @example
 * ```ts
 * createClient({ baseUrl, hooks: { afterResponse: [({ request, response }) => log(request.method, response.status)] } });
 * ```
 *
 * @group Client
 */
export interface Hooks {
  /**
   * Before a request is sent (once, not before retries). Return a `Request` to send instead, or a
   * `Response` to answer it without sending anything.
   */
  readonly beforeRequest?: readonly ((state: {
    readonly request: Request;
  }) => Request | Response | undefined | Promise<Request | Response | undefined>)[];
  /** Before a request is sent again after a failure or a throttling answer (davkit retries, not ky). */
  readonly beforeRetry?: readonly ((state: {
    readonly request: Request;
    readonly error: Error;
    /** Retries so far, this one included (1 for the first retry). */
    readonly retryCount: number;
  }) => undefined | Promise<undefined>)[];
  /** After every answer, retries included. Return a `Response` to use instead. */
  readonly afterResponse?: readonly ((state: {
    readonly request: Request;
    readonly response: Response;
    /** Always 0: davkit makes each retry a new exchange (see `beforeRetry` for the count). */
    readonly retryCount: number;
  }) => Response | undefined | Promise<Response | undefined>)[];
}

/**
 * davkit's hooks as ky takes them: the same functions (ky hands them a state object with more in
 * it), in fresh arrays.
 *
 * @example
 * ```ts
 * ky.create({ hooks: kyHooks(config.hooks) });
 * ```
 */
export function kyHooks(hooks: Hooks): KyHooks {
  return {
    ...(hooks.beforeRequest === undefined ? {} : { beforeRequest: [...hooks.beforeRequest] }),
    ...(hooks.afterResponse === undefined ? {} : { afterResponse: [...hooks.afterResponse] }),
  };
}

/**
 * Runs the user's `beforeRetry` hooks before davkit sends a request again (ky no longer retries, so
 * davkit calls them): each gets a `Request` for the method and URL, the reason and the count.
 *
 * @example
 * ```ts
 * await beforeRetry(config.hooks, 'PROPFIND', url, new Error('HTTP 503'), 1, signal);
 * ```
 */
export async function beforeRetry(
  hooks: Hooks | undefined,
  method: string,
  url: URL,
  error: Error,
  retryCount: number,
  signal: AbortSignal | undefined,
): Promise<void> {
  const list = hooks?.beforeRetry ?? [];
  if (list.length === 0) {
    return;
  }
  const request = new Request(url, { method, ...(signal === undefined ? {} : { signal }) });
  for (const hook of list) {
    await hook({ request, error, retryCount });
  }
}
