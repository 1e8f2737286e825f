import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { davServer } from '../harness/fixture.ts';
import type { RunningServer } from '../harness/servers/types.ts';
import { output } from '../helpers/exec.ts';
import { addProbe, type Consumer, createConsumer, reportOf } from './runtimes/consumer.ts';
import { DIGEST_ACCOUNT, startDigestApache } from './runtimes/digest-apache.ts';
import { type FailingServer, type Failure, startFailingServer } from './runtimes/failing-server.ts';
import { expectScenarioPassed, scenarioCollection } from './runtimes/fixtures.ts';
import { type CliRuntime, probeResult, runProbe, startWorkerd, type Workerd } from './runtimes/runners.ts';

// Deno, Bun and Cloudflare's workerd (Node 22/24 are in node-versions.test.ts, Chromium in test/e2e and
// test/browser): the packed tarball, freshly resolved, running the shared scenario against real Apache,
// plus what differs between runtimes. Each README "Runtimes" row points here.

/** Every method davkit sends, through the runtime's own fetch, and one it does not send (MKCALENDAR). */
const METHODS_MAIN = `import { DAV_METHODS } from 'davkit';
export async function main(url) {
  const refused = [];
  for (const method of [...DAV_METHODS, 'MKCALENDAR']) {
    try {
      const response = await fetch(new URL('absent-' + method.toLowerCase(), url), { method });
      await response.body?.cancel();
    } catch (error) {
      refused.push(method + ': ' + error.message);
    }
  }
  return refused;
}
`;

/** A PROPFIND against a failing URL (reset, or 503): the error davkit gives, and its kind. */
const FAILING_MAIN = `import * as davkit from 'davkit';
export async function main(url) {
  try {
    await davkit.createClient({ baseUrl: url, retry: { backoffLimit: 20 } }).propfind('/', { depth: 0 });
    return 'no error';
  } catch (error) {
    return [error.name, davkit.isDavError(error), davkit.isDavNetworkError(error)].join(' ');
  }
}
`;

/** A method the runtime's fetch may refuse to send, through davkit: the error it gives. */
const REFUSED_MAIN = `import * as davkit from 'davkit';
export async function main(url) {
  try {
    await davkit.createClient({ baseUrl: url }).request('MKCALENDAR', '/refused-calendar/');
    return 'sent';
  } catch (error) {
    return [error.name, davkit.isDavUsageError(error), davkit.isDavNetworkError(error)].join(' ');
  }
}
`;

/** PUT and GET through HTTP Digest (MD5, computed by davkit itself; nonces from crypto.getRandomValues). */
const DIGEST_MAIN = `import { createClient } from 'davkit';
export async function main(arg) {
  const { url, username, password } = JSON.parse(arg);
  const dav = createClient({ baseUrl: url, auth: { type: 'digest', username, password } });
  const name = 'digest-' + Math.random().toString(36).slice(2, 10) + '.txt';
  await dav.put('/' + name, 'Digest über alles');
  const listed = (await dav.list('/')).some((entry) => entry.name === name);
  return { text: await dav.getText('/' + name), listed };
}
`;

const PINNED = JSON.parse(await readFile(join(import.meta.dirname, 'runtimes', 'package.json'), 'utf8')) as {
  dependencies: Record<'deno' | 'bun' | 'workerd', string>;
};

let consumer: Consumer;
let failing: FailingServer;
let digest: RunningServer;

beforeAll(async () => {
  [consumer, failing, digest] = await Promise.all([
    createConsumer(inject('davkitTarball')),
    startFailingServer(),
    startDigestApache(),
  ]);
  await addProbe(consumer.dir, 'methods', METHODS_MAIN);
  await addProbe(consumer.dir, 'failing', FAILING_MAIN);
  await addProbe(consumer.dir, 'digest', DIGEST_MAIN);
  await addProbe(consumer.dir, 'refused', REFUSED_MAIN);
});
afterAll(async () => {
  await Promise.all([failing?.close(), digest?.stop(), consumer?.remove()]);
});

/** The probe argument for the Digest Apache. */
const digestArg = () => JSON.stringify({ url: digest.baseUrl, ...DIGEST_ACCOUNT });
const DIGEST_RESULT = { text: 'Digest über alles', listed: true };

/** A path on the failing server that fails every request, and a way to count attempts there. */
function failingUrl(runtime: string, failure: Failure = 'reset'): { url: string; attempts: () => number } {
  const path = `/${runtime}/${failure}/`;
  return { url: `${failing.origin}${path}`, attempts: () => failing.attempts(path) };
}

const cli: readonly { runtime: CliRuntime & ('deno' | 'bun'); version: RegExp }[] = [
  { runtime: 'deno', version: new RegExp(`^deno ${PINNED.dependencies.deno} `) },
  { runtime: 'bun', version: new RegExp(`^${PINNED.dependencies.bun}$`) },
];

describe('the runtimes lockfile', () => {
  it('lists every platform package of each runtime, so npm ci works on any OS (toolchain.md §5)', async () => {
    const lock = JSON.parse(
      await readFile(join(import.meta.dirname, 'runtimes', 'package-lock.json'), 'utf8'),
    ) as {
      packages: Record<string, { optionalDependencies?: Record<string, string> }>;
    };
    const wanted = Object.values(lock.packages).flatMap((meta) =>
      Object.keys(meta.optionalDependencies ?? {}),
    );
    const missing = wanted.filter((name) => lock.packages[`node_modules/${name}`] === undefined);
    expect(missing).toEqual([]);
    expect(wanted).toHaveLength(23); // deno 6, bun 12, workerd 5
  });
});

