import { describe, expect, it } from 'vitest';
import { createClient } from '../../src/client/create-client.ts';
import { isDavNetworkError, isDavUsageError } from '../../src/errors/guards.ts';
import { RUNTIME_NETWORK_ERRORS, refusedMethodOf, runtimeNetworkError } from '../../src/transport/runtime.ts';

// The errors below are shaped exactly as each runtime's fetch throws them (captured from Bun 1.4.5,
// workerd 1.20261123.1 and Deno 2.9.6; test/tooling/runtimes.test.ts runs the real runtimes against a
// resetting server). An injected fetch throws them here because Node cannot produce them.

function bunReset(): Error {
  const error = new TypeError(
    'ECONNRESET: The socket connection was closed unexpectedly. For more information, pass `verbose: true` in the second argument to fetch()',
  );
  return Object.assign(error, { code: 'ECONNRESET', errno: 0 });
}

function workerdLost(): Error {
  return Object.assign(new Error('Network connection lost.'), { retryable: true });
}

function denoNotCapable(): Error {
  const error = new Error('Requires net access to "dav.example:8080", run again with the --allow-net flag');
  error.name = 'NotCapable';
  return error;
}

/** A client whose fetch throws `make()` on every attempt, and the attempts it made. */
function failingClient(make: () => Error) {
  const seen: string[] = [];
  const dav = createClient({
    baseUrl: 'http://dav.example:8080/dav/',
    retry: { limit: 2, backoffLimit: 1 },
    fetch: async (input) => {
      seen.push((input as Request).method);
      throw make();
    },
  });
  return { dav, seen };
}

describe('RUNTIME_NETWORK_ERRORS', () => {
  it('recognises each runtime by name and code or exact message, nothing looser', () => {
    expect(runtimeNetworkError(bunReset())?.runtime).toBe('Bun');
    expect(runtimeNetworkError(workerdLost())?.runtime).toBe('workerd');
    expect(runtimeNetworkError(denoNotCapable())?.runtime).toBe('Deno');
    expect(runtimeNetworkError(new TypeError('ECONNRESET: no code set'))).toBeUndefined();
    expect(runtimeNetworkError(new Error('Network connection lost'))).toBeUndefined();
    expect(runtimeNetworkError(Object.assign(new Error('x'), { code: 'ECONNRESET' }))).toBeUndefined();
    expect(runtimeNetworkError('NotCapable')).toBeUndefined();
  });

  it('retries every row but Deno’s permission error', () => {
    expect(RUNTIME_NETWORK_ERRORS.map((row) => [row.runtime, row.retry])).toEqual([
      ['Bun', true],
      ['workerd', true],
      ['Deno', false],
    ]);
  });
});

describe.each([
  { runtime: 'Bun', make: bunReset, detail: 'ECONNRESET: The socket connection was closed unexpectedly' },
  { runtime: 'workerd', make: workerdLost, detail: 'Network connection lost.' },
])('a $runtime network error', ({ make, detail }) => {
  it('is a DavNetworkError, retried twice on a PROPFIND', async () => {
    const { dav, seen } = failingClient(make);
    const error = await dav.propfind('/', { depth: 0 }).catch((e: unknown) => e);
    expect(isDavNetworkError(error)).toBe(true);
    expect((error as Error).message).toContain(detail);
    expect(seen).toEqual(['PROPFIND', 'PROPFIND', 'PROPFIND']);
  });

  it('is sent once on a PUT', async () => {
    const { dav, seen } = failingClient(make);
    const error = await dav.put('/a.txt', 'x').catch((e: unknown) => e);
    expect(isDavNetworkError(error)).toBe(true);
    expect(seen).toEqual(['PUT']);
  });
});

describe('Deno’s NotCapable (no --allow-net)', () => {
  it('is a DavNetworkError with a hint naming the host, not retried', async () => {
    const { dav, seen } = failingClient(denoNotCapable);
    const error = await dav.propfind('/', { depth: 0 }).catch((e: unknown) => e);
    expect(isDavNetworkError(error) && error.hint).toBe(
      'Deno denied network access: run it with --allow-net=dav.example:8080 (or grant net access to that host)',
    );
    expect(seen).toEqual(['PROPFIND']);
  });
});

describe('an error of the caller’s own fetch', () => {
  it('still comes back as it is, not retried', async () => {
    const own = new Error('my fetch wrapper refused');
    const { dav, seen } = failingClient(() => own);
    expect(await dav.propfind('/', { depth: 0 }).catch((e: unknown) => e)).toBe(own);
    expect(seen).toEqual(['PROPFIND']);
  });
});

describe('a method the runtime’s fetch refuses to send (workerd: only the methods on its own list)', () => {
  const refused = () => new TypeError('Invalid HTTP method string: MKCALENDAR');

  it('is recognised by its exact message only', () => {
    expect(refusedMethodOf(refused())).toBe('workerd');
    expect(refusedMethodOf(new Error('Invalid HTTP method string: MKCALENDAR'))).toBeUndefined();
    expect(refusedMethodOf(new TypeError('fetch failed'))).toBeUndefined();
    expect(refusedMethodOf(undefined)).toBeUndefined();
  });

  it('is a DavUsageError saying so, sent once: not a network error to retry or to blame on the connection', async () => {
    const { dav, seen } = failingClient(refused);
    const error = await dav.request('MKCALENDAR', '/cal/').catch((thrown: unknown) => thrown);
    expect(isDavUsageError(error)).toBe(true);
    expect(isDavNetworkError(error)).toBe(false);
    expect((error as Error).message).toMatch(/workerd's fetch does not send the method MKCALENDAR/);
    expect(seen).toEqual(['MKCALENDAR']);
  });
});
