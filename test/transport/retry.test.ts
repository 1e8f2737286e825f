import { HttpResponse } from 'msw';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createClient } from '../../src/client/create-client.ts';
import { isDavHttpError, isDavNetworkError } from '../../src/errors/guards.ts';
import { decideAfterAnswer } from '../../src/transport/retry.ts';
import { MOCK_BASE, mswServer, okMultistatus, on } from '../helpers/msw.ts';
import { settle } from '../helpers/settle.ts';

const server = mswServer();

afterEach(() => {
  vi.useRealTimers();
});

const RULES = {
  limit: 2,
  throttleLimit: 3,
  statusCodes: [429, 502, 503],
  maxRetryAfter: 60_000,
  backoffLimit: 10_000,
};

describe('decideAfterAnswer', () => {
  it('retries a listed failure of a safe method while retries remain, with backoff', () => {
    expect(decideAfterAnswer('PROPFIND', 502, null, true, { retries: 0, throttles: 0 }, RULES)).toEqual({
      kind: 'retry',
      waitMs: 300,
    });
    expect(decideAfterAnswer('PROPFIND', 502, null, true, { retries: 2, throttles: 0 }, RULES).kind).toBe(
      'report',
    );
    expect(decideAfterAnswer('PROPFIND', 404, null, true, { retries: 0, throttles: 0 }, RULES).kind).toBe(
      'report',
    );
  });

  it('waits out a 429 for every method, a 503 with Retry-After for safe ones only', () => {
    const none = { retries: 0, throttles: 0 };
    expect(decideAfterAnswer('PUT', 429, '2', true, none, RULES)).toEqual({
      kind: 'wait-out',
      throttleMs: 2000,
    });
    expect(decideAfterAnswer('PUT', 503, '2', true, none, RULES)).toEqual({
      kind: 'report',
      throttleMs: 2000,
    });
    expect(decideAfterAnswer('GET', 503, '2', true, none, RULES)).toEqual({
      kind: 'wait-out',
      throttleMs: 2000,
    });
    expect(decideAfterAnswer('PUT', 429, '2', false, none, RULES).kind).toBe('report');
    expect(decideAfterAnswer('PUT', 429, '1', true, { retries: 0, throttles: 3 }, RULES).kind).toBe('report');
  });

  it.each(['PUT', 'DELETE', 'PROPPATCH', 'MKCOL', 'COPY', 'MOVE', 'LOCK', 'UNLOCK'])(
    'never retries a %s after a failure',
    (method) => {
      expect(decideAfterAnswer(method, 502, '0', true, { retries: 0, throttles: 0 }, RULES).kind).toBe(
        'report',
      );
    },
  );
});

