import { describe, expect, it } from 'vitest';
import { isDavHttpError } from '../../src/errors/guards.ts';
import { observedClient } from '../helpers/clients.ts';

const unauthorized = () => new Response('expired', { status: 401 });

describe('bearer auth', () => {
  it('sends a fixed token up front and does not resend it after a 401', async () => {
    const { dav, requests } = observedClient(unauthorized, { auth: { type: 'bearer', token: 't-fixed' } });
    const error = await dav.propfind('/').catch((e: unknown) => e);
    expect(isDavHttpError(error) && error.status).toBe(401);
    expect(requests.map((r) => r.headers.authorization)).toEqual(['Bearer t-fixed']);
  });

  it('asks a token function once, and reuses its token for later requests', async () => {
    const asked: boolean[] = [];
    const { dav, requests } = observedClient(() => new Response('x'), {
      auth: {
        type: 'bearer',
        token: ({ refresh }) => {
          asked.push(refresh);
          return `t${asked.length}`;
        },
      },
    });
    await dav.getText('/a');
    await dav.getText('/b');
    expect(asked).toEqual([false]);
    expect(requests.map((r) => r.headers.authorization)).toEqual(['Bearer t1', 'Bearer t1']);
  });

  it('asks the token function again once after a 401, and resends the request with the new token', async () => {
    const asked: boolean[] = [];
    const { dav, requests } = observedClient(
      (request) => (request.headers.authorization === 'Bearer fresh' ? new Response('ok') : unauthorized()),
      {
        auth: {
          type: 'bearer',
          token: async ({ refresh }) => {
            asked.push(refresh);
            return refresh ? 'fresh' : 'stale';
          },
        },
      },
    );
    expect(await dav.put('/a.txt', 'body')).toEqual({ status: 200, created: false });
    expect(asked).toEqual([false, true]);
    expect(requests.map((r) => [r.method, r.headers.authorization, r.body])).toEqual([
      ['PUT', 'Bearer stale', 'body'],
      ['PUT', 'Bearer fresh', 'body'],
    ]);
    await dav.getText('/b');
    expect(requests.at(-1)?.headers.authorization).toBe('Bearer fresh');
  });

  it('gives up after the refreshed token is refused too', async () => {
    let asked = 0;
    const { dav, requests } = observedClient(unauthorized, {
      auth: {
        type: 'bearer',
        token: () => {
          asked++;
          return `t${asked}`;
        },
      },
    });
    const error = await dav.delete('/a.txt').catch((e: unknown) => e);
    expect(isDavHttpError(error) && error.status).toBe(401);
    expect(asked).toBe(2);
    expect(requests).toHaveLength(2);
  });

  it('does not replay a streamed body after a 401', async () => {
    let asked = 0;
    const { dav, requests } = observedClient(unauthorized, {
      auth: {
        type: 'bearer',
        token: () => {
          asked++;
          return 't';
        },
      },
    });
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('streamed'));
        controller.close();
      },
    });
    const error = await dav.put('/a.txt', body).catch((e: unknown) => e);
    expect(isDavHttpError(error) && error.status).toBe(401);
    expect([asked, requests.length]).toEqual([1, 1]);
  });
});
