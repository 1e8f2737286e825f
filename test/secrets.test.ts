/**
 * The secrets sweep (issue 11.1). With credentials given every way davkit takes them (auth option,
 * userinfo, `Authorization`, `Cookie`, `Proxy-Authorization` and user-marked secret headers, on the
 * client or on the call), every error kind and every result is rendered every way a log line, a bug
 * report or a state store could show it (see `renderings`), and searched for the secrets. Two real
 * servers on 127.0.0.1 misbehave on purpose: the fault server (resets, timeouts, 401 loops, HTML 207s,
 * truncated bodies) and the hostile server, which echoes every credential it gets into HTML error
 * pages, `DAV:error` bodies, 207 failed entries (hrefs, descriptions, conditions), property values,
 * malformed XML, response headers and reason phrases, for every verb. Any hit fails.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { explain } from '../src/analysis/explain.ts';
import { rootCauses } from '../src/analysis/root-causes.ts';
import type { DavClient } from '../src/client/client.ts';
import { createClient } from '../src/client/create-client.ts';
import type { ClientOptions } from '../src/client/options.ts';
import { streamPropfind } from '../src/stream/index.ts';
import type { CallOptions } from '../src/transport/request-spec.ts';
import { type FaultServer, startFaultServer } from './faults/fault-server.ts';
import { observedClient } from './helpers/clients.ts';
import { type HostileServer, startHostileServer } from './helpers/hostile-server.ts';
import { outcome, renderings } from './helpers/renderings.ts';

const USER = 'sweep-user';
const PASSWORD = 'S3cr3t-p@ss-5w33p';
const TOKEN = 'tok-5w33p-SECRET';
const USERINFO = `${USER}:${encodeURIComponent(PASSWORD)}`;
const COOKIE = 'sid=c00kie-5w33p-SECRET';
const PROXY_PAIR = 'proxy-user:pr0xy-5w33p';
const API_KEY = 'api-5w33p-SECRET';
const SECRETS = [
  PASSWORD,
  encodeURIComponent(PASSWORD),
  TOKEN,
  btoa(`${USER}:${PASSWORD}`),
  `${USER}:${PASSWORD}`,
  USERINFO,
  `${USER}@`,
  'c00kie-5w33p-SECRET',
  btoa(PROXY_PAIR),
  PROXY_PAIR,
  API_KEY,
];

let faults: FaultServer;
let hostile: HostileServer;

beforeAll(async () => {
  [faults, hostile] = await Promise.all([startFaultServer(), startHostileServer()]);
  faults.store.collections.add('/root/data/');
  faults.store.files.set('/root/data/doc.txt', 'doc');
  // Faults that last: every test, whatever its client, meets them.
  const lasting = { times: Number.POSITIVE_INFINITY };
  faults.arm('/root/data/loop.txt', 'auth-loop', lasting);
  faults.arm('/root/data/busy.txt', 'unavailable', lasting);
  faults.arm('/root/data/away.txt', 'redirect-other-origin', lasting);
  faults.arm('/root/data/reset.txt', 'reset-before-answer', lasting);
  faults.arm('/root/data/reset-mid.txt', 'reset-mid-body', lasting);
  faults.arm('/root/data/silent.txt', 'no-answer', lasting);
  faults.arm('/root/data/login.txt', 'html-207', lasting);
  faults.arm('/root/data/cut.txt', 'truncated-xml', lasting);
});
afterAll(() => Promise.all([faults.close(), hostile.close()]));

/** A way to give credentials: client options (baseUrl `'userinfo'`: the base URL carries them) and call options. */
interface Way {
  readonly client: Partial<ClientOptions>;
  readonly call?: CallOptions;
}

const WAYS: [string, Way][] = [
  ['basic', { client: { auth: { type: 'basic', username: USER, password: PASSWORD } } }],
  [
    'digest',
    {
      client: {
        auth: { type: 'digest', username: USER, password: PASSWORD },
        headers: { 'x-want-digest': '1' },
      },
    },
  ],
  ['bearer', { client: { auth: { type: 'bearer', token: TOKEN } } }],
  ['bearer function', { client: { auth: { type: 'bearer', token: () => TOKEN } } }],
  ['an Authorization header', { client: { headers: { Authorization: `Bearer ${TOKEN}` } } }],
  ['userinfo in the base URL', { client: { baseUrl: 'userinfo' } }],
  ['a Cookie header', { client: { headers: { Cookie: COOKIE } } }],
  [
    'a Proxy-Authorization header',
    { client: { headers: { 'Proxy-Authorization': `Basic ${btoa(PROXY_PAIR)}` } } },
  ],
  ['a header marked secret', { client: { headers: { 'X-Api-Key': API_KEY }, secretHeaders: ['x-api-key'] } }],
  [
    'call headers (Authorization, Cookie, a marked one)',
    {
      client: { secretHeaders: ['X-Secret-Call'] },
      call: { headers: { authorization: `Bearer ${TOKEN}`, cookie: COOKIE, 'x-secret-call': API_KEY } },
    },
  ],
];

