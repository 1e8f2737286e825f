import { describe, expect, it } from 'vitest';
import { isMultiStatusError } from '../../src/errors/guards.ts';
import { buildProppatch, readProppatch } from '../../src/operations/proppatch.ts';
import type { RawResponse } from '../../src/transport/raw-response.ts';
import { el } from '../../src/xml/serialize.ts';

function raw(status: number, text: string): RawResponse {
  return {
    status,
    statusText: '',
    headers: { 'content-type': 'application/xml' },
    text,
    request: { method: 'PROPPATCH', url: 'https://h/dav/a.txt', path: '/dav/a.txt' },
  };
}

const propstat = (prop: string, status: string) =>
  `<D:propstat><D:prop>${prop}</D:prop><D:status>HTTP/1.1 ${status}</D:status></D:propstat>`;
const answer = (...propstats: string[]) =>
  `<D:multistatus xmlns:D="DAV:" xmlns:x="urn:x"><D:response><D:href>/dav/a.txt</D:href>${propstats.join('')}</D:response></D:multistatus>`;

describe('buildProppatch', () => {
  it('sets then removes, each property in its namespace', () => {
    const spec = buildProppatch('/a.txt', {
      set: {
        '{urn:acme}state': 'final',
        '{urn:acme}count': 3,
        '{urn:acme}tree': el('{urn:acme}leaf', [], 'x'),
      },
      remove: ['{urn:acme}draft'],
    });
    expect([spec.method, spec.path, spec.headers['content-type']]).toEqual([
      'PROPPATCH',
      '/a.txt',
      'application/xml; charset=utf-8',
    ]);
    const body = spec.body as string;
    expect(body.indexOf('set>')).toBeLessThan(body.indexOf('remove>'));
    expect(body).toMatch(/state>final</);
    expect(body).toMatch(/count>3</);
    expect(body).toMatch(/leaf>x</);
    expect(body).toMatch(/draft\/>/);
    expect(body).toMatch(/xmlns(:\w+)?="urn:acme"/);
  });

  it('leaves out an empty remove', () => {
    expect(buildProppatch('/a', { set: { '{urn:x}a': '1' }, remove: [] }).body).not.toContain('remove');
  });
});

describe('readProppatch', () => {
  it('returns the multistatus when every property succeeded', () => {
    const ms = readProppatch(raw(207, answer(propstat('<x:a/>', '200 OK'))));
    expect(ms.responses).toHaveLength(1);
  });

  it.each([
    ['Apache', '409 (status)'],
    ['SabreDAV / rclone / webdav-server', '403 Forbidden'],
  ])('throws MultiStatusError for a protected property (%s) and the 424 it causes', (_, status) => {
    let error: unknown;
    try {
      readProppatch(
        raw(207, answer(propstat('<x:color/>', '424 Failed Dependency'), propstat('<D:getetag/>', status))),
      );
    } catch (e) {
      error = e;
    }
    expect(isMultiStatusError(error) && error.message).toBe(
      '[PROPPATCH] "https://h/dav/a.txt": 207 Multi-Status with 2 failed entries',
    );
  });

  it('accepts an empty 2xx answer as success without responses', () => {
    expect(readProppatch(raw(200, ''))).toEqual({ kind: 'multistatus', responses: [] });
  });

  it('throws DavHttpError for 405 (nginx has no PROPPATCH) and 423', () => {
    expect(() => readProppatch(raw(405, '<html>405</html>'))).toThrow(/405/);
    expect(() => readProppatch(raw(423, ''))).toThrow(/423/);
  });
});
