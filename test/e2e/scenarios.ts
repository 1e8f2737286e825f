/**
 * The browser scenarios, run inside a page where `window.davkit` is davkit (however it was loaded).
 * Each function is serialised by Playwright and evaluated in the page: no imports, no closures.
 */
import type * as Davkit from '../../src/index.ts';

type Page = Window & { davkit: typeof Davkit };

/** Lists a collection, writes a file, reads it back. */
export async function listAndWrite({ baseUrl }: { baseUrl: string }) {
  const { createClient } = (window as unknown as Page).davkit;
  const dav = createClient({ baseUrl });
  const before = (await dav.list('/')).map((entry) => entry.name).sort();
  await dav.put('/written.txt', 'Grüße aus dem Browser');
  const text = await dav.getText('/written.txt');
  const after = (await dav.list('/')).map((entry) => entry.name).sort();
  return { before, after, text };
}

/** A PROPPATCH with a protected property: a MultiStatusError and its root cause. */
export async function protectedProperty({ baseUrl }: { baseUrl: string }) {
  const { createClient, isMultiStatusError, rootCauses } = (window as unknown as Page).davkit;
  const dav = createClient({ baseUrl });
  try {
    await dav.proppatch('/seed.txt', { set: { '{DAV:}getetag': '"forged"', '{urn:acme}state': 'final' } });
    return { thrown: false };
  } catch (error) {
    return {
      thrown: isMultiStatusError(error),
      causes: rootCauses(error as Davkit.MultiStatusError).map((cause) => ({
        status: cause.status,
        prop: cause.prop,
        fix: cause.fix.kind,
        dependents: cause.dependents.map((dependent) => dependent.prop),
      })),
    };
  }
}

/** LOCK, a write that submits the token in a tagged If header, UNLOCK. Returns the lock token. */
export async function lockWriteUnlock({ baseUrl }: { baseUrl: string }) {
  const { createClient } = (window as unknown as Page).davkit;
  const dav = createClient({ baseUrl });
  const lock = await dav.lock('/locked.txt', { lockTimeout: 120 });
  const written = await dav.put('/locked.txt', 'written under lock');
  const held = dav.locks.list().map((each) => each.token);
  await dav.unlock('/locked.txt', lock.token as string);
  return { token: lock.token, written: written.status, held, after: dav.locks.list().length };
}

/** Holds a lock until asked to release it (for the "another client gets 423" check). */
export async function lockOnly({ baseUrl }: { baseUrl: string }) {
  const { createClient } = (window as unknown as Page).davkit;
  const dav = createClient({ baseUrl });
  const lock = await dav.lock('/held.txt', { lockTimeout: 120 });
  (window as unknown as { release: () => Promise<void> }).release = () =>
    dav.unlock('/held.txt', lock.token as string);
  return lock.token;
}

/** A batch whose first step fails on a missing parent, fixed and resubmitted by retryAfterFix(). */
export async function batchRetry({ baseUrl }: { baseUrl: string }) {
  const { createClient, explain } = (window as unknown as Page).davkit;
  const dav = createClient({ baseUrl });
  const batch = dav.batch();
  batch.mkcol('/missing/child/', { id: 'mk' });
  batch.put('/missing/child/file.txt', 'x', { id: 'put' });
  const first = await batch.run();
  const next = await first.retryAfterFix();
  return {
    first: first.steps.map((step) => `${step.id}:${step.kind}`),
    explanation: explain(first),
    next: next.steps.map((step) => `${step.id}:${step.kind}:${step.attempt}`),
    ok: next.ok,
    cloned: structuredClone(next).steps.length,
  };
}
