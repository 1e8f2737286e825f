import { describe, expect, it } from 'vitest';
import { withLockTokens } from '../../src/client/lock-tokens.ts';
import { LockStore } from '../../src/locks/lock-store.ts';
import type { HeldLock } from '../../src/model/locks.ts';
import { buildCopy, buildMove } from '../../src/operations/copy-move.ts';
import { buildDelete } from '../../src/operations/delete.ts';
import { buildGet } from '../../src/operations/get.ts';
import { buildLock } from '../../src/operations/lock.ts';
import { buildMkcol } from '../../src/operations/mkcol.ts';
import { buildPropfind } from '../../src/operations/propfind.ts';
import { buildProppatch } from '../../src/operations/proppatch.ts';
import { buildPut } from '../../src/operations/put.ts';
import { buildRefreshLock, buildUnlock } from '../../src/operations/unlock.ts';

const BASE = new URL('https://h/dav/');
const NO_LOCK = '(Not <DAV:no-lock>)';

function lock(path: string, token: string, overrides: Partial<HeldLock> = {}): HeldLock {
  return {
    token,
    root: `/dav${path}`,
    rootUrl: `https://h/dav${path}`,
    depth: 'infinity',
    scope: 'exclusive',
    expiresAt: null,
    ...overrides,
  };
}

function store(...locks: HeldLock[]): LockStore {
  const s = new LockStore();
  for (const l of locks) {
    s.add(l);
  }
  return s;
}

