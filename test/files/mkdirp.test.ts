import { describe, expect, it } from 'vitest';
import { isDavHttpError } from '../../src/errors/guards.ts';
import { type ObservedRequest, observedClient } from '../helpers/clients.ts';

/** A server where `existing` collections exist; MKCOL answers 405 / 409 / 201 like Apache. */
function collections(existing: string[]) {
  const made = new Set(existing);
  return (request: ObservedRequest): Response => {
    const path = new URL(request.url).pathname;
    if (made.has(path)) {
      return new Response(null, { status: 405 });
    }
    const parent = path.replace(/[^/]+\/$/, '');
    if (!made.has(parent)) {
      return new Response(null, { status: 409 });
    }
    made.add(path);
    return new Response(null, { status: 201 });
  };
}

const mkcols = (requests: ObservedRequest[]) => requests.map((r) => `${r.method} ${new URL(r.url).pathname}`);

describe('mkdirp()', () => {
  it('costs one request when the parent exists', async () => {
    const { dav, requests } = observedClient(collections(['/root/', '/root/a/']));
    await dav.mkdirp('/a/b');
    expect(mkcols(requests)).toEqual(['MKCOL /root/a/b/']);
  });

  it('creates missing ancestors on 409, deepest first, then retries', async () => {
    const { dav, requests } = observedClient(collections(['/root/']));
    await dav.mkdirp('/a/b/c/');
    expect(mkcols(requests)).toEqual([
      'MKCOL /root/a/b/c/',
      'MKCOL /root/a/b/',
      'MKCOL /root/a/',
      'MKCOL /root/a/b/',
      'MKCOL /root/a/b/c/',
    ]);
  });

  it('accepts an existing collection (405)', async () => {
    const { dav } = observedClient(collections(['/root/', '/root/a/']));
    await expect(dav.mkdirp('/a/')).resolves.toBeUndefined();
  });

  it('throws other failures, and a 409 at the top level', async () => {
    const denied = observedClient(() => new Response(null, { status: 403 }));
    expect(isDavHttpError(await denied.dav.mkdirp('/a/b/').catch((e: unknown) => e))).toBe(true);
    const orphan = observedClient(() => new Response(null, { status: 409 }));
    const error = await orphan.dav.mkdirp('/a/').catch((e: unknown) => e);
    expect(isDavHttpError(error) && error.status).toBe(409);
    expect(orphan.requests).toHaveLength(1);
  });
});
