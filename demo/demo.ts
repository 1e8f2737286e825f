/**
 * `npm run demo`: davkit against a real WebDAV server over HTTP, told as a story.
 *
 * 1. a directory listing;
 * 2. a batch whose first step fails: its dependents get synthesised 424s naming it, `explain()` tells
 *    the cascade, `retryAfterFix()` creates the missing parent and resubmits: all green;
 * 3. a PROPPATCH with a protected property: a 207 that is not a success, its 424 explained, and a
 *    refusal to "fix" what only the caller can decide.
 *
 * By default it starts davkit's own embedded WebDAV server (`demo/server/`, in memory, namespace-true)
 * in this process; with `npm run demo -- --url <webdav-url>` it runs against any server (in a
 * `davkit-demo/` folder it removes at the end).
 */
import {
  createClient,
  type DavClient,
  type Entry,
  explain,
  isDavUnfixableError,
  isMultiStatusError,
  type StepResult,
} from '../src/index.ts';
import { startEmbeddedServer } from './embedded-server.ts';

const ROOT = '/davkit-demo/';

function argument(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index === -1 ? undefined : process.argv[index + 1];
}

function heading(text: string): void {
  console.log(`\n── ${text} ${'─'.repeat(Math.max(0, 72 - text.length))}`);
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `   ${line}`)
    .join('\n');
}

function row(entry: Entry): string {
  const size = entry.type === 'directory' ? '<dir>' : `${entry.size ?? '?'} B`;
  return `   ${entry.type === 'directory' ? 'd' : '-'} ${size.padStart(8)}  ${entry.path}`;
}

function stepLine(step: StepResult): string {
  const status = 'status' in step && step.status !== undefined ? String(step.status) : '   ';
  const detail =
    step.kind === 'failed-dependency'
      ? `  ← blocked by step "${step.failedPrerequisite.step}" (${step.failedPrerequisite.method} ${step.failedPrerequisite.path})`
      : '';
  return `   ${step.id.padEnd(8)} ${step.method.padEnd(9)} ${step.path.padEnd(40)} ${step.kind.padEnd(17)} ${status} (attempt ${step.attempt})${detail}`;
}

async function listing(dav: DavClient): Promise<void> {
  heading('1. list a directory (PROPFIND, every descendant)');
  await dav.mkdirp(`${ROOT}reports/2026/`);
  await dav.put(`${ROOT}README.md`, '# davkit demo\n');
  await dav.put(`${ROOT}reports/2026/q3.csv`, 'quarter,revenue\nq3,1200\n', { contentType: 'text/csv' });
  for (const entry of await dav.list(ROOT, { deep: true })) {
    console.log(row(entry));
  }
}

async function batchWalkthrough(dav: DavClient): Promise<void> {
  heading('2. a batch whose first step fails');
  const batch = dav.batch({ concurrency: 4 });
  const mk = batch.mkcol(`${ROOT}archive/2025/`, { id: 'mk' }); // archive/ does not exist: 409
  const put = batch.put(`${ROOT}archive/2025/q4.csv`, 'quarter,revenue\nq4,1300\n', { id: 'put' }); // after mk: implied
  batch.proppatch(`${ROOT}archive/2025/q4.csv`, {
    set: { '{urn:acme}state': 'final' },
    after: [put],
    id: 'tag',
  });
  batch.put(`${ROOT}notes.txt`, 'independent branches keep running', { id: 'notes' });
  void mk;
  const result = await batch.run();
  console.log(`   ok: ${result.ok}`);
  for (const step of result.steps) {
    console.log(stepLine(step));
  }
  console.log('\n   explain(result):');
  console.log(indent(explain(result)));

  heading('   retryAfterFix(): built-in fixers, then the whole batch again');
  const next = await result.retryAfterFix();
  console.log(`   ok: ${next.ok}`);
  for (const step of next.steps) {
    console.log(stepLine(step));
  }
}

async function protectedProperty(dav: DavClient): Promise<void> {
  heading('3. PROPPATCH with a protected property: a 207 that is not a success');
  try {
    await dav.proppatch(`${ROOT}README.md`, {
      set: { '{DAV:}getetag': '"forged"', '{urn:acme}reviewed': 'yes' },
    });
  } catch (error) {
    if (!isMultiStatusError(error)) {
      throw error;
    }
    console.log(`   ${error.message}`);
    console.log(indent(explain(error)));
    const refused = await error.retryAfterFix().catch((e: unknown) => e);
    if (isDavUnfixableError(refused)) {
      console.log(`\n   retryAfterFix() refuses, resubmitting nothing:\n   ${refused.message}`);
    }
    await dav.proppatch(`${ROOT}README.md`, { set: { '{urn:acme}reviewed': 'yes' } });
    console.log('   without the protected property, the PROPPATCH succeeds; read back:');
    const ms = await dav.propfind(`${ROOT}README.md`, { depth: 0, props: ['{urn:acme}reviewed'] });
    for (const response of ms.responses) {
      for (const propstat of response.kind === 'propstat' ? response.propstats : []) {
        for (const [name, value] of Object.entries(propstat.props)) {
          const text = typeof value === 'object' && value !== null && 'text' in value ? value.text : value;
          console.log(`   ${propstat.status} ${name} = ${JSON.stringify(text)}`);
        }
      }
    }
  }
}

async function main(): Promise<void> {
  const given = argument('--url');
  const server = given === undefined ? await startEmbeddedServer() : undefined;
  const baseUrl = given ?? (server?.url as string);
  console.log(
    `davkit demo against ${given === undefined ? 'an embedded WebDAV server' : 'your server'}: ${baseUrl}`,
  );
  const dav = createClient({ baseUrl });
  try {
    await dav.delete(ROOT).catch(() => undefined);
    await listing(dav);
    await batchWalkthrough(dav);
    await protectedProperty(dav);
  } finally {
    await dav.delete(ROOT).catch(() => undefined);
    await server?.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