describe.each(cli)('on $runtime', ({ runtime, version }) => {
  it('is the pinned version', () => {
    const printed = execFileSync(inject('runtimes')[runtime], ['--version'], { encoding: 'utf8' });
    expect(printed.split('\n')[0]?.trim()).toMatch(version);
  });

  it('runs the scenario against Apache (davkit and davkit/stream from node_modules)', async () => {
    const dir = await scenarioCollection(`rt-${runtime}`);
    const report = await probeResult(runtime, inject('runtimes'), consumer.dir, 'scenario', dir.url);
    await expectScenarioPassed(report, dir);
  });

  it('sends every method davkit uses through its fetch', async () => {
    const refused = await probeResult(
      runtime,
      inject('runtimes'),
      consumer.dir,
      'methods',
      davServer('apache').baseUrl,
    );
    expect(refused).toEqual([]);
  });
});

describe.each(['node22', 'node24', 'deno', 'bun'] as const)('on %s, HTTP Digest', (runtime) => {
  it('authenticates against a real Apache (mod_auth_digest, MD5, qop=auth)', async () => {
    const run = await runProbe(runtime, inject('runtimes'), consumer.dir, 'digest', digestArg(), [
      new URL(digest.baseUrl).host,
    ]);
    expect(reportOf(run)).toEqual(DIGEST_RESULT);
  });
});

describe('on Deno, without network permission', () => {
  it('fails the first request with a DavNetworkError whose hint asks for --allow-net, not retried', async () => {
    const { url, attempts } = failingUrl('deno-noperm');
    const run = await runProbe('deno', inject('runtimes'), consumer.dir, 'failing', url, []);
    expect({ error: reportOf(run), attempts: attempts() }).toEqual({
      error: 'DavNetworkError true true',
      attempts: 0,
    });
    const dir = await scenarioCollection('rt-deno-noperm');
    const scenario = await runProbe('deno', inject('runtimes'), consumer.dir, 'scenario', dir.url, []);
    expect(scenario.code).not.toBe(0);
    expect(output(scenario)).toMatch(
      /DavNetworkError[\s\S]*Deno denied network access: run it with --allow-net=127\.0\.0\.1:\d+/,
    );
  });
});

describe('on workerd (Cloudflare Workers’ runtime)', () => {
  let workerd: Workerd;
  beforeAll(async () => {
    workerd = await startWorkerd(inject('runtimes').workerd, consumer.dir, [
      'scenario',
      'methods',
      'failing',
      'digest',
      'refused',
    ]);
  });
  afterAll(async () => {
    await workerd?.stop();
  });

  it('is the pinned version', () => {
    const printed = execFileSync(inject('runtimes').workerd, ['--version'], { encoding: 'utf8' }).trim();
    expect(`1.${printed.replace('workerd ', '').replaceAll('-', '')}.`).toBe(
      PINNED.dependencies.workerd.replace(/\d+$/, ''),
    );
  });

  it('runs the scenario against Apache, bundled for the neutral platform (no Node built-ins)', async () => {
    const dir = await scenarioCollection('rt-workerd');
    await expectScenarioPassed(await workerd.probe('scenario', dir.url), dir);
  });

  it('sends every method davkit uses; its fetch refuses methods outside its own list', async () => {
    const refused = await workerd.probe('methods', davServer('apache').baseUrl);
    expect(refused).toEqual(['MKCALENDAR: Invalid HTTP method string: MKCALENDAR']);
  });

  it('reports such a method as a DavUsageError (nothing sent), not a network error', async () => {
    expect(await workerd.probe('refused', davServer('apache').baseUrl)).toBe('DavUsageError true false');
  });

  it('authenticates with HTTP Digest against a real Apache', async () => {
    expect(await workerd.probe('digest', digestArg())).toEqual(DIGEST_RESULT);
  });

  it('retries a 503 on PROPFIND twice: the backoff timers run inside the request that awaits them', async () => {
    const { url, attempts } = failingUrl('workerd', '503');
    const error = await workerd.probe('failing', url);
    expect({ error, attempts: attempts() }).toEqual({ error: 'DavHttpError true false', attempts: 3 });
  });

  it('turns a reset connection into a DavNetworkError and retries it twice (RUNTIME_NETWORK_ERRORS)', async () => {
    const { url, attempts } = failingUrl('workerd');
    const error = await workerd.probe('failing', url);
    expect({ error, attempts: attempts() }).toEqual({ error: 'DavNetworkError true true', attempts: 3 });
  });
});

// A connection reset on a safe method: davkit's transport recognises the runtime's network error, from
// ky's table (Node, Deno, browsers) and davkit's own (RUNTIME_NETWORK_ERRORS in src/transport/runtime.ts:
// Bun, workerd; workerd's case is in its describe above), and retries it twice itself (issue 14: the
// retries moved from ky to davkit, through the origin's limiter).
const networkFailures = [
  { runtime: 'node22', expected: { error: 'DavNetworkError true true', attempts: 3 } },
  { runtime: 'node24', expected: { error: 'DavNetworkError true true', attempts: 3 } },
  { runtime: 'deno', expected: { error: 'DavNetworkError true true', attempts: 3 } },
  { runtime: 'bun', expected: { error: 'DavNetworkError true true', attempts: 3 } },
] as const;

describe('a connection reset on a safe method (PROPFIND)', () => {
  it.each(networkFailures)(
    'on $runtime: $expected.error after $expected.attempts attempt(s)',
    async (each) => {
      const { url, attempts } = failingUrl(each.runtime);
      const error = await probeResult(each.runtime, inject('runtimes'), consumer.dir, 'failing', url);
      expect({ error, attempts: attempts() }).toEqual(each.expected);
    },
  );
});
