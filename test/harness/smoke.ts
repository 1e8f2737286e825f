/**
 * Smoke test for the server harness, outside vitest: `npx node test/harness/smoke.ts [names…]`
 * (DAVKIT_SERVERS works too). Starts the servers in parallel, exercises PROPFIND/MKCOL/PUT/DELETE,
 * LOCK + tagged If, disk seeding and the CORS preflight, stops them, and checks that ports and temp
 * dirs are gone. Exits 1 on any failure.
 */
import { existsSync, statSync } from 'node:fs';
import { connect } from 'node:net';
import { dirname, join } from 'node:path';
import { freshCollection, seedFile } from './disk.ts';
import { isFileServerName, selectedServers, startServer } from './servers/index.ts';
import { lookupUser } from './servers/system.ts';
import type { RunningServer, ServerInfo, ServerName } from './servers/types.ts';

const failures: string[] = [];
let checks = 0;
function check(ok: boolean, what: string): void {
  checks++;
  if (!ok) {
    failures.push(what);
  }
}

async function req(method: string, url: string, headers: Record<string, string> = {}, body?: string) {
  const res = await fetch(url, { method, headers, ...(body === undefined ? {} : { body }) });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

/** Every href in a multistatus body, as a URL path (webdav-server sends absolute URLs, §7). */
function hrefPaths(xml: string, base: string): string[] {
  return [...xml.matchAll(/<(?:[\w-]+:)?href>([^<]*)<\/(?:[\w-]+:)?href>/g)].map(
    (m) => new URL(m[1] ?? '', base).pathname,
  );
}

const LOCKINFO =
  '<?xml version="1.0" encoding="utf-8"?><D:lockinfo xmlns:D="DAV:"><D:lockscope><D:exclusive/></D:lockscope>' +
  '<D:locktype><D:write/></D:locktype><D:owner>smoke</D:owner></D:lockinfo>';
const PREFLIGHT_HEADERS = ['depth', 'if', 'destination', 'overwrite', 'authorization', 'content-type'];

async function exercise(s: ServerInfo): Promise<void> {
  const n = s.name;
  const root = await req('PROPFIND', s.baseUrl, { Depth: '1' });
  check(root.status === 207, `${n}: PROPFIND / → ${root.status}`);
  const hrefs = hrefPaths(root.text, s.baseUrl);
  check(
    hrefs.length > 0 && hrefs.every((h) => h.startsWith('/dav/')),
    `${n}: hrefs not under /dav/: ${hrefs}`,
  );

  // Disk seeding must be visible through the server at once.
  const col = await freshCollection(s, 'smoke');
  const seeded = await seedFile(s, `${col.path.slice('/dav/'.length)}seed.txt`, 'seeded');
  const listing = await req('PROPFIND', col.url, { Depth: '1' });
  check(listing.status === 207 && listing.text.includes('seed.txt'), `${n}: seeded file not listed`);
  const got = await req('GET', seeded.url);
  check(got.status === 200 && got.text === 'seeded', `${n}: GET seeded → ${got.status} ${got.text}`);

  const sub = `${col.url}sub/`;
  const mkcol = await req('MKCOL', sub);
  check(mkcol.status === 201, `${n}: MKCOL → ${mkcol.status}`);
  const put = await req('PUT', `${sub}a.txt`, { 'Content-Type': 'text/plain' }, 'hello');
  check(put.status === 201 || put.status === 204, `${n}: PUT → ${put.status}`);
  const onDisk = join(col.dir, 'sub', 'a.txt');
  check(existsSync(onDisk) && statSync(onDisk).uid === lookupUser(s.fileOwner).uid, `${n}: PUT file owner`);
  const del = await req('DELETE', sub);
  check(del.status === 204 || del.status === 200, `${n}: DELETE → ${del.status}`);
  check(!existsSync(join(col.dir, 'sub')), `${n}: DELETE left the collection on disk`);

  // LOCK, then PUT without and with a tagged If (untagged If crashes webdav-server, §2).
  const lock = await req(
    'LOCK',
    seeded.url,
    { Timeout: 'Second-60', 'Content-Type': 'application/xml' },
    LOCKINFO,
  );
  check(lock.status === 200, `${n}: LOCK → ${lock.status}`);
  const token = (lock.headers.get('lock-token') ?? '').replace(/^<|>$/g, '');
  check(token !== '', `${n}: LOCK without Lock-Token`);
  const blocked = await req('PUT', seeded.url, {}, 'x');
  // Anonymous webdav-server: every request is the lock owner, so nothing is blocked (§2).
  check(
    blocked.status === (n === 'webdav-server' ? 200 : 423),
    `${n}: PUT locked, no If → ${blocked.status}`,
  );
  const tagged = await req('PUT', seeded.url, { If: `<${seeded.url}> (<${token}>)` }, 'y');
  check(tagged.status >= 200 && tagged.status < 300, `${n}: PUT with tagged If → ${tagged.status}`);
  const unlock = await req('UNLOCK', seeded.url, { 'Lock-Token': `<${token}>` });
  check(unlock.status === 204, `${n}: UNLOCK → ${unlock.status}`);

  const pre = await req('OPTIONS', col.url, {
    Origin: 'http://localhost:5173',
    'Access-Control-Request-Method': 'PROPFIND',
    'Access-Control-Request-Headers': PREFLIGHT_HEADERS.join(','),
  });
  const acao = pre.headers.get('access-control-allow-origin');
  if (!s.cors) {
    check(acao === null, `${n}: unexpected CORS header`);
    return;
  }
  const allowH = (pre.headers.get('access-control-allow-headers') ?? '').toLowerCase().split(/\s*,\s*/);
  const allowM = (pre.headers.get('access-control-allow-methods') ?? '').split(/\s*,\s*/);
  check(
    pre.status >= 200 && pre.status < 300 && acao === '*',
    `${n}: preflight → ${pre.status} ACAO ${acao}`,
  );
  check(allowM.includes('PROPFIND') && allowM.includes('LOCK'), `${n}: Allow-Methods ${allowM}`);
  check(
    PREFLIGHT_HEADERS.every((h) => allowH.includes(h)),
    `${n}: Allow-Headers ${allowH}`,
  );
  const exposed = (root.headers.get('access-control-expose-headers') ?? '').toLowerCase();
  check(
    exposed.includes('lock-token') && exposed.includes('etag'),
    `${n}: Expose-Headers on 207: ${exposed}`,
  );
}

function portClosed(origin: string): Promise<boolean> {
  const { port } = new URL(origin);
  return new Promise((resolve) => {
    const sock = connect(Number(port), '127.0.0.1');
    sock.once('connect', () => {
      sock.destroy();
      resolve(false);
    });
    sock.once('error', () => resolve(true));
  });
}

// The file servers only: Radicale stores calendar and address-book objects, not plain files.
const args = process.argv.slice(2).filter(isFileServerName);
const names: ServerName[] = args.length > 0 ? args : selectedServers().filter(isFileServerName);
const t0 = performance.now();
const started = await Promise.allSettled(
  names.map(async (name) => {
    const t = performance.now();
    const server = await startServer(name);
    console.log(`${name.padEnd(14)} ready in ${Math.round(performance.now() - t)} ms at ${server.baseUrl}`);
    return server;
  }),
);
console.log(`all started in ${Math.round(performance.now() - t0)} ms`);
const servers: RunningServer[] = [];
for (const r of started) {
  if (r.status === 'fulfilled') {
    servers.push(r.value);
  } else {
    failures.push(String(r.reason));
  }
}
for (const s of servers) {
  try {
    await exercise(s);
  } catch (err) {
    failures.push(`${s.name}: ${err instanceof Error ? err.stack : String(err)}`);
  }
}
const t1 = performance.now();
await Promise.all(servers.map((s) => s.stop()));
console.log(`all stopped in ${Math.round(performance.now() - t1)} ms`);
for (const s of servers) {
  check(await portClosed(s.origin), `${s.name}: port still open after stop`);
  // dataDir is <tmp root>/www/dav: the whole temp root must be gone.
  check(!existsSync(dirname(dirname(s.dataDir))), `${s.name}: temp dir left behind`);
}
if (failures.length > 0) {
  console.error(`SMOKE FAILED (${failures.length}):\n- ${failures.join('\n- ')}`);
  process.exit(1);
}
console.log(`smoke OK (${checks} checks): ${servers.map((s) => s.name).join(', ')}`);
