import { describe, expect, it } from 'vitest';
import { basicAuthenticator } from '../../src/auth/basic.ts';
import { isDavHttpError } from '../../src/errors/guards.ts';
import { observedClient } from '../helpers/clients.ts';

describe('basic auth', () => {
  it('is sent up front, on the very first request', async () => {
    const { dav, requests } = observedClient(() => new Response('x'), {
      auth: { type: 'basic', username: 'alice', password: 'pw' },
    });
    await dav.getText('/a.txt');
    expect(requests.map((r) => r.headers.authorization)).toEqual([`Basic ${btoa('alice:pw')}`]);
  });

  it('encodes user names and passwords as UTF-8', async () => {
    const header = await basicAuthenticator({
      type: 'basic',
      username: 'zoë',
      password: 'pässwörd✓',
    }).authorize({
      method: 'GET',
      url: new URL('https://dav.test/'),
    });
    expect(header).toBe(`Basic ${Buffer.from('zoë:pässwörd✓', 'utf8').toString('base64')}`);
  });

  it('does not resend after a 401: the credentials are what they are', async () => {
    const { dav, requests } = observedClient(
      () => new Response('no', { status: 401, headers: { 'www-authenticate': 'Basic realm="dav"' } }),
      { auth: { type: 'basic', username: 'alice', password: 'wrong' } },
    );
    const error = await dav.propfind('/').catch((e: unknown) => e);
    expect(isDavHttpError(error) && error.status).toBe(401);
    expect(requests).toHaveLength(1);
  });

  it('lets an explicit Authorization header win over the configured credentials', async () => {
    const { dav, requests } = observedClient(() => new Response('x'), {
      auth: { type: 'basic', username: 'alice', password: 'pw' },
    });
    await dav.getText('/a.txt', { headers: { Authorization: 'Bearer per-call' } });
    expect(requests[0]?.headers.authorization).toBe('Bearer per-call');
  });
});
