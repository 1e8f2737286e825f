import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { runCommand } from '../helpers/exec.ts';
import { type Consumer, createConsumer, reportOf } from './runtimes/consumer.ts';
import { type FailingServer, type Failure, startFailingServer } from './runtimes/failing-server.ts';

// `import 'davkit'` and `require('davkit')` must behave the same whatever versions in range a fresh
// install resolves: the CJS build inlines ky while the ESM build imports the user's ky, so a looser ky
// range once made a PROPFIND 1 attempt under import and 3 under require. The packed tarball is
// installed with no lockfile, and both entry points face the same failing server.
// The failures come from an in-process server (runtimes/failing-server.ts says why).

type Verb = 'propfind' | 'getText' | 'put';

const CASES: readonly (readonly [Verb, Failure])[] = [
  ['propfind', 'reset'],
  ['getText', 'reset'],
  ['put', 'reset'],
  ['propfind', '503'],
  ['getText', '503'],
  ['put', '503'],
  ['propfind', 'hang'],
  ['propfind', 'garbage'],
];

/** What each case must give, under both entry points: attempts seen by the server, error, guards. */
const EXPECTED: Record<string, { attempts: number; error: string }> = {
  'propfind reset': { attempts: 3, error: 'DavNetworkError network' },
  'getText reset': { attempts: 3, error: 'DavNetworkError network' },
  'put reset': { attempts: 1, error: 'DavNetworkError network' },
  'propfind 503': { attempts: 3, error: 'DavHttpError http 503' },
  'getText 503': { attempts: 3, error: 'DavHttpError http 503' },
  'put 503': { attempts: 1, error: 'DavHttpError http 503' },
  'propfind hang': { attempts: 1, error: 'DavTimeoutError timeout' },
  'propfind garbage': { attempts: 1, error: 'DavParseError parse' },
};

// Runs every case in order and prints one JSON line: per case, the error's name and what the guards say.
const PROBE = (load: string) => `${load}
const [origin, casesJson] = process.argv.slice(2);
const dav = davkit.createClient({ baseUrl: origin + '/', timeout: 300, retry: { backoffLimit: 20 } });
const kind = (e) => davkit.isDavNetworkError(e) ? 'network' : davkit.isDavTimeoutError(e) ? 'timeout'
  : davkit.isDavParseError(e) ? 'parse' : davkit.isDavHttpError(e) ? 'http ' + e.status : 'other';
(async () => {
  const out = {};
  for (const [verb, failure] of JSON.parse(casesJson)) {
    const path = '/' + verb + '/' + failure;
    try {
      if (verb === 'propfind') await dav.propfind(path, { depth: 0 });
      else if (verb === 'getText') await dav.getText(path);
      else await dav.put(path, 'body');
      out[verb + ' ' + failure] = 'no error';
    } catch (e) {
      out[verb + ' ' + failure] = [e.name, kind(e), davkit.isDavError(e), e instanceof davkit.DavError].join(' ');
    }
  }
  console.log(JSON.stringify(out));
})();
`;

const ENTRIES = {
  import: PROBE(`import * as davkit from 'davkit';`).replace('(async () => {', 'await (async () => {'),
  require: PROBE(`const davkit = require('davkit');`),
};

let server: FailingServer;
let consumer: Consumer;

beforeAll(async () => {
  server = await startFailingServer();
  consumer = await createConsumer(inject('davkitTarball'));
  await writeFile(join(consumer.dir, 'probe.mjs'), ENTRIES.import);
  await writeFile(join(consumer.dir, 'probe.cjs'), ENTRIES.require);
});
afterAll(async () => {
  await server?.close();
  await consumer?.remove();
});

async function probe(file: string): Promise<Record<string, { attempts: number; error: string }>> {
  server.clear();
  const result = await runCommand(process.execPath, [file, server.origin, JSON.stringify(CASES)], {
    cwd: consumer.dir,
    timeout: 60_000,
  });
  const errors = reportOf(result) as Record<string, string>;
  return Object.fromEntries(
    CASES.map(([verb, failure]) => {
      const key = `${verb} ${failure}`;
      return [key, { attempts: server.attempts(`/${verb}/${failure}`), error: errors[key] ?? 'missing' }];
    }),
  );
}

describe('the packed tarball, freshly resolved (no lockfile)', () => {
  const seen: Record<string, unknown> = {};

  it.each([
    ['import', 'probe.mjs'],
    ['require', 'probe.cjs'],
  ])('under %s: retries safe methods only, and names every failure the same', async (label, file) => {
    const result = await probe(file);
    seen[label] = result;
    const expected = Object.fromEntries(
      Object.entries(EXPECTED).map(([key, value]) => [key, { ...value, error: `${value.error} true true` }]),
    );
    expect(result).toEqual(expected);
  });

  it('behaves identically under import and require', () => {
    expect(seen.import).toBeDefined();
    expect(seen.import).toEqual(seen.require);
  });

  it('resolves the ky that the CJS build inlines (package.json pins it exactly)', async () => {
    const result = await runCommand('npm', ['ls', 'ky', '--json'], { cwd: consumer.dir });
    const tree = JSON.parse(result.stdout) as {
      dependencies: { davkit: { dependencies: { ky: { version: string } } } };
    };
    const manifest = JSON.parse(await readFile('package.json', 'utf8')) as { dependencies: { ky: string } };
    const pinned = manifest.dependencies.ky;
    expect(tree.dependencies.davkit.dependencies.ky.version).toBe(pinned);
  });
});
