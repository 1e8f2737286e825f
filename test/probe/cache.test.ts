import { describe, expect, it } from 'vitest';
import { ProbeCache } from '../../src/probe/cache.ts';
import type { Capabilities } from '../../src/probe/types.ts';

function caps(url: string, depthInfinity: boolean): Capabilities {
  const unknown = 'unknown' as const;
  return {
    url,
    probedAt: '2026-01-01T00:00:00.000Z',
    davClasses: ['1'],
    davExtensions: [],
    methods: [],
    acceptPatch: [],
    depthInfinity,
    partialUpdate: [],
    syncCollection: false,
    search: false,
    searchGrammars: [],
    quota: false,
    etags: unknown,
    collectionEtags: unknown,
    ctag: false,
    ifMatchHonoured: unknown,
    learned: {
      depthInfinity: 'probed',
      partialUpdate: unknown,
      syncCollection: unknown,
      search: 'advertised',
      quota: unknown,
      etags: unknown,
      collectionEtags: unknown,
      ctag: unknown,
      ifMatchHonoured: unknown,
    },
    requests: 3,
    notes: [],
  };
}

describe('ProbeCache', () => {
  it('finds a collection’s own result, else the closest probed ancestor on the same origin', () => {
    const cache = new ProbeCache();
    cache.add(caps('https://h/dav/', true));
    cache.add(caps('https://h/dav/team/', false));
    cache.add(caps('https://other/dav/team/x/', true));
    expect(cache.around('https://h/dav/team')?.url).toBe('https://h/dav/team/');
    expect(cache.around('https://h/dav/team/x/y.txt')?.url).toBe('https://h/dav/team/');
    expect(cache.around('https://h/dav/teamwork/')?.url).toBe('https://h/dav/');
    expect(cache.around('https://h/elsewhere/')).toBeUndefined();
    expect(cache.around('https://other/dav/')).toBeUndefined();
  });

  it('keeps plain data that can be listed, cleared and given back', () => {
    const cache = new ProbeCache();
    cache.add(caps('https://h/dav/a?x=1', true));
    expect(cache.get('https://h/dav/a/')?.url).toBe('https://h/dav/a?x=1');
    const stored = JSON.stringify(cache.list());
    cache.clear();
    expect(cache.list()).toEqual([]);
    for (const each of JSON.parse(stored) as Capabilities[]) {
      cache.add(each);
    }
    expect(cache.list()).toHaveLength(1);
  });
});
