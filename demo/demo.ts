/**
 * `npm run demo`: davkit against a real WebDAV server over HTTP.
 *
 * By default it starts an embedded server (npm `webdav-server`) in this process; with
 * `npm run demo -- --url <webdav-url>` it runs against any server (use a scratch directory: it
 * writes a `davkit-demo/` folder there and removes it at the end).
 */
import { createClient, type DavClient, type Entry } from '../src/index.ts';
import { startEmbeddedServer } from './embedded-server.ts';

function argument(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index === -1 ? undefined : process.argv[index + 1];
}

function row(entry: Entry): string {
  const size = entry.type === 'directory' ? '<dir>' : `${entry.size ?? '?'} B`;
  return `  ${entry.type === 'directory' ? 'd' : '-'} ${size.padStart(8)}  ${entry.path}`;
}

async function seed(dav: DavClient): Promise<void> {
  await dav.mkdirp('/davkit-demo/reports/2026/');
  await dav.put('/davkit-demo/README.md', '# davkit demo\n');
  await dav.put('/davkit-demo/reports/2026/q3.csv', 'quarter,revenue\nq3,1200\n', {
    contentType: 'text/csv',
  });
}

async function main(): Promise<void> {
  const given = argument('--url');
  const server = given === undefined ? await startEmbeddedServer() : undefined;
  const baseUrl = given ?? (server?.url as string);
  console.log(
    `davkit demo against ${given === undefined ? 'the embedded server' : 'your server'} at ${baseUrl}\n`,
  );
  const dav = createClient({ baseUrl });
  try {
    await seed(dav);
    console.log('PROPFIND Depth 1 of /davkit-demo/, every descendant (list { deep: true }):');
    for (const entry of await dav.list('/davkit-demo/', { deep: true })) {
      console.log(row(entry));
    }
  } finally {
    await dav.delete('/davkit-demo/').catch(() => undefined);
    await server?.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
