/**
 * Captures real Multi-Status and DAV:error bodies from the servers in the test harness and writes them,
 * normalised (ports, dates, ETags, lock tokens, random collection names), to
 * `test/fixtures/multistatus/<server>-<case>.xml`, plus `captures.json` (method, path, status and
 * content type of each). Raw `fetch` only: the captures do not depend on davkit.
 *
 *   npx node scripts/capture-fixtures.ts [server…]
 *
 * Running it twice gives identical files. Radicale's fixtures are hand-written (the harness runs it
 * for sync-collection only); this script leaves them alone.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { FILE_SERVER_NAMES, isFileServerName, startServer } from '../test/harness/servers/index.ts';
import type { ServerName } from '../test/harness/servers/types.ts';
import {
  apacheCascade,
  listing,
  lockBodies,
  lockConflict,
  lockedCollection,
  properties,
  sabreErrors,
} from './capture/scenarios.ts';
import { type CaptureRecord, Session } from './capture/session.ts';

const OUT_DIR = fileURLToPath(new URL('../test/fixtures/multistatus/', import.meta.url));
const MANIFEST = `${OUT_DIR}captures.json`;

/** What to capture from each server (real-servers.md §4–§8 say what each one supports). */
const PLANS: Record<ServerName, (s: Session) => Promise<void>> = {
  apache: async (s) => {
    await listing(s);
    await properties(s, { proppatch: true });
    const { file, token } = await lockBodies(s);
    await lockedCollection(s);
    await apacheCascade(s, file, token);
  },
  nginx: async (s) => {
    await listing(s);
    await properties(s, { proppatch: false }); // no PROPPATCH (405)
    await lockBodies(s); // its 423s (nginx's bare `HTTP/1.1 423 `) have no body to capture
  },
  rclone: async (s) => {
    await listing(s);
    await properties(s, { proppatch: true });
    await lockBodies(s);
  },
  sabredav: async (s) => {
    await listing(s);
    await properties(s, { proppatch: true });
    const { file } = await lockBodies(s);
    await lockConflict(s, file);
    await lockedCollection(s);
    await sabreErrors(s, file);
  },
  'webdav-server': async (s) => {
    await listing(s);
    await properties(s, { proppatch: true });
    await lockBodies(s);
  },
};

async function captureFrom(name: ServerName): Promise<Session> {
  const server = await startServer(name);
  try {
    const session = new Session(server, OUT_DIR);
    await PLANS[name](session);
    return session;
  } finally {
    await server.stop();
  }
}

async function readManifest(): Promise<Record<string, CaptureRecord>> {
  try {
    return JSON.parse(await readFile(MANIFEST, 'utf8')) as Record<string, CaptureRecord>;
  } catch {
    return {};
  }
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const unknown = args.filter((arg) => !isFileServerName(arg));
  if (unknown.length > 0) {
    throw new Error(`unknown server(s): ${unknown.join(', ')}; known: ${FILE_SERVER_NAMES.join(', ')}`);
  }
  const names = args.length > 0 ? (args as ServerName[]) : [...FILE_SERVER_NAMES];
  const manifest = await readManifest();
  const problems: string[] = [];
  for (const name of names) {
    const session = await captureFrom(name);
    for (const key of Object.keys(manifest).filter((file) => file.startsWith(`${name}-`))) {
      delete manifest[key];
    }
    Object.assign(manifest, session.records);
    problems.push(...session.problems);
    console.log(`${name}: ${Object.keys(session.records).length} fixtures`);
  }
  const sorted = Object.fromEntries(Object.entries(manifest).sort(([a], [b]) => a.localeCompare(b)));
  await writeFile(MANIFEST, `${JSON.stringify(sorted, null, 2)}\n`);
  if (problems.length > 0) {
    console.error(`not captured:\n  ${problems.join('\n  ')}`);
    process.exitCode = 1;
  }
}

await main();
