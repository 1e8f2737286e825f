/**
 * One question, one answer (issue 11.6): `rootCauses(x)`, `x.rootCauses()` and `explain(x)` give the
 * same causes and fixes for the same error or batch result, and so does any copy of it (JSON, a
 * `structuredClone` of its fields). What explaining needs travels with it as data: the locks the
 * sending client held (`request.locks` on errors, `locks` on failed steps). Before, for a file locked
 * by another client, `explain(error)` said "submit the lock token" while `error.rootCauses()` said
 * "wait until the lock is released".
 */
import { describe, expect, it } from 'vitest';
import { explain } from '../../src/analysis/explain.ts';
import { rootCauses } from '../../src/analysis/root-causes.ts';
import type { BatchResult } from '../../src/batch/result.ts';
import type { DavHttpError } from '../../src/errors/dav-http-error.ts';
import { isDavHttpError, isMultiStatusError } from '../../src/errors/guards.ts';
import type { MultiStatusError } from '../../src/errors/multi-status-error.ts';
import type { RootCause } from '../../src/model/root-cause.ts';
import { observedClient } from '../helpers/clients.ts';
import { MemoryDav } from '../helpers/memory-dav.ts';

/** A server where another client holds a lock on /root/a.txt, and a client of our own. */
function world() {
  const server = new MemoryDav();
  server.files.set('/root/a.txt', 'a');
  server.files.set('/root/b.txt', 'b');
  server.locks.set('/root/a.txt', 'opaquelocktoken:someone-else');
  return { server, ...observedClient(server.handle) };
}

/** Every way to ask, on the original and on copies of its data. */
function answers(subject: DavHttpError | MultiStatusError | BatchResult): {
  causes: RootCause[][];
  texts: string[];
} {
  const json = JSON.parse(JSON.stringify(subject));
  const cloned = structuredClone({ ...subject }) as never;
  return {
    causes: [subject.rootCauses(), rootCauses(subject), rootCauses(json), rootCauses(cloned)],
    texts: [explain(subject), explain(subject.rootCauses()), explain(json), explain(cloned)],
  };
}

function expectOneAnswer(
  subject: DavHttpError | MultiStatusError | BatchResult,
  fix: RootCause['fix']['kind'],
) {
  const { causes, texts } = answers(subject);
  for (const each of causes) {
    expect(each).toEqual(causes[0]);
  }
  expect(causes[0]?.map((cause) => cause.fix.kind)).toEqual([fix]);
  for (const text of texts) {
    expect(text).toBe(texts[0]);
  }
}

describe('a file locked by another client', () => {
  it('DavHttpError 423: wait for the unlock, whoever asks and on any copy', async () => {
    const { dav } = world();
    const error = await dav.delete('/a.txt').catch((e: unknown) => e);
    expect(isDavHttpError(error) && error.status).toBe(423);
    expectOneAnswer(error as DavHttpError, 'wait-for-unlock');
    expect(explain(error as DavHttpError)).toContain('wait until the lock on /a.txt is released');
    expect(explain(error as DavHttpError)).not.toContain('submit the lock token');
  });

  it('a batch step: the same answer from the result, the free functions and a copy', async () => {
    const { dav } = world();
    const batch = dav.batch();
    batch.put('/a.txt', 'new', { id: 'put' });
    batch.put('/b.txt', 'new', { id: 'free' });
    const result = await batch.run();
    expect(result.step('put')?.kind).toBe('failure');
    expectOneAnswer(result, 'wait-for-unlock');
  });
});

describe('a file locked by this client, its token not submitted', () => {
  it('DavHttpError 423: submit the lock token this client holds, in every answer', async () => {
    const { dav, server } = world();
    server.locks.delete('/root/a.txt');
    const lock = await dav.lock('/a.txt');
    const error = await dav.delete('/a.txt', { lockTokens: false }).catch((e: unknown) => e);
    expect(isDavHttpError(error) && error.request.locks?.map((held) => held.token)).toEqual([lock.token]);
    expectOneAnswer(error as DavHttpError, 'submit-lock-token');
    expect(rootCauses(JSON.parse(JSON.stringify(error)))[0]?.fix).toEqual({
      kind: 'submit-lock-token',
      lockRoot: '/a.txt',
      token: lock.token,
    });
  });

  it('the snapshot is what the client held when it sent the request, not what it holds later', async () => {
    const { dav, server } = world();
    server.locks.delete('/root/a.txt');
    const lock = await dav.lock('/a.txt');
    const error = (await dav
      .delete('/a.txt', { lockTokens: false })
      .catch((e: unknown) => e)) as DavHttpError;
    dav.locks.delete(lock.token as string);
    expect(error.rootCauses()[0]?.fix.kind).toBe('submit-lock-token');
    expect(rootCauses(error)[0]?.fix.kind).toBe('submit-lock-token');
  });

  it('keeps only the locks around the request’s paths', async () => {
    const { dav, server } = world();
    server.locks.delete('/root/a.txt');
    await dav.lock('/a.txt');
    await dav.lock('/b.txt');
    const error = (await dav
      .delete('/a.txt', { lockTokens: false })
      .catch((e: unknown) => e)) as DavHttpError;
    expect(error.request.locks?.map((held) => held.root)).toEqual(['/root/a.txt']);
  });
});

describe('a MultiStatusError (a 207 with a 423 inside)', () => {
  it('gives one answer too', async () => {
    const { dav } = observedClient(
      () =>
        new Response(
          '<D:multistatus xmlns:D="DAV:"><D:response><D:href>/root/dir/m.txt</D:href>' +
            '<D:status>HTTP/1.1 423 Locked</D:status></D:response></D:multistatus>',
          { status: 207, headers: { 'content-type': 'application/xml' } },
        ),
    );
    const error = await dav.delete('/dir/').catch((e: unknown) => e);
    expect(isMultiStatusError(error)).toBe(true);
    expectOneAnswer(error as MultiStatusError, 'wait-for-unlock');
  });
});
