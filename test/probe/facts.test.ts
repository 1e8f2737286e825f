import { describe, expect, it } from 'vitest';
import { ifMatchHonouredFor, partialUpdateFor } from '../../src/probe/facts.ts';
import { observedClient } from '../helpers/clients.ts';
import { fakeServer } from './fake-server.ts';

// The two facts other features read (uploads: partialUpdate; verified writes: ifMatchHonoured).

describe('partialUpdateFor() and ifMatchHonouredFor()', () => {
  it('probe the collection that holds a file once, then answer from the cache', async () => {
    const { dav, requests } = observedClient(fakeServer({ contentRange: 'honoured' }).handler);
    expect(await partialUpdateFor(dav, '/sub/b.txt')).toEqual(['content-range']);
    expect(requests[0]).toMatchObject({ method: 'OPTIONS', url: 'https://dav.test/root/sub/' });
    const sent = requests.length;
    expect(await ifMatchHonouredFor(dav, '/sub/b.txt')).toBe(true);
    expect(await ifMatchHonouredFor(dav, '/sub/')).toBe(true);
    expect(requests.length).toBe(sent);
  });

  it('use a probe of an ancestor collection when there is one', async () => {
    const { dav, requests } = observedClient(fakeServer({ ifMatch: false }).handler);
    await dav.probe('/');
    const sent = requests.length;
    expect(await ifMatchHonouredFor(dav, '/sub/b.txt')).toBe(false);
    expect(requests.length).toBe(sent);
  });
});
