/**
 * The main job shows the truth (issue 11.9): `npm run demo`'s embedded server is davkit's own
 * (`demo/server/`), namespace-true, so the demo prints `{urn:acme}reviewed` for `{urn:acme}reviewed`
 * (npm `webdav-server`, the previous default, answered `{urn:}acmereviewed`). Driven through davkit
 * over real sockets, like any server.
 */
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EmbeddedServer, startEmbeddedServer } from '../../demo/embedded-server.ts';
import { rootCauses } from '../../src/analysis/root-causes.ts';
import type { DavClient } from '../../src/client/client.ts';
import { createClient } from '../../src/client/create-client.ts';
import { isDavHttpError, isMultiStatusError } from '../../src/errors/guards.ts';
import type { XmlElement } from '../../src/model/xml-element.ts';
import { el } from '../../src/xml/serialize.ts';

let server: EmbeddedServer;
let dav: DavClient;
let other: DavClient;

beforeAll(async () => {
  server = await startEmbeddedServer();
  dav = createClient({ baseUrl: server.url, retry: 0 });
  other = createClient({ baseUrl: server.url, retry: 0 });
});
afterAll(() => server.stop());

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  );

async function read(path: string, name: string): Promise<XmlElement | undefined> {
  const ms = await dav.propfind(path, { depth: 0, props: [name] });
  const response = ms.responses[0];
  const ok = response?.kind === 'propstat' ? response.propstats.find((p) => p.status === 200) : undefined;
  return ok?.props[name] as XmlElement | undefined;
}

describe('namespaces', () => {
  it('a dead property comes back under the name it was set with', async () => {
    await dav.put('/ns.txt', 'x');
    await dav.proppatch('/ns.txt', { set: { '{urn:acme}reviewed': 'yes', '{urn:acme:team:}x': '1' } });
    expect((await read('/ns.txt', '{urn:acme}reviewed'))?.text).toBe('yes');
    expect((await read('/ns.txt', '{urn:acme:team:}x'))?.text).toBe('1');
    const all = await dav.propfind('/ns.txt', { depth: 0, props: 'propname' });
    const names = all.responses.flatMap((r) =>
      r.kind === 'propstat' ? r.propstats.flatMap((p) => Object.keys(p.props)) : [],
    );
    expect(names).toContain('{urn:acme}reviewed');
    expect(names).not.toContain('{urn:}acmereviewed');
  });

  it('an element tree keeps its structure, attributes and namespaces', async () => {
    const value = [
      el('{urn:acme:team}member', [el('{urn:other}role', [], 'lead')], 'Zoë & co', {
        id: '7',
        '{urn:acme:team}since': '2026',
      }),
    ];
    await dav.put('/tree.txt', 'x');
    await dav.proppatch('/tree.txt', { set: { '{urn:acme:team}members': value } });
    expect((await read('/tree.txt', '{urn:acme:team}members'))?.children).toEqual(value);
  });

  it('a protected property: 403 with cannot-modify-protected-property, the rest 424, nothing stored', async () => {
    await dav.put('/p.txt', 'x');
    const error = await failure(
      dav.proppatch('/p.txt', { set: { '{DAV:}getetag': '"x"', '{urn:acme}reviewed': 'yes' } }),
    );
    expect(isMultiStatusError(error)).toBe(true);
    expect(rootCauses(error as never)).toEqual([
      expect.objectContaining({
        status: 403,
        prop: '{DAV:}getetag',
        condition: { name: '{DAV:}cannot-modify-protected-property' },
        dependents: [{ path: '/p.txt', prop: '{urn:acme}reviewed' }],
      }),
    ]);
    expect(await read('/p.txt', '{urn:acme}reviewed')).toBeUndefined();
  });
});

describe('locks, by token', () => {
  it('another client is refused with 423 naming the lock root; the holder writes', async () => {
    await dav.mkcol('/locked/');
    await dav.lock('/locked/', { depth: 'infinity' });
    const error = await failure(other.put('/locked/new.txt', 'x'));
    expect(isDavHttpError(error) && error.status).toBe(423);
    expect(rootCauses(error as never)[0]).toMatchObject({
      path: '/locked/',
      serverPath: '/dav/locked/',
      dependents: [{ path: '/locked/new.txt' }],
      fix: { kind: 'wait-for-unlock', lockRoot: '/locked/' },
    });
    await dav.put('/locked/new.txt', 'mine');
    expect(await dav.getText('/locked/new.txt')).toBe('mine');
  });

  it('a second exclusive lock gets 423 no-conflicting-lock; UNLOCK with a wrong token 409', async () => {
    await dav.put('/l.txt', 'x');
    const held = await dav.lock('/l.txt');
    const conflict = await failure(other.lock('/l.txt'));
    expect(isDavHttpError(conflict) && conflict.conditions.map((c) => c.name)).toEqual([
      '{DAV:}no-conflicting-lock',
    ]);
    const wrong = await failure(other.unlock('/l.txt', 'opaquelocktoken:nope'));
    expect(isDavHttpError(wrong) && wrong.status).toBe(409);
    await dav.unlock('/l.txt', held.token as string);
    await other.put('/l.txt', 'free');
  });
});

describe('statuses real servers send', () => {
  it('409 for a missing parent, 405 for an existing collection, 412 for Overwrite: F, 201/204 for COPY', async () => {
    expect(((await failure(dav.put('/nope/a.txt', 'x'))) as { status?: number }).status).toBe(409);
    await dav.mkcol('/c/');
    expect(((await failure(dav.mkcol('/c/'))) as { status?: number }).status).toBe(405);
    await dav.put('/c/a.txt', 'a');
    await dav.put('/c/b.txt', 'b');
    expect(
      ((await failure(dav.copy('/c/a.txt', '/c/b.txt', { overwrite: false }))) as { status?: number }).status,
    ).toBe(412);
    expect(await dav.copy('/c/a.txt', '/c/b.txt')).toEqual({ status: 204, created: false });
    expect(await dav.move('/c/', '/d/')).toEqual({ status: 201, created: true });
    expect(await dav.getText('/d/b.txt')).toBe('a');
    expect(await dav.exists('/c/')).toBe(false);
  });

  it('answers a CORS preflight without credentials', async () => {
    const response = await fetch(server.url, {
      method: 'OPTIONS',
      headers: { origin: 'http://app.test', 'access-control-request-method': 'PROPFIND' },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-methods')).toContain('PROPFIND');
    expect(response.headers.get('access-control-expose-headers')).toContain('Lock-Token');
  });
});

describe('npm run demo', () => {
  it('prints the Clark names the demo uses, never a mangled one', () => {
    const run = spawnSync(process.execPath, ['demo/demo.ts'], { encoding: 'utf8', timeout: 60_000 });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('blocked /davkit-demo/README.md {urn:acme}reviewed');
    expect(run.stdout).toContain('200 {urn:acme}reviewed = "yes"');
    expect(run.stdout).not.toContain('{urn:}');
  }, 60_000);
});
