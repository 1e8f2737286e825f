/**
 * A verb whose builder loads on first use (issue 16) still sends its arguments as they were when it
 * was called: an app that reuses one options object across calls it does not await one by one (a
 * `Promise.all` over a loop) must not send the last values for every call.
 */
import { describe, expect, it } from 'vitest';
import { observedClient } from '../helpers/clients.ts';
import { MemoryDav } from '../helpers/memory-dav.ts';

describe('arguments are taken as they are when the call is made', () => {
  it('PROPPATCH: a property map changed after the call changes nothing sent by it', async () => {
    const { dav, requests } = observedClient(new MemoryDav().handle);
    await dav.put('/a.txt', 'a');
    await dav.put('/b.txt', 'b');
    const set: Record<string, string> = { '{urn:x}n': 'first' };
    const first = dav.proppatch('/a.txt', { set });
    set['{urn:x}n'] = 'second';
    const second = dav.proppatch('/b.txt', { set });
    await Promise.all([first, second]);
    const bodies = requests
      .filter((r) => r.method === 'PROPPATCH')
      .map((r) => [r.url.split('/').pop(), r.body]);
    expect(bodies.find(([name]) => name === 'a.txt')?.[1]).toContain('first');
    expect(bodies.find(([name]) => name === 'b.txt')?.[1]).toContain('second');
  });

  it('PUT and LOCK: headers and options changed after the call change nothing sent by it', async () => {
    const { dav, requests } = observedClient(new MemoryDav().handle);
    const headers: Record<string, string> = { 'x-n': 'first' };
    const first = dav.put('/a.txt', 'a', { headers });
    headers['x-n'] = 'second';
    const second = dav.put('/b.txt', 'b', { headers });
    await Promise.all([first, second]);
    const sent = requests
      .filter((r) => r.method === 'PUT')
      .map((r) => [r.url.split('/').pop(), r.headers['x-n']]);
    expect(Object.fromEntries(sent)).toEqual({ 'a.txt': 'first', 'b.txt': 'second' });

    const lockOptions = { owner: 'first' };
    const lock = dav.lock('/a.txt', lockOptions);
    lockOptions.owner = 'second';
    await lock;
    expect(requests.find((r) => r.method === 'LOCK')?.body).toContain('first');
  });
});
