/**
 * The secrets sweep: with credentials given every way davkit takes them, a representative set of
 * errors (every class, from a real misbehaving server and from in-memory handlers) and results
 * (values, batch results, step results, root causes, explanations) is rendered every way a log line,
 * a bug report or a state store could show it, and searched for the password, the token, the Basic
 * credentials and the URL userinfo. Any hit fails.
 */
import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { explain } from '../src/analysis/explain.ts';
import { rootCauses } from '../src/analysis/root-causes.ts';
import type { DavClient } from '../src/client/client.ts';
import { createClient } from '../src/client/create-client.ts';
import type { ClientOptions } from '../src/client/options.ts';
import { isDavError } from '../src/errors/guards.ts';
import { streamPropfind } from '../src/stream/index.ts';
import { type FaultServer, startFaultServer } from './faults/fault-server.ts';
import { observedClient } from './helpers/clients.ts';

const USER = 'sweep-user';
const PASSWORD = 'S3cr3t-p@ss-5w33p';
const TOKEN = 'tok-5w33p-SECRET';
const USERINFO = `${USER}:${encodeURIComponent(PASSWORD)}`;
const SECRETS = [
  PASSWORD,
  encodeURIComponent(PASSWORD),
  TOKEN,
  btoa(`${USER}:${PASSWORD}`),
  `${USER}:${PASSWORD}`,
  USERINFO,
  `${USER}@`,
];

let server: FaultServer;

beforeAll(async () => {
  server = await startFaultServer();
  server.store.collections.add('/root/data/');
  server.store.files.set('/root/data/doc.txt', 'doc');
  // Faults that last: every test, whatever its client, meets them.
  const lasting = { times: Number.POSITIVE_INFINITY };
  server.arm('/root/data/loop.txt', 'auth-loop', lasting);
  server.arm('/root/data/busy.txt', 'unavailable', lasting);
  server.arm('/root/data/away.txt', 'redirect-other-origin', lasting);
  server.arm('/root/data/echo.txt', 'echo-request', lasting);
  server.arm('/root/data/reset.txt', 'reset-before-answer', lasting);
  server.arm('/root/data/reset-mid.txt', 'reset-mid-body', lasting);
  server.arm('/root/data/silent.txt', 'no-answer', lasting);
  server.arm('/root/data/login.txt', 'html-207', lasting);
  server.arm('/root/data/cut.txt', 'truncated-xml', lasting);
});
afterAll(() => server.close());

/** Every way davkit takes credentials. */
const CREDENTIALS: [string, () => Partial<ClientOptions>][] = [
  ['basic', () => ({ auth: { type: 'basic', username: USER, password: PASSWORD } })],
  ['digest', () => ({ auth: { type: 'digest', username: USER, password: PASSWORD } })],
  ['bearer', () => ({ auth: { type: 'bearer', token: TOKEN } })],
  ['bearer function', () => ({ auth: { type: 'bearer', token: () => TOKEN } })],
  ['an Authorization header', () => ({ headers: { Authorization: `Bearer ${TOKEN}` } })],
  ['userinfo in the base URL', () => ({ baseUrl: server.baseUrl.replace('//', `//${USERINFO}@`) })],
];

/** The rejection of a promise (or its value, when it did not reject: that is swept too). */
const settle = (promise: Promise<unknown>) =>
  promise.then(
    (value) => value,
    (error: unknown) => error,
  );

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) {
    out.push(item);
  }
  return out;
}

/** Errors and results to sweep, produced by one client. */
const PRODUCERS: [string, (dav: DavClient) => Promise<unknown[]>][] = [
  ['DavHttpError: a 401 loop', async (dav) => [await settle(dav.propfind('/data/loop.txt', { depth: 0 }))]],
  ['DavHttpError: a 503 on PUT', async (dav) => [await settle(dav.put('/data/busy.txt', 'x'))]],
  [
    'DavHttpError: a PUT redirected to another origin',
    async (dav) => [await settle(dav.put('/data/away.txt', 'x'))],
  ],
  ['DavHttpError: a 404', async (dav) => [await settle(dav.propfind('/data/none.txt'))]],
  [
    'DavHttpError: an error page echoing the request',
    async (dav) => [await settle(dav.delete('/data/echo.txt'))],
  ],
  [
    'MultiStatusError: a protected property',
    async (dav) => [
      await settle(dav.proppatch('/data/doc.txt', { set: { '{DAV:}getetag': 'x', '{urn:x}a': '1' } })),
    ],
  ],
  [
    'DavNetworkError: resets before and during the answer',
    async (dav) => [
      await settle(dav.put('/data/reset.txt', 'x')),
      await settle(dav.propfind('/data/reset-mid.txt')),
    ],
  ],
  [
    'DavTimeoutError: no answer',
    async (dav) => [await settle(dav.propfind('/data/silent.txt', { timeout: 150 }))],
  ],
  [
    'DavAbortError: aborted while waiting, and before sending',
    async (dav) => [
      await settle(dav.propfind('/data/silent.txt', { signal: AbortSignal.timeout(100), timeout: 5_000 })),
      await settle(dav.mkcol('/data/never/', { signal: AbortSignal.abort() })),
    ],
  ],
  [
    'DavParseError: an HTML 207 and a truncated body',
    async (dav) => [
      await settle(dav.propfind('/data/login.txt')),
      await settle(dav.propfind('/data/cut.txt')),
    ],
  ],
  [
    'DavBodyTooLargeError',
    async (dav) => [await settle(dav.extend({ maxBodySize: 64 }).propfind('/data/doc.txt', { depth: 0 }))],
  ],
  [
    'errors from streamPropfind',
    async (dav) =>
      Promise.all(
        ['/data/loop.txt', '/data/login.txt', '/data/echo.txt'].map((path) =>
          settle(collect(streamPropfind(dav, path, { depth: 0 }))),
        ),
      ),
  ],
  ['results of successful calls', successes],
  ['a batch result, its steps, causes and explanation', batchOutcomes],
];

