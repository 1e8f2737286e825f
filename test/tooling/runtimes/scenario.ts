/**
 * The one scenario every runtime runs (Node 22 and 24 through `import` and `require`, Deno, Bun,
 * workerd), against a fresh Apache collection holding `seed.txt` and `locked.txt`. It receives davkit and
 * `davkit/stream` as the runtime loaded them from the packed tarball, and returns plain data that the
 * test compares with {@link expectedReport}.
 *
 * It is transpiled to plain JavaScript (esbuild) before it runs, so no runtime's TypeScript support is
 * under test; the type-only imports below vanish.
 */
import type * as Davkit from '../../../src/index.ts';
import type * as DavkitStream from '../../../src/stream/index.ts';

/** What one run of the scenario saw. */
export interface ScenarioReport {
  /** Names in the collection after the PUT. */
  readonly listed: readonly string[];
  /** `getText` of the file just written. */
  readonly text: string;
  readonly proppatch: {
    readonly thrown: string;
    readonly causes: readonly string[];
    readonly explanation: string;
  };
  readonly batch: {
    readonly first: readonly string[];
    readonly explanation: string;
    readonly next: readonly string[];
    readonly ok: boolean;
    readonly cloned: number;
  };
  readonly lock: { readonly written: number; readonly held: number; readonly after: number };
  /** Paths yielded by `streamPropfind` (Depth 1), sorted. */
  readonly streamed: readonly string[];
  readonly upload: { readonly events: number; readonly last: string };
}

/** The size of the upload whose progress is reported (five 64 KiB slices). */
export const UPLOAD_BYTES = 300_000;

async function proppatchFailure(davkit: typeof Davkit, dav: Davkit.DavClient) {
  try {
    await dav.proppatch('/seed.txt', { set: { '{DAV:}getetag': '"forged"', '{urn:acme}state': 'final' } });
    return { thrown: 'nothing', causes: [], explanation: '' };
  } catch (error) {
    if (!davkit.isMultiStatusError(error)) {
      throw error;
    }
    const causes = davkit
      .rootCauses(error)
      .map((cause) => `${cause.status} ${cause.prop} ${cause.fix.kind} ${cause.dependents.length}`);
    return { thrown: error.name, causes, explanation: davkit.explain(error) };
  }
}

async function batchWithRetry(davkit: typeof Davkit, dav: Davkit.DavClient) {
  const batch = dav.batch();
  batch.mkcol('/missing/child/', { id: 'mk' });
  batch.put('/missing/child/file.txt', 'x', { id: 'put' });
  const first = await batch.run();
  const next = await first.retryAfterFix();
  return {
    first: first.steps.map((step) => `${step.id}:${step.kind}`),
    explanation: davkit.explain(first),
    next: next.steps.map((step) => `${step.id}:${step.kind}:${step.attempt}`),
    ok: next.ok,
    cloned: structuredClone(next).steps.length,
  };
}

async function lockWriteUnlock(dav: Davkit.DavClient) {
  const lock = await dav.lock('/locked.txt', { lockTimeout: 120 });
  const written = await dav.put('/locked.txt', 'written under lock');
  const held = dav.locks.list().length;
  await dav.unlock('/locked.txt', lock.token as string);
  return { written: written.status, held, after: dav.locks.list().length };
}

async function uploadWithProgress(dav: Davkit.DavClient) {
  const seen: string[] = [];
  await dav.put('/upload.bin', new Uint8Array(UPLOAD_BYTES).fill(7), {
    onUploadProgress: (progress) => seen.push(`${progress.transferredBytes}/${progress.totalBytes}`),
  });
  return { events: seen.length, last: seen.at(-1) ?? 'none' };
}

/**
 * Runs every step against `baseUrl` (a collection that holds `seed.txt` and `locked.txt`).
 *
 * @example
 * ```ts
 * const report = await scenario(await import('davkit'), await import('davkit/stream'), url);
 * ```
 */
export async function scenario(
  davkit: typeof Davkit,
  stream: typeof DavkitStream,
  baseUrl: string,
): Promise<ScenarioReport> {
  const dav = davkit.createClient({ baseUrl });
  await dav.put('/written.txt', 'Grüße aus der Laufzeit');
  const text = await dav.getText('/written.txt');
  const listed = (await dav.list('/')).map((entry) => entry.name).sort();
  const proppatch = await proppatchFailure(davkit, dav);
  const batch = await batchWithRetry(davkit, dav);
  const lock = await lockWriteUnlock(dav);
  const upload = await uploadWithProgress(dav);
  const streamed: string[] = [];
  for await (const response of stream.streamPropfind(dav, '/', { depth: 1 })) {
    streamed.push(response.path);
  }
  return { listed, text, proppatch, batch, lock, streamed: streamed.sort(), upload };
}

/**
 * What every runtime must report for a collection at URL path `dir` (e.g. `/dav/rt-1a2b3c4d/`).
 *
 * @example
 * ```ts
 * expect(report).toEqual(expectedReport(dir.path));
 * ```
 */
export function expectedReport(dir: string): ScenarioReport {
  // Explanations name client paths (relative to the client's base URL, the collection `dir`).
  return {
    listed: ['locked.txt', 'seed.txt', 'written.txt'],
    text: 'Grüße aus der Laufzeit',
    proppatch: {
      thrown: 'MultiStatusError',
      causes: ['409 {DAV:}getetag remove-protected-property 1'],
      explanation: [
        `409 at /seed.txt {DAV:}getetag — Property is read-only.`,
        `  blocked /seed.txt {urn:acme}state`,
        '  fix: leave the protected property {DAV:}getetag out',
      ].join('\n'),
    },
    batch: {
      first: ['mk:failure', 'put:failed-dependency'],
      explanation: [
        `409 at step mk: MKCOL /missing/child/`,
        `  blocked step put: /missing/child/file.txt`,
        `  fix: create the collection /missing/`,
      ].join('\n'),
      next: ['mk:success:2', 'put:success:2'],
      ok: true,
      cloned: 2,
    },
    lock: { written: 204, held: 1, after: 0 },
    streamed: [
      dir,
      ...['locked.txt', 'missing/', 'seed.txt', 'upload.bin', 'written.txt'].map((n) => dir + n),
    ],
    upload: { events: 5, last: `${UPLOAD_BYTES}/${UPLOAD_BYTES}` },
  };
}