describe('retries of safe methods', () => {
  it('retries a PROPFIND answered 503 with Retry-After, and waits as long as it says', async () => {
    vi.useFakeTimers();
    let attempts = 0;
    server.use(
      on('PROPFIND', `${MOCK_BASE}busy/`, () => {
        attempts++;
        return attempts === 1
          ? new HttpResponse('busy', { status: 503, headers: { 'retry-after': '3' } })
          : HttpResponse.xml(okMultistatus('/dav/busy/'), { status: 207 });
      }),
    );
    const dav = createClient({ baseUrl: MOCK_BASE });
    const pending = settle(dav.propfind('/busy/', { depth: 0 }));
    await vi.advanceTimersByTimeAsync(2_990);
    expect(attempts).toBe(1);
    await vi.advanceTimersByTimeAsync(20);
    const { value } = await pending;
    expect(attempts).toBe(2);
    expect(value?.responses.map((r) => r.path)).toEqual(['/dav/busy/']);
  });

  it('gives up after the retry limit and reports the last answer, body included', async () => {
    vi.useFakeTimers();
    let attempts = 0;
    server.use(
      on('PROPFIND', `${MOCK_BASE}down/`, () => {
        attempts++;
        return new HttpResponse(`still down (${attempts})`, { status: 503, headers: { 'retry-after': '1' } });
      }),
    );
    const dav = createClient({ baseUrl: MOCK_BASE, retry: 2 });
    const pending = settle(dav.propfind('/down/'));
    await vi.runAllTimersAsync();
    const { error } = await pending;
    expect(attempts).toBe(3);
    expect(isDavHttpError(error) && [error.status, error.bodySnippet]).toEqual([503, 'still down (3)']);
  });

  it('retries a GET on 502 with backoff when there is no Retry-After', async () => {
    vi.useFakeTimers();
    let attempts = 0;
    server.use(
      on('GET', `${MOCK_BASE}a.txt`, () => {
        attempts++;
        return attempts < 3 ? new HttpResponse(null, { status: 502 }) : new HttpResponse('alpha');
      }),
    );
    const dav = createClient({ baseUrl: MOCK_BASE });
    const pending = settle(dav.getText('/a.txt'));
    await vi.runAllTimersAsync();
    expect(await pending).toEqual({ value: 'alpha' });
    expect(attempts).toBe(3);
  });

  it('retries a PROPFIND after a network error', async () => {
    vi.useFakeTimers();
    let attempts = 0;
    server.use(
      on('PROPFIND', `${MOCK_BASE}flaky/`, () => {
        attempts++;
        return attempts === 1
          ? HttpResponse.error()
          : HttpResponse.xml(okMultistatus('/dav/flaky/'), { status: 207 });
      }),
    );
    const dav = createClient({ baseUrl: MOCK_BASE });
    const pending = settle(dav.propfind('/flaky/'));
    await vi.runAllTimersAsync();
    expect((await pending).value?.responses).toHaveLength(1);
    expect(attempts).toBe(2);
  });

  it('does not retry at all with retry: 0', async () => {
    let attempts = 0;
    server.use(
      on('PROPFIND', `${MOCK_BASE}once/`, () => {
        attempts++;
        return new HttpResponse(null, { status: 503, headers: { 'retry-after': '1' } });
      }),
    );
    const dav = createClient({ baseUrl: MOCK_BASE, retry: 0 });
    const error = await dav.propfind('/once/').catch((e: unknown) => e);
    expect(isDavHttpError(error) && error.status).toBe(503);
    expect(attempts).toBe(1);
  });

  it('reports a listed status ky refuses to retry (413 without Retry-After) as a DavHttpError', async () => {
    let attempts = 0;
    server.use(
      on('PROPFIND', `${MOCK_BASE}big/`, () => {
        attempts++;
        return new HttpResponse('request too large', { status: 413 });
      }),
    );
    const dav = createClient({ baseUrl: MOCK_BASE, retry: { statusCodes: [413] } });
    const error = await dav.propfind('/big/').catch((e: unknown) => e);
    expect(isDavHttpError(error) && [error.status, error.bodySnippet]).toEqual([413, 'request too large']);
    expect(attempts).toBe(1);
  });
});

describe('writes are never retried', () => {
  const writes: [string, (dav: ReturnType<typeof createClient>) => Promise<unknown>][] = [
    ['PUT', (dav) => dav.put('/w', 'x')],
    ['DELETE', (dav) => dav.delete('/w')],
    ['PROPPATCH', (dav) => dav.proppatch('/w', { set: { '{urn:x}a': '1' } })],
    ['MKCOL', (dav) => dav.mkcol('/w/')],
    ['COPY', (dav) => dav.copy('/w', '/w2')],
    ['MOVE', (dav) => dav.move('/w', '/w2')],
    ['LOCK', (dav) => dav.lock('/w')],
    ['UNLOCK', (dav) => dav.unlock('/w', 'opaquelocktoken:1')],
  ];

  it.each(writes)('sends a %s once, whatever the 503 and Retry-After say', async (method, call) => {
    const seen: string[] = [];
    server.use(
      on(method, `${MOCK_BASE}:any*`, ({ request }) => {
        seen.push(request.method);
        return new HttpResponse('busy', { status: 503, headers: { 'retry-after': '0' } });
      }),
    );
    const dav = createClient({ baseUrl: MOCK_BASE, retry: { limit: 5 } });
    const error = await call(dav).catch((e: unknown) => e);
    expect(isDavHttpError(error) && [error.status, error.method]).toEqual([503, method]);
    expect(seen).toEqual([method]);
  });

  it('sends a PUT once after a network error', async () => {
    let attempts = 0;
    server.use(
      on('PUT', `${MOCK_BASE}w`, () => {
        attempts++;
        return HttpResponse.error();
      }),
    );
    const dav = createClient({ baseUrl: MOCK_BASE, retry: 5 });
    const error = await dav.put('/w', 'x').catch((e: unknown) => e);
    expect(isDavNetworkError(error)).toBe(true);
    expect(attempts).toBe(1);
  });
});
