/**
 * A process that uploads a file and is killed in the middle (transfer-faults.test.ts): it saves the
 * upload's state as JSON at each confirmed chunk, as an app would, and kills itself with SIGKILL
 * (no cleanup, no last write) once `killAfter` chunks are confirmed.
 *
 * Usage: node upload-child.ts <baseUrl> <source file> <state file> <killAfter>
 */
import { writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { createClient } from '../../src/client/create-client.ts';
import { fileSource } from '../../src/transfer/files.ts';

const [baseUrl, source, stateFile, killAfter] = process.argv.slice(2) as [string, string, string, string];
const dav = createClient({ baseUrl });
await dav.upload('/killed.bin', await fileSource(source, open), {
  chunkSize: 1024 * 1024,
  concurrency: 1,
  onProgress: ({ state }) => {
    writeFileSync(stateFile, JSON.stringify(state));
    if (state.confirmed.length >= Number(killAfter)) {
      process.kill(process.pid, 'SIGKILL');
    }
  },
});
// Reaching this line means the kill did not happen: the parent sees a normal exit and fails.
