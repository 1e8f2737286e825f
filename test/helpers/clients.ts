import type { DavClient } from '../../src/client/client.ts';
import { createClient } from '../../src/client/create-client.ts';
import type { ClientOptions } from '../../src/client/options.ts';

/** A recorded request, as the injected fetch saw it. */
export interface ObservedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body: string;
}

/** A handler answering one request. */
export type Handler = (request: ObservedRequest) => Response | Promise<Response>;

/**
 * A client whose `fetch` only calls `handler` and records every request: no global mocking.
 * (openapi-fetch's `createObservedClient` is the model.)
 */
export function observedClient(
  handler: Handler,
  options: Partial<ClientOptions> = {},
): { dav: DavClient; requests: ObservedRequest[] } {
  const requests: ObservedRequest[] = [];
  const fetchImpl = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const observed: ObservedRequest = {
      method: request.method,
      url: request.url,
      headers: Object.fromEntries(request.headers),
      body: request.body === null ? '' : await request.text(),
    };
    requests.push(observed);
    return handler(observed);
  };
  const dav = createClient({
    baseUrl: 'https://dav.test/root/',
    retry: 0,
    ...options,
    fetch: fetchImpl as typeof fetch,
  });
  return { dav, requests };
}

/** A 207 response with an XML body. */
export function multistatusResponse(body: string, status = 207): Response {
  return new Response(body, { status, headers: { 'content-type': 'application/xml; charset=utf-8' } });
}