async function successes(dav: DavClient): Promise<unknown[]> {
  return [
    await dav.propfind('/data/', { depth: 1 }),
    await dav.put('/data/new.txt', 'x'),
    await dav.propfind('/data/away.txt', { depth: 0 }),
    await dav.list('/data/'),
    await dav.exists('/data/doc.txt'),
  ];
}

async function batchOutcomes(dav: DavClient): Promise<unknown[]> {
  const batch = dav.batch();
  batch.put('/data/batch-ok.txt', 'x', { id: 'ok' });
  batch.propfind('/data/loop.txt', { depth: 0, id: 'unauthorised' });
  batch.put('/data/busy.txt', 'x', { id: 'busy' });
  batch.put('/data/reset.txt', 'x', { id: 'reset' });
  batch.proppatch('/data/doc.txt', { set: { '{DAV:}getetag': 'x' }, id: 'protected' });
  batch.put('/data/blocked.txt', 'x', { id: 'blocked', after: ['unauthorised'], headers: { 'x-note': 'n' } });
  const result = await batch.run();
  const unfixable = await settle(result.retryAfterFix());
  const next = await result.retryAfterFix(() => undefined);
  return [
    result,
    result.steps,
    result.plan,
    result.rootCauses(),
    explain(result),
    rootCauses(structuredClone(result)),
    unfixable,
    next,
    explain(next),
  ];
}

/** Every string that the value, its enumerable fields and its cause chain render to. */
function renderings(value: unknown, seen = new Set<unknown>()): string[] {
  if (typeof value === 'string') {
    return [value];
  }
  if (typeof value !== 'object' || value === null || seen.has(value)) {
    return [String(value)];
  }
  seen.add(value);
  const out = [String(value), JSON.stringify(value) ?? '', inspect(value, { depth: 10 })];
  out.push(inspect(value, { depth: 10, showHidden: true }));
  if (value instanceof Error) {
    out.push(value.message, value.stack ?? '', ...renderings(value.cause, seen));
  }
  if (isDavError(value) && 'rootCauses' in value && typeof value.rootCauses === 'function') {
    out.push(...renderings(value.rootCauses(), seen), explain(value as never));
  }
  for (const [key, field] of Object.entries(value)) {
    out.push(key, JSON.stringify(field) ?? '', ...renderings(field, seen));
  }
  return out;
}

describe.each(CREDENTIALS)('with %s', (_how, credentials) => {
  it.each(PRODUCERS)('%s never shows a secret', async (_what, produce) => {
    const dav = createClient({ baseUrl: server.baseUrl, retry: 0, timeout: 30_000, ...credentials() });
    const values = await produce(dav);
    expect(values.length).toBeGreaterThan(0);
    for (const text of values.flatMap((value) => renderings(value))) {
      for (const secret of SECRETS) {
        expect(text.includes(secret), `${JSON.stringify(secret)} in ${text.slice(0, 2_000)}`).toBe(false);
      }
    }
  });
});

describe('errors raised before any request', () => {
  it.each([
    `http://${USERINFO}@exa mple.test/dav/`,
    `ftp://${USERINFO}@example.test/dav/`,
    `${USERINFO}@example.test/dav/`,
    `${USER}:${PASSWORD}@example.test/dav/`,
    'not a url at all',
  ])('DavUsageError for the base URL %s', (baseUrl) => {
    let error: unknown;
    try {
      createClient({ baseUrl });
    } catch (thrown) {
      error = thrown;
    }
    expect((error as Error | undefined)?.name).toBe('DavUsageError');
    for (const text of renderings(error)) {
      for (const secret of SECRETS) {
        expect(text.includes(secret), `${JSON.stringify(secret)} in ${text}`).toBe(false);
      }
    }
  });

  it.each([`https://${USERINFO}@example.test/dav/`, `https://${USER}:${PASSWORD}@example.test/dav/`])(
    'a client made from %s keeps the userinfo to itself',
    (baseUrl) => {
      const dav = createClient({ baseUrl });
      const texts = [
        ...renderings(dav),
        dav.baseUrl,
        dav.url('/a b.txt'),
        inspect(dav, { showHidden: true }),
      ];
      for (const text of texts) {
        for (const secret of SECRETS) {
          expect(text.includes(secret), `${JSON.stringify(secret)} in ${text}`).toBe(false);
        }
      }
      expect(dav.baseUrl).toBe('https://example.test/dav/');
    },
  );

  it('DavUsageError for a bad path and a bad step id, from an in-memory client', async () => {
    const { dav } = observedClient(() => new Response(null, { status: 204 }), {
      auth: { type: 'basic', username: USER, password: PASSWORD },
    });
    const errors = [
      await settle(dav.put('/../x', 'x')),
      (() => {
        try {
          dav.batch().put('/a', 'x', { after: ['nope'] });
        } catch (error) {
          return error;
        }
        return undefined;
      })(),
    ];
    for (const text of errors.flatMap((error) => renderings(error))) {
      for (const secret of SECRETS) {
        expect(text.includes(secret), `${JSON.stringify(secret)} in ${text}`).toBe(false);
      }
    }
    expect(errors.map((error) => (error as Error).name)).toEqual(['DavUsageError', 'DavUsageError']);
  });
});
