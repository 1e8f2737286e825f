import { describe, expect, it } from 'vitest';
import { createClient } from '../../src/client/create-client.ts';
import { transportConfig } from '../../src/client/options.ts';
import { buildPropfind } from '../../src/operations/propfind.ts';
import { Transport } from '../../src/transport/transport.ts';
import { davServer, freshCollection, seedFile } from '../harness/fixture.ts';
import type { ServerName } from '../harness/servers/types.ts';

const SERVERS: ServerName[] = ['apache', 'nginx', 'rclone', 'sabredav', 'webdav-server'];

describe.each(SERVERS)('the harness runs %s', (name) => {
  it('answers a PROPFIND sent through davkit’s transport with a 207', async () => {
    const info = davServer(name);
    const dir = await freshCollection(info, 'harness');
    await seedFile(info, `${dir.path.slice('/dav/'.length)}hello.txt`, 'hello');
    const transport = new Transport(transportConfig({ baseUrl: dir.url }));
    const raw = await transport.exchange(buildPropfind('/', { depth: 1 }));
    expect(raw.status).toBe(207);
    expect(raw.text).toContain('hello.txt');
  });

  it('lists a seeded directory through the client', async () => {
    const info = davServer(name);
    const dir = await freshCollection(info, 'list');
    const rel = dir.path.slice('/dav/'.length);
    await seedFile(info, `${rel}a.txt`, 'alpha');
    await seedFile(info, `${rel}sub/b.txt`, 'beta');
    const dav = createClient({ baseUrl: dir.url });
    const entries = await dav.list('/');
    const summary = entries.map((entry) => [entry.path, entry.type, entry.size ?? null]).sort();
    expect(summary).toEqual([
      ['/a.txt', 'file', 5],
      ['/sub/', 'directory', null],
    ]);
  });
});
