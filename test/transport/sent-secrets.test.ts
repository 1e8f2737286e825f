/**
 * The credentials a request carried are cut out of its error body (the secrets sweep found a debug
 * error page echoing the `Authorization` header into `DavHttpError.bodySnippet`).
 */
import { describe, expect, it } from 'vitest';
import { isDavHttpError } from '../../src/errors/guards.ts';
import { readBodyText } from '../../src/transport/read-body.ts';
import { rememberSentSecrets, withoutSentSecrets } from '../../src/transport/sent-secrets.ts';
import { observedClient } from '../helpers/clients.ts';

const read = { limit: 1 << 20, idleTimeout: false, method: 'GET', url: 'https://h/' } as const;

describe('withoutSentSecrets', () => {
  it('replaces the whole header value and the credentials after the scheme', () => {
    const response = new Response(null, { status: 500 });
    rememberSentSecrets(response, ['Bearer tok-123456']);
    expect(withoutSentSecrets(response, 'authorization: Bearer tok-123456; token=tok-123456')).toBe(
      'authorization: [REDACTED]; token=[REDACTED]',
    );
  });

  it('leaves text alone for a response sent without credentials, and never replaces tiny values', () => {
    const response = new Response(null, { status: 500 });
    expect(withoutSentSecrets(response, 'Bearer x')).toBe('Bearer x');
    rememberSentSecrets(response, ['Basic x']);
    expect(withoutSentSecrets(response, 'a Basic x b')).toBe('a [REDACTED] b');
    expect(withoutSentSecrets(response, 'x marks the spot')).toBe('x marks the spot');
  });
});

describe('readBodyText', () => {
  it('redacts a failed body, not a successful one (a file may legitimately contain anything)', async () => {
    const failed = new Response('echo: Basic dTpwYXNzd29yZA==', { status: 400 });
    const ok = new Response('echo: Basic dTpwYXNzd29yZA==', { status: 200 });
    for (const response of [failed, ok]) {
      rememberSentSecrets(response, ['Basic dTpwYXNzd29yZA==']);
    }
    expect(await readBodyText(failed, read)).toBe('echo: [REDACTED]');
    expect(await readBodyText(ok, read)).toBe('echo: Basic dTpwYXNzd29yZA==');
  });
});

describe('through the client', () => {
  it('a DavHttpError from an error page echoing the request has no credentials in its snippet', async () => {
    const { dav } = observedClient(
      (request) =>
        new Response(`<pre>${JSON.stringify(request.headers)}</pre>`, {
          status: 500,
          headers: { 'content-type': 'text/html' },
        }),
      { auth: { type: 'basic', username: 'echo-user', password: 'echo-password' } },
    );
    const error = await dav.delete('/a.txt').catch((e: unknown) => e);
    expect(isDavHttpError(error) && error.bodySnippet).toBe('<pre>{"authorization":"[REDACTED]"}</pre>');
  });
});
