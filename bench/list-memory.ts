/**
 * One memory measurement of bench/list.ts in a fresh process:
 * `node --expose-gc bench/list-memory.ts <davkit|webdav> <collection url>`. Prints the peak resident
 * memory above the idle baseline, in MiB, with the number of entries, as JSON.
 */
import { createClient as webdavClient } from 'webdav';
import { createClient } from '../src/index.ts';

const [client, url] = process.argv.slice(2) as ['davkit' | 'webdav', string];
(globalThis as { gc?: () => void }).gc?.();
const baseline = process.memoryUsage().rss;
const entries =
  client === 'davkit'
    ? await createClient({ baseUrl: url, timeout: 600_000 }).list('/')
    : ((await webdavClient(url).getDirectoryContents('/')) as unknown[]);
const peak = process.resourceUsage().maxRSS * 1024;
console.log(JSON.stringify({ client, entries: entries.length, peakMiB: (peak - baseline) / 2 ** 20 }));
