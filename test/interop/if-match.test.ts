import { describe, expect, it } from 'vitest';
import { isDavHttpError } from '../../src/errors/guards.ts';
import type { ServerName } from '../harness/servers/types.ts';
import { SERVERS, scratch } from '../helpers/interop.ts';

// Issue 14.2: which harness servers honour If-Match on PUT, measured. A verified update repeated
// under If-Match is only safe where it is honoured; elsewhere the result says `unverifiableUpdate`
// (until the capability probe, issue 15, tells davkit per server). real-servers.md §4 agrees.
const HONOURS_IF_MATCH_ON_PUT: Record<ServerName, boolean> = {
  apache: true,
  nginx: false,
  rclone: false,
  sabredav: true,
  'webdav-server': false,
};

describe.each(SERVERS)('If-Match on PUT, %s', (name) => {
  it(
    HONOURS_IF_MATCH_ON_PUT[name] ? 'refuses a stale ETag with 412' : 'ignores it and overwrites',
    async () => {
      const s = await scratch(name, 'if-match');
      await s.seed('doc.txt', 'v1');
      const outcome = await s.dav
        .put('/doc.txt', 'v2', { ifMatch: '"davkit-stale-etag"' })
        .catch((e: unknown) => e);
      const content = await s.dav.getText('/doc.txt');
      if (HONOURS_IF_MATCH_ON_PUT[name]) {
        expect(isDavHttpError(outcome) && outcome.status).toBe(412);
        expect(content).toBe('v1');
      } else {
        expect(outcome).toMatchObject({ status: expect.any(Number) });
        expect(content).toBe('v2');
      }
    },
  );
});