describe('withLockTokens', () => {
  it('submits the resource’s own lock, tagged with its URL', () => {
    const spec = withLockTokens(buildPut('/a.txt', 'x'), store(lock('/a.txt', 't1')), BASE);
    expect(spec.headers.if).toBe('<https://h/dav/a.txt> (<t1>)');
  });

  it('submits a depth-infinity lock on an ancestor, tagged with the lock root', () => {
    const locks = store(lock('/docs/', 'tdocs'));
    expect(withLockTokens(buildPut('/docs/x/new.txt', 'x'), locks, BASE).headers.if).toBe(
      '<https://h/dav/docs/> (<tdocs>)',
    );
    expect(
      withLockTokens(buildProppatch('/docs/a.txt', { set: { '{urn:x}a': '1' } }), locks, BASE).headers.if,
    ).toBe('<https://h/dav/docs/> (<tdocs>)');
  });

  it('submits a depth-0 lock on the parent for PUT, MKCOL and DELETE, which change its membership', () => {
    const locks = store(lock('/docs/', 'tp', { depth: 0 }));
    for (const spec of [buildPut('/docs/a.txt', 'x'), buildMkcol('/docs/sub/'), buildDelete('/docs/a.txt')]) {
      expect(withLockTokens(spec, locks, BASE).headers.if).toBe('<https://h/dav/docs/> (<tp>)');
    }
  });

  it('does not submit a depth-0 parent lock for PROPPATCH (membership unchanged) nor for a grandchild', () => {
    const locks = store(lock('/docs/', 'tp', { depth: 0 }));
    expect(
      withLockTokens(buildProppatch('/docs/a.txt', { remove: ['{urn:x}a'] }), locks, BASE).headers.if,
    ).toBeUndefined();
    expect(withLockTokens(buildPut('/docs/sub/a.txt', 'x'), locks, BASE).headers.if).toBeUndefined();
  });

  it('submits locks below the target of a DELETE, tagged with the member and with the target', () => {
    const locks = store(lock('/docs/a.txt', 'ta'), lock('/docs/sub/b.txt', 'tb'));
    expect(withLockTokens(buildDelete('/docs/'), locks, BASE).headers.if).toBe(
      `<https://h/dav/docs/a.txt> (<ta>) <https://h/dav/docs/> (<ta>) ${NO_LOCK} ` +
        `<https://h/dav/docs/sub/b.txt> (<tb>) <https://h/dav/docs/> (<tb>) ${NO_LOCK}`,
    );
  });

  it('submits locks below the source of a MOVE, and the destination’s locks', () => {
    const locks = store(lock('/src/m.txt', 'tm'), lock('/dst/', 'tdst'), lock('/unrelated.txt', 'tu'));
    expect(withLockTokens(buildMove('/src/', '/dst/src/'), locks, BASE).headers.if).toBe(
      `<https://h/dav/src/m.txt> (<tm>) <https://h/dav/src/> (<tm>) ${NO_LOCK} <https://h/dav/dst/> (<tdst>)`,
    );
  });

  it('submits only the destination’s locks for a COPY: the source is not changed', () => {
    const locks = store(lock('/src.txt', 'tsrc'), lock('/dst.txt', 'tdst'));
    expect(withLockTokens(buildCopy('/src.txt', '/dst.txt'), locks, BASE).headers.if).toBe(
      '<https://h/dav/dst.txt> (<tdst>)',
    );
    expect(withLockTokens(buildCopy('/src.txt', '/elsewhere.txt'), locks, BASE).headers.if).toBeUndefined();
  });

  it('submits locks below an overwritten COPY destination', () => {
    const locks = store(lock('/dst/m.txt', 'tm'));
    expect(withLockTokens(buildCopy('/src/', '/dst/'), locks, BASE).headers.if).toBe(
      `<https://h/dav/dst/m.txt> (<tm>) <https://h/dav/dst/> (<tm>) ${NO_LOCK}`,
    );
  });

  it('does not submit locks below the target of a PUT or PROPPATCH', () => {
    const locks = store(lock('/docs/a.txt', 'ta'));
    expect(
      withLockTokens(buildProppatch('/docs/', { set: { '{urn:x}a': '1' } }), locks, BASE).headers.if,
    ).toBeUndefined();
  });

  it('submits one lock once, even when both the source and the destination are under it', () => {
    const locks = store(lock('/docs/', 'td'));
    expect(withLockTokens(buildMove('/docs/a.txt', '/docs/b.txt'), locks, BASE).headers.if).toBe(
      '<https://h/dav/docs/> (<td>)',
    );
  });

  it('adds nothing to reads, UNLOCK and a new LOCK, nor when no lock applies', () => {
    const locks = store(lock('/a.txt', 't1'));
    for (const spec of [
      buildGet('/a.txt'),
      buildPropfind('/a.txt'),
      buildUnlock('/a.txt', 't1'),
      buildLock('/a.txt'),
    ]) {
      expect(withLockTokens(spec, locks, BASE)).toBe(spec);
    }
    const put = buildPut('/b.txt', 'x');
    expect(withLockTokens(put, locks, BASE)).toBe(put);
  });

  it('leaves a request that already carries an If header (a LOCK refresh) alone', () => {
    const refresh = buildRefreshLock('/a.txt', 'https://h/dav/a.txt', 't1', { lockTimeout: 60 });
    expect(withLockTokens(refresh, store(lock('/a.txt', 't1'), lock('/', 'troot')), BASE)).toBe(refresh);
  });

  it('forgets expired locks', () => {
    let now = 0;
    const locks = new LockStore(() => now);
    locks.add(lock('/a.txt', 't1', { expiresAt: 1_000 }));
    expect(withLockTokens(buildPut('/a.txt', 'x'), locks, BASE).headers.if).toBe(
      '<https://h/dav/a.txt> (<t1>)',
    );
    now = 1_000;
    expect(withLockTokens(buildPut('/a.txt', 'x'), locks, BASE).headers.if).toBeUndefined();
  });

  it('submits an explicit token for the request URL, once', () => {
    expect(withLockTokens(buildPut('/a b.txt', 'x'), new LockStore(), BASE, 'urn:x').headers.if).toBe(
      '<https://h/dav/a%20b.txt> (<urn:x>)',
    );
    expect(withLockTokens(buildPut('/a.txt', 'x'), store(lock('/a.txt', 't1')), BASE, 't1').headers.if).toBe(
      '<https://h/dav/a.txt> (<t1>)',
    );
    expect(withLockTokens(buildPut('/a.txt', 'x'), store(lock('/a.txt', 't1')), BASE, 't2').headers.if).toBe(
      '<https://h/dav/a.txt> (<t1>) <https://h/dav/a.txt> (<t2>)',
    );
  });

  it('does not change the input spec', () => {
    const spec = buildPut('/a.txt', 'x');
    const before = structuredClone(spec);
    withLockTokens(spec, store(lock('/a.txt', 't1')), BASE);
    expect(spec).toEqual(before);
  });
});
