/**
 * Errors are data (issue 12.1): every davkit error class gives its fields as plain data through
 * `toJSON()`, which survives `structuredClone` and JSON unchanged, keeps every field the error has,
 * never the private resubmit capability, and is still recognised by the class's guard. The errors
 * that a client produces are made by a real client (against `MemoryDav` or a handler: their shapes
 * need no real server); the transport errors are constructed as the transport constructs them.
 */
import { describe, expect, it } from 'vitest';
import {
  DavAbortError,
  DavBodyTooLargeError,
  DavError,
  DavNetworkError,
  DavTimeoutError,
  decodeMultiStatus,
  isDavAbortError,
  isDavBatchError,
  isDavBodyTooLargeError,
  isDavError,
  isDavHttpError,
  isDavNetworkError,
  isDavParseError,
  isDavTimeoutError,
  isDavUnfixableError,
  isDavUsageError,
  isMultiStatusError,
} from '../../src/index.ts';
import { multistatusResponse, observedClient } from '../helpers/clients.ts';
import { MemoryDav } from '../helpers/memory-dav.ts';

const PROPPATCH_FAILED = `<?xml version="1.0" encoding="utf-8"?>
<d:multistatus xmlns:d="DAV:"><d:response><d:href>/root/a.txt</d:href>
<d:propstat><d:prop><d:getetag/></d:prop><d:status>HTTP/1.1 403 Forbidden</d:status>
<d:error><d:cannot-modify-protected-property/></d:error></d:propstat>
<d:propstat><d:prop><x:state xmlns:x="urn:acme"/></d:prop><d:status>HTTP/1.1 424 Failed Dependency</d:status></d:propstat>
</d:response></d:multistatus>`;

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.unreachable('it should have failed'),
    (error: unknown) => error,
  );
}

/** One error of every class davkit throws, each with the guard of its class. */
async function everyError(): Promise<
  { error: DavError; guard: ((value: unknown) => boolean) | undefined }[]
> {
  const server = new MemoryDav();
  server.files.set('/root/a.txt', 'a');
  server.locks.set('/root/a.txt', 'opaquelocktoken:someone-else');
  const { dav } = observedClient(server.handle);
  const refused = (await rejection(dav.delete('/a.txt'))) as DavError;
  const multi = observedClient(() => multistatusResponse(PROPPATCH_FAILED));
  const multiStatus = (await rejection(
    multi.dav.proppatch('/a.txt', { set: { '{DAV:}getetag': 'x', '{urn:acme}state': 'final' } }),
  )) as DavError;
  const usage = (await rejection(dav.put(42 as never, 'x'))) as DavError;
  const batch = dav.batch();
  batch.mkcol('/missing/child/');
  const result = await batch.run();
  const batchError = (() => {
    try {
      result.throwIfFailed();
    } catch (error) {
      return error as DavError;
    }
    return expect.unreachable('throwIfFailed() should throw');
  })();
  const unfixable = (await rejection(
    multi.dav
      .proppatch('/a.txt', { set: { '{DAV:}getetag': 'x' } })
      .catch((error: DavError & { retryAfterFix(): Promise<unknown> }) => error.retryAfterFix()),
  )) as DavError;
  const parse = (() => {
    try {
      decodeMultiStatus('<d:multistatus xmlns:d="DAV:"><d:response>');
    } catch (error) {
      return error as DavError;
    }
    return expect.unreachable('decoding should fail');
  })();
  const request = { method: 'GET', url: 'https://dav.test/root/a.txt' };
  return [
    { error: new DavError('plain'), guard: undefined },
    { error: refused, guard: isDavHttpError },
    { error: multiStatus, guard: isMultiStatusError },
    { error: parse, guard: isDavParseError },
    {
      error: new DavNetworkError({ ...request, hint: 'CORS?', cause: new TypeError('fetch failed') }),
      guard: isDavNetworkError,
    },
    { error: new DavTimeoutError({ ...request, timeout: 5_000 }), guard: isDavTimeoutError },
    { error: new DavAbortError(request), guard: isDavAbortError },
    {
      error: new DavBodyTooLargeError({ ...request, limit: 10, limitName: 'maxBodySize' }),
      guard: isDavBodyTooLargeError,
    },
    { error: usage, guard: isDavUsageError },
    { error: unfixable, guard: isDavUnfixableError },
    { error: batchError, guard: isDavBatchError },
  ];
}

/**
 * The error's own fields, as `toJSON()` must keep them (the `stack` and `cause` are for debugging). A
 * refusal's `method`, `url` and `destination` are kept once, in its `request` data.
 */
function ownFields(error: DavError): Record<string, unknown> {
  const inRequest = isDavHttpError(error) ? ['method', 'url', 'destination'] : [];
  return Object.fromEntries(
    Object.entries(error).filter(
      ([key, value]) => value !== undefined && key !== 'stack' && key !== 'cause' && !inRequest.includes(key),
    ),
  );
}

describe('toJSON() of every error class', async () => {
  const errors = await everyError();

  it('covers every class davkit exports', () => {
    expect(errors.map(({ error }) => error.name)).toEqual([
      'DavError',
      'DavHttpError',
      'MultiStatusError',
      'DavParseError',
      'DavNetworkError',
      'DavTimeoutError',
      'DavAbortError',
      'DavBodyTooLargeError',
      'DavUsageError',
      'DavUnfixableError',
      'DavBatchError',
    ]);
  });

  it.each(errors.map(({ error, guard }) => [error.name, error, guard] as const))(
    '%s: plain data with its name and message, every field kept, through structuredClone and JSON',
    (_name, error, guard) => {
      const data = error.toJSON();
      if (isDavHttpError(error)) {
        expect(data).toMatchObject({ request: { method: error.method, url: error.url } });
      }
      expect(data.name).toBe(error.name);
      expect(data.message).toBe(error.message);
      expect(JSON.parse(JSON.stringify(data))).toMatchObject(JSON.parse(JSON.stringify(ownFields(error))));
      expect(structuredClone(data)).toEqual(data);
      expect(JSON.parse(JSON.stringify(error))).toEqual(JSON.parse(JSON.stringify(data)));
      expect(JSON.stringify(data)).not.toMatch(/replay/i);
      expect(guard === undefined || guard(structuredClone(data))).toBe(true);
      // isDavError() accepts the data of every class, as the class guards accept theirs.
      expect(isDavError(structuredClone(data))).toBe(true);
      expect(isDavError(JSON.parse(JSON.stringify(error)))).toBe(true);
    },
  );

  it('is why toJSON() exists: structuredClone of the error itself drops its fields', () => {
    const refused = errors[1]?.error as DavError & { status: number };
    expect(refused.status).toBe(423);
    const cloned = structuredClone(refused) as unknown as Record<string, unknown>;
    expect(cloned.status).toBeUndefined();
    expect((structuredClone(refused.toJSON()) as unknown as { status: number }).status).toBe(423);
  });
});
