import { describe, expect, it } from 'vitest';
import { isDavUsageError } from '../../src/errors/guards.ts';
import type { Entry } from '../../src/model/entry.ts';
import { buildState, checkState, fingerprint } from '../../src/sync/state.ts';

const URL_ = 'https://h/dav/notes/';

function entry(path: string, extra: Partial<Entry>): Entry {
  return { path, href: path, name: path, type: 'file', props: {}, ...extra };
}

describe('sync state', () => {
  it('tells a change by ETag, else by size and last-modified; collections by ctag, else ETag', () => {
    // Weak comparison: Apache turns W/"1" into "1" a second after a change, the same version.
    expect(fingerprint(entry('/a', { etag: 'W/"1"', size: 3 }))).toBe('e:"1"');
    expect(fingerprint(entry('/a', { etag: '"1"' }))).toBe('e:"1"');
    expect(fingerprint(entry('/a', { size: 3, lastModified: '2026-01-01T00:00:00.000Z' }))).toBe(
      'm:3|2026-01-01T00:00:00.000Z',
    );
    const collection = entry('/c/', { type: 'directory', etag: '"d"' });
    expect(fingerprint(collection)).toBe('c:"d"');
    const withCtag = { ...collection, props: { '{http://calendarserver.org/ns/}getctag': '"7"' } };
    expect(fingerprint(withCtag as Entry)).toBe('c:ctag "7"');
  });

  it('is plain, sorted JSON that comes back as it went', () => {
    const state = buildState(
      URL_,
      'walk',
      new Map([
        ['/b', 'e:"2"'],
        ['/a', 'e:"1"'],
      ]),
    );
    expect(Object.keys(state.entries)).toEqual(['/a', '/b']);
    expect(checkState(JSON.parse(JSON.stringify(state)), URL_)).toEqual(state);
  });

  it('refuses a malformed state, or one of another collection, before anything is sent', () => {
    const good = buildState(URL_, 'walk', new Map());
    for (const bad of [
      null,
      'x',
      { ...good, version: 2 },
      { ...good, entries: { '/a': 1 } },
      { ...good, method: 'x' },
    ]) {
      expect(
        isDavUsageError(
          (() => {
            try {
              checkState(bad, URL_);
            } catch (e) {
              return e;
            }
          })(),
        ),
      ).toBe(true);
    }
    const other = (() => {
      try {
        checkState(good, 'https://h/dav/other/');
      } catch (e) {
        return e;
      }
    })();
    expect(isDavUsageError(other) && other.message).toContain('belongs to "https://h/dav/notes/"');
  });
});
