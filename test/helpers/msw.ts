import { HttpHandler, type HttpResponseResolver } from 'msw';
import { type SetupServer, setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';

/** The origin msw answers for in these tests; nothing real listens there. */
export const MOCK_ORIGIN = 'https://dav.mock.test';

/** The base URL the tests' clients use. */
export const MOCK_BASE = `${MOCK_ORIGIN}/dav/`;

/**
 * An msw server for one test file: listening before the tests, handlers reset after each one, closed
 * at the end. An unhandled request is an error, so a test never reaches the network by accident.
 */
export function mswServer(): SetupServer {
  const server = setupServer();
  beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());
  return server;
}

/** A handler for any method, WebDAV ones included (msw's `http.*` only covers the standard ones). */
export function on(method: string, url: string, resolver: HttpResponseResolver): HttpHandler {
  return new HttpHandler(method, url, resolver);
}

/** A small multistatus with one 200 propstat for `href`. */
export function okMultistatus(href: string): string {
  return (
    `<?xml version="1.0" encoding="utf-8"?><D:multistatus xmlns:D="DAV:"><D:response><D:href>${href}</D:href>` +
    '<D:propstat><D:prop><D:getetag>"e1"</D:getetag></D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat>' +
    '</D:response></D:multistatus>'
  );
}