/** Errors and results one client produces; `call` carries the way's call options. */
type Producer = (dav: DavClient, call: CallOptions) => Promise<unknown[]>;

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) {
    out.push(item);
  }
  return out;
}

/**
 * Every verb against a route of the hostile server. A successful download's content is the caller's
 * file, returned byte for byte (README, Guarantees), so downloads are swept on failing routes only.
 */
function everyVerb(route: string, downloads = true): Producer {
  return (dav, call) => {
    const at = (name: string) => `/${route}/${name}`;
    const fetched = downloads
      ? [
          outcome(dav.get(at('g.bin'), call)),
          outcome(dav.getText(at('g.txt'), call)),
          outcome(dav.getBytes(at('g.bin'), call)),
        ]
      : [];
    return Promise.all([
      ...fetched,
      outcome(dav.propfind(at('p/'), { ...call, depth: 0 })),
      outcome(dav.proppatch(at('pp.txt'), { ...call, set: { '{urn:x}a': '1' } })),
      outcome(dav.mkcol(at('m/'), call)),
      outcome(dav.put(at('put.txt'), 'x', call)),
      outcome(dav.head(at('h.txt'), call)),
      outcome(dav.delete(at('d.txt'), call)),
      outcome(dav.copy(at('c.txt'), at('c2.txt'), call)),
      outcome(dav.move(at('mv.txt'), at('mv2.txt'), call)),
      outcome(dav.lock(at('l.txt'), call.headers === undefined ? {} : { headers: call.headers })),
      outcome(dav.unlock(at('u.txt'), 'opaquelocktoken:u1', call)),
      outcome(dav.options(at('o/'), call)),
      outcome(dav.report(at('r/'), '<x:q xmlns:x="urn:x"/>', call)),
      outcome(dav.search(at('s/'), { select: ['{DAV:}displayname'], from: { href: '/dav/' } }, call)),
      outcome(dav.list(at('ls/'), call)),
      outcome(dav.stat(at('st.txt'), call)),
      outcome(dav.exists(at('ex.txt'), call)),
      outcome(dav.mkdirp(at('a/b/'), call)),
      outcome(dav.quota(at('q/'), call)),
      outcome(collect(streamPropfind(dav, at('stream/'), { ...call, depth: 1 }))),
    ]);
  };
}

/** What `retryAfterFix()` throws, for an error and for a batch, and the batch's own error. */
const recovery: Producer = async (dav, call) => {
  const failed = await outcome(dav.delete('/echo-dav-error/a.txt', call));
  const batch = dav.batch();
  batch.put('/echo-dav-error/b.txt', 'x', { ...call, id: 'locked' });
  batch.delete('/echo-424/c/', { ...call, id: 'cascade' });
  batch.proppatch('/echo-207/d.txt', { ...call, set: { '{urn:x}a': '1' }, id: 'multi' });
  batch.put('/echo-html/e.txt', 'x', { ...call, id: 'error-page', after: ['locked'] });
  const result = await batch.run();
  return [
    failed,
    await outcome((failed as { retryAfterFix: () => Promise<unknown> }).retryAfterFix()),
    result,
    explain(result),
    rootCauses(structuredClone(result)),
    await outcome(result.retryAfterFix(undefined, { maxWaitMs: 10 })),
    await outcome(Promise.resolve().then(() => result.throwIfFailed())),
  ];
};

/** The fault server's misbehaviour, every error class that needs no echo. */
const faultsProducer: Producer = async (dav, call) => [
  await outcome(dav.propfind('/data/loop.txt', { ...call, depth: 0 })),
  await outcome(dav.put('/data/busy.txt', 'x', call)),
  await outcome(dav.put('/data/away.txt', 'x', call)),
  await outcome(dav.propfind('/data/none.txt', call)),
  await outcome(dav.proppatch('/data/doc.txt', { ...call, set: { '{DAV:}getetag': 'x', '{urn:x}a': '1' } })),
  await outcome(dav.put('/data/reset.txt', 'x', call)),
  await outcome(dav.propfind('/data/reset-mid.txt', call)),
  await outcome(dav.propfind('/data/silent.txt', { ...call, timeout: 150 })),
  await outcome(
    dav.propfind('/data/silent.txt', { ...call, signal: AbortSignal.timeout(100), timeout: 5_000 }),
  ),
  await outcome(dav.mkcol('/data/never/', { ...call, signal: AbortSignal.abort() })),
  await outcome(dav.propfind('/data/login.txt', call)),
  await outcome(dav.propfind('/data/cut.txt', call)),
  await outcome(dav.extend({ maxBodySize: 64 }).propfind('/data/doc.txt', { ...call, depth: 0 })),
  await outcome(dav.propfind('/data/', { ...call, depth: 1 })),
  await outcome(dav.list('/data/', call)),
];

