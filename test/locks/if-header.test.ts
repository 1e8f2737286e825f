import { describe, expect, it } from 'vitest';
import { buildIfHeader, codedUrl, parseLockTokenHeader } from '../../src/locks/if-header.ts';

describe('buildIfHeader', () => {
  it('tags one token with its resource', () => {
    expect(
      buildIfHeader([{ resource: 'https://h/dav/a.txt', lists: [[{ token: 'opaquelocktoken:1' }]] }]),
    ).toBe('<https://h/dav/a.txt> (<opaquelocktoken:1>)');
  });

  it('lists several resources, each with its own lists', () => {
    expect(
      buildIfHeader([
        { resource: 'https://h/dav/a.txt', lists: [[{ token: 'urn:t1' }]] },
        { resource: 'https://h/dav/dir/', lists: [[{ token: 'urn:t2' }], [{ token: 'urn:t3' }]] },
      ]),
    ).toBe('<https://h/dav/a.txt> (<urn:t1>) <https://h/dav/dir/> (<urn:t2>) (<urn:t3>)');
  });

  it('combines tokens and ETags in one list (AND), and negates with Not', () => {
    expect(
      buildIfHeader([
        {
          resource: 'https://h/dav/a.txt',
          lists: [
            [{ token: 'urn:t1' }, { etag: '"abc"' }],
            [
              { token: 'DAV:no-lock', not: true },
              { etag: 'W/"weak"', not: true },
            ],
          ],
        },
      ]),
    ).toBe('<https://h/dav/a.txt> (<urn:t1> ["abc"]) (Not <DAV:no-lock> Not [W/"weak"])');
  });

  it('never produces an untagged list, and skips resources without lists', () => {
    const header = buildIfHeader([
      { resource: 'https://h/dav/empty', lists: [] },
      { resource: 'https://h/dav/b', lists: [[{ etag: '"x"' }]] },
    ]);
    expect(header).toBe('<https://h/dav/b> (["x"])');
    expect(header.startsWith('<')).toBe(true);
    expect(buildIfHeader([])).toBe('');
  });

  it('keeps numeric (rclone) and urn:uuid (webdav-server) tokens as Coded-URLs', () => {
    expect(buildIfHeader([{ resource: 'http://h/a', lists: [[{ token: '1795301444' }]] }])).toBe(
      '<http://h/a> (<1795301444>)',
    );
    expect(codedUrl('urn:uuid:00f0-4d22')).toBe('<urn:uuid:00f0-4d22>');
  });
});

describe('parseLockTokenHeader', () => {
  it.each([
    [
      '<opaquelocktoken:e71d4fae-5dec-22d6-fea5-00a0c91e6be4>',
      'opaquelocktoken:e71d4fae-5dec-22d6-fea5-00a0c91e6be4',
    ],
    ['<urn:372f8884>', 'urn:372f8884'],
    ['<1795301444>', '1795301444'],
    ['urn:uuid:00f04d22-4d22-10f0-0055-0000f60a07b0', 'urn:uuid:00f04d22-4d22-10f0-0055-0000f60a07b0'],
    ['  <opaquelocktoken:abc>  ', 'opaquelocktoken:abc'],
  ])('reads %j (apache, nginx, rclone, webdav-server, padded)', (header, token) => {
    expect(parseLockTokenHeader(header)).toBe(token);
  });

  it.each([null, undefined, '', '   '])('gives undefined for %j', (header) => {
    expect(parseLockTokenHeader(header)).toBeUndefined();
  });
});
