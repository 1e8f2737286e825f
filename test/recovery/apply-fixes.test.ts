/**
 * `fixableAutomatically(causes)` (recovery/apply-fixes.ts): whether davkit's built-in fixers cover
 * every cause, which an application asks before it offers "retry" (moved here from the batch tests:
 * tests mirror src/).
 */
import { describe, expect, it } from 'vitest';
import { fixableAutomatically } from '../../src/recovery/apply-fixes.ts';
import { observedClient } from '../helpers/clients.ts';
import { MemoryDav } from '../helpers/memory-dav.ts';

function setup() {
  const server = new MemoryDav();
  const { dav } = observedClient(server.handle);
  return { server, dav };
}

describe('deciding before retrying', () => {
  it('fixableAutomatically() tells whether the built-in fixers cover every cause; relativePath() maps causes to client paths', async () => {
    const { dav, server } = setup();
    const missing = dav.batch();
    missing.mkcol('/reports/2026/', { id: 'mk' });
    const causes = (await missing.run()).rootCauses();
    expect(fixableAutomatically(causes)).toBe(true);
    const fix = causes[0]?.fix;
    // Causes name client paths; relativePath() maps the server's form to the same.
    expect(fix?.kind === 'create-parent' && fix.path).toBe('/reports/');
    expect(causes[0] && dav.relativePath(causes[0].serverPath)).toBe(causes[0]?.path);

    server.files.set('/root/p.txt', 'x');
    const protectedProp = dav.batch();
    protectedProp.proppatch('/p.txt', { set: { '{DAV:}getetag': 'x' } });
    expect(fixableAutomatically((await protectedProp.run()).rootCauses())).toBe(false);
    expect(fixableAutomatically([])).toBe(false);
  });
});