/** [what, which server, producer, whether the server echoes (so `[REDACTED]` must show up)]. */
const PRODUCERS: [string, 'hostile' | 'faults', Producer, boolean][] = [
  ['every verb, answered by an HTML page echoing the request (500)', 'hostile', everyVerb('echo-html'), true],
  ['every verb, answered 404 with the echo page', 'hostile', everyVerb('echo-404'), true],
  ['every verb, answered 423 with a DAV:error echoing them', 'hostile', everyVerb('echo-dav-error'), true],
  ['every verb, answered 424 with a multistatus echoing them', 'hostile', everyVerb('echo-424'), true],
  [
    'every verb, answered 207 with echoes in failed entries and values',
    'hostile',
    everyVerb('echo-207', false),
    true,
  ],
  [
    'every verb, answered 207 with the echoes spelled with XML character references',
    'hostile',
    everyVerb('echo-refs', false),
    true,
  ],
  [
    'every verb, answered 207 with malformed XML around the echoes',
    'hostile',
    everyVerb('echo-broken', false),
    true,
  ],
  ['every verb, answered with echoing headers and reason phrase', 'hostile', everyVerb('echo-headers'), true],
  ['retryAfterFix() and batch errors over echoing answers', 'hostile', recovery, true],
  ['network, timeout, abort, parse, too-large, 401, 503, redirect errors', 'faults', faultsProducer, false],
];

/** `secret in text` for every rendering that shows a secret (one `expect` for all: thousands of texts). */
function leaks(texts: readonly string[]): string[] {
  return texts.flatMap((text) =>
    SECRETS.filter((secret) => text.includes(secret)).map(
      (secret) => `${JSON.stringify(secret)} in ${text.slice(0, 2_000)}`,
    ),
  );
}

function clientFor(server: 'hostile' | 'faults', way: Way): DavClient {
  const base = server === 'hostile' ? hostile.baseUrl : faults.baseUrl;
  const baseUrl = way.client.baseUrl === 'userinfo' ? base.replace('//', `//${USERINFO}@`) : base;
  return createClient({ retry: 0, timeout: 30_000, ...way.client, baseUrl });
}

describe.each(WAYS)('with %s', (_how, way) => {
  it.each(PRODUCERS)('%s: no secret shows', async (_what, server, produce, echoes) => {
    const values = await produce(clientFor(server, way), way.call ?? {});
    expect(values.length).toBeGreaterThan(0);
    const texts = values.flatMap((value) => renderings(value));
    expect(leaks(texts)).toEqual([]);
    if (echoes) {
      // The server did echo them: what shows instead is the redaction.
      expect(texts.some((text) => text.includes('[REDACTED]'))).toBe(true);
    }
  });
});

describe('errors raised before any request', () => {
  const noSecret = (value: unknown) => expect(leaks(renderings(value))).toEqual([]);

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
    noSecret(error);
  });

  it.each([`https://${USERINFO}@example.test/dav/`, `https://${USER}:${PASSWORD}@example.test/dav/`])(
    'a client made from %s keeps the userinfo to itself',
    async (baseUrl) => {
      const { inspect } = await import('node:util');
      const dav = createClient({ baseUrl, headers: { Cookie: COOKIE } });
      noSecret([dav, dav.baseUrl, dav.url('/a b.txt'), inspect(dav, { showHidden: true })]);
      expect(dav.baseUrl).toBe('https://example.test/dav/');
    },
  );

  it('DavUsageError for bad arguments, header values included, from an in-memory client', async () => {
    const { dav, requests } = observedClient(() => new Response(null, { status: 204 }), {
      auth: { type: 'basic', username: USER, password: PASSWORD },
    });
    const errors = [
      await outcome(dav.put('/../x', 'x')),
      await outcome(dav.put('/a', 'x', { headers: { Cookie: `${COOKIE}\r\nX: 1` } })),
      await outcome(dav.put('/a', 'x', { headers: { 'X-Api-Key': `${API_KEY}\n` } })),
      await outcome(Promise.resolve().then(() => dav.batch().put('/a', 'x', { after: ['nope'] }))),
    ];
    noSecret(errors);
    expect(errors.map((error) => (error as Error).name)).toEqual([
      'DavUsageError',
      'DavUsageError',
      'DavUsageError',
      'DavUsageError',
    ]);
    expect(requests).toEqual([]);
  });
});

describe('downloads', () => {
  it('a downloaded file is the caller’s own content: returned byte for byte, credentials and all', async () => {
    const dav = clientFor('hostile', { client: { auth: { type: 'bearer', token: TOKEN } } });
    // echo-207 answers GET with a 2xx body that echoes the token: as a file, it is returned as sent.
    expect(await dav.getText('/echo-207/file.xml')).toContain(TOKEN);
    expect(new TextDecoder().decode(await dav.getBytes('/echo-207/file.xml'))).toContain(TOKEN);
    // The same body as a PROPFIND answer is davkit's to decode: redacted.
    const ms = await dav.propfind('/echo-207/file.xml', { depth: 0 });
    expect(leaks(renderings(ms))).toEqual([]);
    expect(JSON.stringify(ms)).toContain('[REDACTED]');
  });
});
