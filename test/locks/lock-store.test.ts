import { describe, expect, it } from 'vitest';
import { LockStore } from '../../src/locks/lock-store.ts';
import type { HeldLock } from '../../src/model/locks.ts';
import { lockRelation } from '../../src/utils/lock-relation.ts';

function held(root: string, overrides: Partial<HeldLock> = {}): HeldLock {
  return {
    token: `tok:${root}`,
    root,
    rootUrl: `https://h${root}`,
    depth: 'infinity',
    scope: 'exclusive',
    expiresAt: null,
    ...overrides,
  };
}

describe('lockRelation', () => {
  it('tells the lock on the path itself, trailing slashes aside', () => {
    expect(lockRelation(held('/dav/a/'), '/dav/a')).toBe('self');
    expect(lockRelation(held('/dav/a'), '/dav/a/')).toBe('self');
  });

  it('tells a depth-infinity ancestor, at any depth', () => {
    expect(lockRelation(held('/dav/a/'), '/dav/a/b.txt')).toBe('ancestor');
    expect(lockRelation(held('/dav/a/'), '/dav/a/b/c/d.txt')).toBe('ancestor');
  });

  it('tells a depth-0 lock on the direct parent only', () => {
    expect(lockRelation(held('/dav/a/', { depth: 0 }), '/dav/a/b.txt')).toBe('parent');
    expect(lockRelation(held('/dav/a/', { depth: 0 }), '/dav/a/b/')).toBe('parent');
    expect(lockRelation(held('/dav/a/', { depth: 0 }), '/dav/a/b/c.txt')).toBeUndefined();
  });

  it('tells a lock below the path', () => {
    expect(lockRelation(held('/dav/a/b/c.txt'), '/dav/a/')).toBe('descendant');
  });

  it('ignores siblings and look-alike prefixes', () => {
    expect(lockRelation(held('/dav/a/'), '/dav/ab/c.txt')).toBeUndefined();
    expect(lockRelation(held('/dav/ab/c.txt'), '/dav/a/')).toBeUndefined();
    expect(lockRelation(held('/dav/x.txt'), '/dav/y.txt')).toBeUndefined();
  });
});

describe('LockStore', () => {
  it('adds, replaces by token, lists and deletes', () => {
    const store = new LockStore();
    store.add(held('/dav/a', { token: 't1' }));
    store.add(held('/dav/b', { token: 't1', scope: 'shared' }));
    expect(store.list()).toEqual([held('/dav/b', { token: 't1', scope: 'shared' })]);
    expect(store.delete('t1')).toBe(true);
    expect(store.delete('t1')).toBe(false);
    expect(store.list()).toEqual([]);
  });

  it('forgets expired locks (and only those)', () => {
    let now = 1_000;
    const store = new LockStore(() => now);
    store.add(held('/dav/short', { token: 'short', expiresAt: 2_000 }));
    store.add(held('/dav/long', { token: 'long', expiresAt: 9_000 }));
    store.add(held('/dav/forever', { token: 'forever', expiresAt: null }));
    expect(store.list().map((l) => l.token)).toEqual(['short', 'long', 'forever']);
    now = 2_000;
    expect(store.list().map((l) => l.token)).toEqual(['long', 'forever']);
    now = 1_000;
    expect(store.list().map((l) => l.token)).toEqual(['long', 'forever']);
    expect(store.tokenFor('/dav/short')).toBeUndefined();
    expect(store.tokenFor('/dav/long/')).toBe('long');
  });

  it('relevant(): own, ancestor, the parent for membership changes, descendants for recursive requests', () => {
    const store = new LockStore();
    const own = held('/dav/d/f.txt', { token: 'own' });
    const ancestor = held('/dav/', { token: 'ancestor' });
    const parent = held('/dav/d/', { token: 'parent', depth: 0 });
    const below = held('/dav/d/sub/x.txt', { token: 'below' });
    const other = held('/dav/other/', { token: 'other' });
    for (const lock of [own, ancestor, parent, below, other]) {
      store.add(lock);
    }
    const tokens = (query: Parameters<LockStore['relevant']>[0]) => store.relevant(query).map((l) => l.token);
    expect(tokens({ path: '/dav/d/f.txt', recursive: false })).toEqual(['own', 'ancestor', 'parent']);
    expect(tokens({ path: '/dav/d/f.txt', recursive: false, membership: false })).toEqual([
      'own',
      'ancestor',
    ]);
    expect(tokens({ path: '/dav/d/', recursive: true })).toEqual(['own', 'ancestor', 'parent', 'below']);
    expect(tokens({ path: '/dav/d/', recursive: false, membership: false })).toEqual(['ancestor', 'parent']);
    expect(tokens({ path: '/dav/d/g.txt', destination: '/dav/other/g.txt', recursive: false })).toEqual([
      'ancestor',
      'parent',
      'other',
    ]);
  });

  it('forgetWithin() drops the locks rooted at a path or below it, and returns them', () => {
    const store = new LockStore();
    store.add(held('/dav/d/', { token: 'd' }));
    store.add(held('/dav/d/x.txt', { token: 'x' }));
    store.add(held('/dav/dd/y.txt', { token: 'y' }));
    store.add(held('/dav/', { token: 'root' }));
    expect(store.forgetWithin('/dav/d').map((l) => l.token)).toEqual(['d', 'x']);
    expect(store.list().map((l) => l.token)).toEqual(['y', 'root']);
  });
});
