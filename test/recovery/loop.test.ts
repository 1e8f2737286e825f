/**
 * The one fix-and-resubmit loop (`fixAndResubmit`, issue 12.3), driven over a fake `Attempt`: no client,
 * no server, only what the loop decides. A request replay and a batch replay both run it, so these are
 * the rules for both: it ends when nothing fails, after `maxAttempts` resubmissions, or when a cause
 * comes back after its fix; a lock still held is waited for until `maxWaitMs`, without counting as an
 * attempt; a fix that throws stops it before anything is sent again; an abort stops it at once.
 */
import { describe, expect, it } from 'vitest';
import { isDavUnfixableError, isDavUsageError } from '../../src/index.ts';
import type { Fix, RootCause } from '../../src/model/root-cause.ts';
import { type Attempt, fixAndResubmit } from '../../src/recovery/loop.ts';
import type { Session } from '../../src/session/session.ts';

function cause(fix: Fix, path = '/a.txt'): RootCause {
  return { status: 409, path, serverPath: `/root${path}`, dependents: [], fix };
}

const MISSING = (path: string): RootCause => cause({ kind: 'create-parent', path }, path);
const LOCKED = cause({ kind: 'wait-for-unlock', lockRoot: '/a.txt' });

/**
 * A scripted request: each answer in turn is a failure with these causes, or `'ok'`. Records how
 * often it was sent again. `settle()` gives `'done'` after success and throws the last failure.
 */
function scripted(answers: readonly (readonly RootCause[] | 'ok')[]) {
  const sent = { resubmits: 0, lockTokens: [] as boolean[] };
  const attempt = (index: number): Attempt<string> => {
    const answer = answers[Math.min(index, answers.length - 1)] as readonly RootCause[] | 'ok';
    return {
      ok: answer === 'ok',
      causes: () => (answer === 'ok' ? [] : answer),
      resubmit: async (lockTokens) => {
        sent.resubmits += 1;
        sent.lockTokens.push(lockTokens);
        return attempt(index + 1);
      },
      settle: () => {
        if (answer === 'ok') {
          return 'done';
        }
        throw new Error(`failed at answer ${index}`);
      },
    };
  };
  return { first: attempt(0), sent };
}

/** No built-in fixer runs in these tests unless a test gives the session it needs. */
const NO_SESSION = {} as Session;

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.unreachable('the loop should have failed'),
    (error: unknown) => error,
  );
}

