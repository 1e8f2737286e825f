/**
 * Issue 17's headline, end to end: a server that writes `DAV:` names with an undeclared `DAV`
 * prefix in its PROPPATCH 207 and in its 403 for `Depth: infinity`, and `nc:`/`oc:` names nobody
 * declared in its SEARCH answers. davkit threw `DavParseError`, so `rootCauses()` could never explain
 * the protected-property failure. In-process server (test/helpers/quirky-server.ts): no harness
 * server sends these bodies.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { explain } from '../../src/analysis/explain.ts';
import { rootCauses } from '../../src/analysis/root-causes.ts';
import { createClient } from '../../src/client/create-client.ts';
import { isDavHttpError, isDavParseError, isMultiStatusError } from '../../src/errors/guards.ts';
import { streamPropfind } from '../../src/stream/index.ts';
import { type QuirkyServer, startQuirkyServer, undeclaredSearchBody } from '../helpers/quirky-server.ts';

let server: QuirkyServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function nas(): Promise<QuirkyServer> {
  server = await startQuirkyServer('undeclared-dav');
  return server;
}

function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (error: unknown) => error,
  );
}

const DAV_WARNING = {
  kind: 'unbound-prefix',
  prefix: 'DAV',
  namespace: 'DAV:',
  conventional: true,
  element: 'DAV:getetag',
};

describe('PROPPATCH touching a protected property, answered with an undeclared DAV: prefix', () => {
  it('is a MultiStatusError whose root cause is the protected property, with the recovery in warnings', async () => {
    const box = await nas();
    const dav = createClient({ baseUrl: box.baseUrl, retry: 0 });
    const error = await failure(
      dav.proppatch('/a.txt', { set: { '{DAV:}getetag': '"x"', '{urn:acme}state': 'final' } }),
    );

    expect(isMultiStatusError(error)).toBe(true);
    if (!isMultiStatusError(error)) {
      return;
    }
    const [response] = error.multistatus.responses;
    expect(response?.kind === 'propstat' && response.propstats).toEqual([
      {
        status: 403,
        reason: 'Forbidden',
        props: { '{DAV:}getetag': null },
        error: [{ name: '{DAV:}cannot-modify-protected-property' }],
      },
      { status: 424, reason: 'Failed Dependency', props: { '{urn:acme}state': null } },
    ]);
    expect(error.multistatus.warnings).toEqual([
      expect.objectContaining({ ...DAV_WARNING, occurrences: 2, href: '/dav/a.txt' }),
    ]);
    expect(rootCauses(error)).toEqual([
      {
        status: 403,
        path: '/a.txt',
        serverPath: '/dav/a.txt',
        href: '/dav/a.txt',
        prop: '{DAV:}getetag',
        condition: { name: '{DAV:}cannot-modify-protected-property' },
        dependents: [{ path: '/a.txt', prop: '{urn:acme}state' }],
        fix: { kind: 'remove-protected-property', prop: '{DAV:}getetag' },
      },
    ]);
    expect(error.rootCauses()).toEqual(rootCauses(error));
    expect(explain(error)).toContain('fix: leave the protected property {DAV:}getetag out');
  });
});

describe('PROPFIND Depth: infinity refused with 403 and an undeclared DAV: condition', () => {
  it('is a DavHttpError with the propfind-finite-depth condition and its warning', async () => {
    const box = await nas();
    const dav = createClient({ baseUrl: box.baseUrl, retry: 0 });
    const error = await failure(dav.propfind('/', { depth: 'infinity' }));
    expect(isDavHttpError(error)).toBe(true);
    if (!isDavHttpError(error)) {
      return;
    }
    expect(error.status).toBe(403);
    expect(error.conditions).toEqual([{ name: '{DAV:}propfind-finite-depth' }]);
    expect(error.warnings).toEqual([
      expect.objectContaining({ ...DAV_WARNING, element: 'DAV:propfind-finite-depth', occurrences: 1 }),
    ]);
  });

  it('reads the same through davkit/stream (its own XML parser)', async () => {
    const box = await nas();
    const dav = createClient({ baseUrl: box.baseUrl, retry: 0 });
    const buffered = await failure(dav.propfind('/', { depth: 'infinity' }));
    const streamed = await failure(
      (async () => {
        for await (const _ of streamPropfind(dav, '/', { depth: 'infinity' })) {
          // nothing arrives: the answer is a 403
        }
      })(),
    );
    expect(isDavHttpError(streamed)).toBe(true);
    if (isDavHttpError(streamed) && isDavHttpError(buffered)) {
      expect([streamed.conditions, streamed.warnings]).toEqual([buffered.conditions, buffered.warnings]);
    }
  });
});

describe('SEARCH answered with undeclared nc: and oc: names', () => {
  it('reads them in Nextcloud’s and ownCloud’s namespaces and says so', async () => {
    const box = await nas();
    const dav = createClient({ baseUrl: box.baseUrl, retry: 0 });
    const ms = await dav.search('/', { select: ['{DAV:}getetag'], from: { href: '/dav/' } });
    const [response] = ms.responses;
    expect(response?.kind === 'propstat' && response.propstats.map((ps) => ps.props)).toEqual([
      {
        '{DAV:}getetag': '"e1"',
        '{http://owncloud.org/ns}fileid': {
          name: '{http://owncloud.org/ns}fileid',
          attributes: {},
          children: [],
          text: '42',
        },
      },
      { '{http://nextcloud.org/ns}is-encrypted': null },
    ]);
    expect(ms.warnings?.map((w) => w.kind === 'unbound-prefix' && [w.prefix, w.namespace, w.href])).toEqual([
      ['oc', 'http://owncloud.org/ns', '/dav/a.txt'],
      ['nc', 'http://nextcloud.org/ns', '/dav/a.txt'],
    ]);
  });
});

describe('strict decoding', () => {
  it('propfind({ strict: true }) refuses such an answer with DavParseError, as davkit did before', async () => {
    const box = await nas();
    const dav = createClient({ baseUrl: box.baseUrl, retry: 0 });
    const lenient = await dav.propfind('/a.txt', { depth: 0 });
    expect(lenient.warnings?.map((w) => w.kind === 'unbound-prefix' && w.prefix)).toEqual(['oc', 'nc']);
    const error = await failure(dav.propfind('/a.txt', { depth: 0, strict: true }));
    expect(isDavParseError(error) && error.message).toMatch(/prefix "oc" of <oc:fileid> is not declared/);
  });

  it('streamPropfind gives the same warnings, and the same refusal with strict: true', async () => {
    const box = await nas();
    const dav = createClient({ baseUrl: box.baseUrl, retry: 0 });
    const buffered = await dav.propfind('/a.txt', { depth: 0 });
    const stream = streamPropfind(dav, '/a.txt', { depth: 0 });
    const responses = [];
    for await (const response of stream) {
      responses.push(response);
    }
    expect([responses, stream.warnings]).toEqual([buffered.responses, buffered.warnings]);
    const strict = await failure(
      (async () => {
        for await (const _ of streamPropfind(dav, '/a.txt', { depth: 0, strict: true })) {
          // refused before the response closes
        }
      })(),
    );
    expect(isDavParseError(strict)).toBe(true);
  });
});

describe('strict decoding of an answer read as it arrives', () => {
  it('propfind() recovers, and refuses with strict: true, when the body comes chunked (no Content-Length)', async () => {
    // Chunked, so the client decodes it incrementally (transport/receive.ts), not whole.
    const chunked = createServer((_request, response) => {
      const body = undeclaredSearchBody('/dav/a.txt');
      response.writeHead(207, { 'content-type': 'application/xml; charset=utf-8' });
      response.write(body.slice(0, 40));
      response.end(body.slice(40));
    });
    await new Promise<void>((resolve) => chunked.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = chunked.address() as AddressInfo;
      const dav = createClient({ baseUrl: `http://127.0.0.1:${port}/dav/`, retry: 0 });
      const lenient = await dav.propfind('/a.txt', { depth: 0 });
      expect(lenient.warnings?.map((w) => w.kind === 'unbound-prefix' && w.prefix)).toEqual(['oc', 'nc']);
      const error = await failure(dav.propfind('/a.txt', { depth: 0, strict: true }));
      expect(isDavParseError(error) && error.message).toMatch(/prefix "oc" of <oc:fileid> is not declared/);
    } finally {
      await new Promise<void>((resolve) => chunked.close(() => resolve()));
    }
  });
});
