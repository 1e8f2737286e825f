import { describe, expect, it } from 'vitest';
import { plainCopy } from '../../src/utils/plain-copy.ts';

describe('plainCopy', () => {
  it('copies plain objects and arrays at any depth', () => {
    const original = { set: { '{urn:x}a': '1' }, props: ['{DAV:}getetag'], nested: { deep: [{ v: 1 }] } };
    const copy = plainCopy(original);
    original.set['{urn:x}a'] = '2';
    original.props.push('{DAV:}displayname');
    (original.nested.deep[0] as { v: number }).v = 2;
    expect(copy).toEqual({
      set: { '{urn:x}a': '1' },
      props: ['{DAV:}getetag'],
      nested: { deep: [{ v: 1 }] },
    });
  });

  it('keeps what is not plain data as it is: functions, signals, bytes, Blobs, class instances', () => {
    const signal = new AbortController().signal;
    const bytes = new Uint8Array([1]);
    const blob = new Blob(['x']);
    const onUploadProgress = () => undefined;
    const url = new URL('https://dav.test/');
    const copy = plainCopy({ signal, bytes, blob, onUploadProgress, url });
    expect(copy.signal).toBe(signal);
    expect(copy.bytes).toBe(bytes);
    expect(copy.blob).toBe(blob);
    expect(copy.onUploadProgress).toBe(onUploadProgress);
    expect(copy.url).toBe(url);
  });

  it('keeps a null prototype and survives a cycle', () => {
    const bare = Object.assign(Object.create(null) as Record<string, unknown>, { a: 1 });
    bare.self = bare;
    const copy = plainCopy(bare);
    expect(Object.getPrototypeOf(copy)).toBeNull();
    expect(copy.self).toBe(copy);
    expect(copy).not.toBe(bare);
  });
});