describe('fixAndResubmit', () => {
  it('fixes the causes, sends again, and ends with the value once nothing fails', async () => {
    const { first, sent } = scripted([[MISSING('/a/')], 'ok']);
    const seen: RootCause[][] = [];
    const value = await fixAndResubmit(NO_SESSION, first, (causes) => void seen.push([...causes]), {});
    expect(value).toBe('done');
    expect(sent.resubmits).toBe(1);
    expect(seen).toEqual([[MISSING('/a/')]]);
  });

  it('stops after maxAttempts resubmissions and throws the last failure', async () => {
    // Each answer fails for a new reason, so only maxAttempts can end it.
    const { first, sent } = scripted([
      [MISSING('/a/')],
      [MISSING('/b/')],
      [MISSING('/c/')],
      [MISSING('/d/')],
    ]);
    const error = await rejection(fixAndResubmit(NO_SESSION, first, () => {}, { maxAttempts: 2 }));
    expect((error as Error).message).toBe('failed at answer 2');
    expect(sent.resubmits).toBe(2);
  });

  it('stops when a cause comes back after its fix: never an endless loop', async () => {
    const { first, sent } = scripted([[MISSING('/a/')]]);
    const error = await rejection(fixAndResubmit(NO_SESSION, first, () => {}, { maxAttempts: 10 }));
    expect((error as Error).message).toBe('failed at answer 1');
    expect(sent.resubmits).toBe(1);
  });

  // A 503 with Retry-After is transient: the same cause coming back is not a failed fix (issue 13's
  // re-sent chunks rely on it), but each return is one more attempt, so maxAttempts still ends it.
  it('fixes a transient cause (retry-later) again when it comes back, each time as one attempt', async () => {
    const BUSY = cause({ kind: 'retry-later', afterMs: 1 });
    const recovered = scripted([[BUSY], [BUSY], 'ok']);
    expect(await fixAndResubmit(NO_SESSION, recovered.first, undefined, { maxAttempts: 3 })).toBe('done');
    expect(recovered.sent.resubmits).toBe(2);
    const busy = scripted([[BUSY]]);
    const error = await rejection(fixAndResubmit(NO_SESSION, busy.first, undefined, { maxAttempts: 3 }));
    expect((error as Error).message).toBe('failed at answer 3');
    expect(busy.sent.resubmits).toBe(3);
  });

  it('waits for a lock still held until maxWaitMs, without counting the waits as attempts', async () => {
    const { first, sent } = scripted([[LOCKED]]);
    const error = await rejection(
      fixAndResubmit(NO_SESSION, first, () => {}, { maxAttempts: 2, maxWaitMs: 800 }),
    );
    expect(isDavUnfixableError(error)).toBe(true);
    expect((error as Error).message).toContain('the lock was still held after maxWaitMs');
    // Two attempts allowed, yet it sent again more often while waiting: waits are not attempts.
    expect(sent.resubmits).toBeGreaterThan(2);
  });

  it('ends with the value when a held lock goes while it waits', async () => {
    const { first, sent } = scripted([[LOCKED], [LOCKED], [LOCKED], 'ok']);
    expect(await fixAndResubmit(NO_SESSION, first, () => {}, { maxAttempts: 2, maxWaitMs: 10_000 })).toBe(
      'done',
    );
    // More resubmissions than attempts allowed: the two waits were not attempts.
    expect(sent.resubmits).toBe(3);
  });

  it('a fix of yours that throws stops the loop with its error, before anything is sent again', async () => {
    const { first, sent } = scripted([[MISSING('/a/')], 'ok']);
    const refused = new Error('no space left');
    const error = await rejection(fixAndResubmit(NO_SESSION, first, () => Promise.reject(refused), {}));
    expect(error).toBe(refused);
    expect(sent.resubmits).toBe(0);
  });

  it('a built-in fixer that throws becomes DavUnfixableError with its reason, before anything is sent again', async () => {
    const session = {
      url: (path: string) => `https://dav.test/root${path}`,
      locks: { relevant: () => [] },
    } as unknown as Session;
    const { first, sent } = scripted([[cause({ kind: 'submit-lock-token', lockRoot: '/a.txt' })], 'ok']);
    const error = await rejection(fixAndResubmit(session, first, undefined, {}));
    expect(isDavUnfixableError(error)).toBe(true);
    expect((error as Error).message).toContain('this client holds no lock token for /a.txt');
    expect(sent.resubmits).toBe(0);
  });

  it('a cause no built-in fixer covers is refused at once with DavUnfixableError', async () => {
    const protectedProp = cause({ kind: 'remove-protected-property', prop: '{DAV:}getetag' });
    const { first, sent } = scripted([[protectedProp], 'ok']);
    const error = await rejection(fixAndResubmit(NO_SESSION, first, undefined, {}));
    expect(isDavUnfixableError(error) && error.causes).toEqual([protectedProp]);
    expect(sent.resubmits).toBe(0);
  });

  it('asks for every held lock token on the resubmission a lock-token cause needs', async () => {
    const tokenCause = cause({ kind: 'submit-lock-token', lockRoot: '/a.txt', token: 't' });
    const { first, sent } = scripted([[MISSING('/a/')], [tokenCause], 'ok']);
    expect(await fixAndResubmit(NO_SESSION, first, () => {}, {})).toBe('done');
    expect(sent.lockTokens).toEqual([false, true]);
  });

  it('an aborted signal stops it before any fix or resubmission', async () => {
    const { first, sent } = scripted([[MISSING('/a/')], 'ok']);
    const controller = new AbortController();
    controller.abort(new Error('user left'));
    let fixes = 0;
    const error = await rejection(
      fixAndResubmit(
        NO_SESSION,
        first,
        () => {
          fixes += 1;
        },
        { signal: controller.signal },
      ),
    );
    expect((error as Error).message).toBe('user left');
    expect([fixes, sent.resubmits]).toEqual([0, 0]);
  });

  it('an abort while waiting for a lock ends the wait at once', async () => {
    const { first, sent } = scripted([[LOCKED]]);
    const controller = new AbortController();
    const waiting = fixAndResubmit(NO_SESSION, first, () => {}, {
      maxWaitMs: 60_000,
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(new Error('user left')), 100);
    const error = await rejection(waiting);
    expect((error as Error).message).toBe('user left');
    expect(sent.resubmits).toBeLessThan(5);
  });

  it('refuses options it cannot honour with DavUsageError, before anything', async () => {
    const { first, sent } = scripted([[MISSING('/a/')], 'ok']);
    for (const options of [
      { maxAttempts: 0 },
      { maxWaitMs: -1 },
      { maxAttempts: 1.5 },
      { replay: 'some' as never },
    ]) {
      expect(isDavUsageError(await rejection(fixAndResubmit(NO_SESSION, first, () => {}, options)))).toBe(
        true,
      );
    }
    expect(sent.resubmits).toBe(0);
  });
});
