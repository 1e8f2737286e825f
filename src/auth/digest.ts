import { md5Hex } from './md5.ts';
import type { Authenticator, AuthRequest, DigestAuth } from './types.ts';

/** The parameters of a `WWW-Authenticate: Digest …` challenge. */
interface DigestChallenge {
  readonly realm: string;
  readonly nonce: string;
  readonly opaque?: string;
  readonly algorithm: string;
  readonly qop?: string;
}

const PARAM = /([\w-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]+))/g;

/** Reads the Digest challenge out of a WWW-Authenticate header that may list several schemes. */
export function parseDigestChallenge(header: string): DigestChallenge | undefined {
  const start = header.search(/(?:^|,\s*)Digest\s/i);
  if (start === -1) {
    return undefined;
  }
  const params: Record<string, string> = {};
  for (const match of header
    .slice(start)
    .replace(/^,?\s*Digest\s+/i, '')
    .matchAll(PARAM)) {
    const key = (match[1] as string).toLowerCase();
    if (key in params) {
      break; // the next challenge's parameters begin
    }
    params[key] = match[2]?.replace(/\\(.)/g, '$1') ?? match[3] ?? '';
  }
  if (params.realm === undefined || params.nonce === undefined) {
    return undefined;
  }
  const qops = params.qop?.split(',').map((q) => q.trim());
  return {
    realm: params.realm,
    nonce: params.nonce,
    algorithm: params.algorithm ?? 'MD5',
    ...(params.opaque === undefined ? {} : { opaque: params.opaque }),
    ...(qops?.includes('auth') ? { qop: 'auth' } : {}),
  };
}

async function hash(algorithm: string, text: string): Promise<string> {
  if (/^MD5/i.test(algorithm)) {
    return md5Hex(text);
  }
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

function cnonce(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(12)), (b) => b.toString(16).padStart(2, '0')).join(
    '',
  );
}

/**
 * HTTP Digest: the first request goes out without credentials, the 401 challenge is answered, and
 * later requests reuse the nonce with an increasing nonce count until the server calls it stale.
 *
 * @see https://www.rfc-editor.org/rfc/rfc7616
 */
export function digestAuthenticator(auth: DigestAuth): Authenticator {
  let challenge: DigestChallenge | undefined;
  let count = 0;

  const answer = async (request: AuthRequest, current: DigestChallenge): Promise<string> => {
    const nc = (++count).toString(16).padStart(8, '0');
    const client = cnonce();
    const uri = `${request.url.pathname}${request.url.search}`;
    const { algorithm } = current;
    let ha1 = await hash(algorithm, `${auth.username}:${current.realm}:${auth.password}`);
    if (/-sess$/i.test(algorithm)) {
      ha1 = await hash(algorithm, `${ha1}:${current.nonce}:${client}`);
    }
    const ha2 = await hash(algorithm, `${request.method}:${uri}`);
    const response = current.qop
      ? await hash(algorithm, `${ha1}:${current.nonce}:${nc}:${client}:${current.qop}:${ha2}`)
      : await hash(algorithm, `${ha1}:${current.nonce}:${ha2}`);
    const fields = [
      `username="${auth.username.replace(/["\\]/g, '\\$&')}"`,
      `realm="${current.realm}"`,
      `nonce="${current.nonce}"`,
      `uri="${uri}"`,
      `algorithm=${algorithm}`,
      `response="${response}"`,
      ...(current.opaque === undefined ? [] : [`opaque="${current.opaque}"`]),
      ...(current.qop ? [`qop=${current.qop}`, `nc=${nc}`, `cnonce="${client}"`] : []),
    ];
    return `Digest ${fields.join(', ')}`;
  };

  return {
    authorize: async (request) => (challenge === undefined ? undefined : answer(request, challenge)),
    challenge: async (response) => {
      const parsed = parseDigestChallenge(response.headers.get('www-authenticate') ?? '');
      if (parsed === undefined) {
        return false;
      }
      challenge = parsed;
      count = 0;
      return true;
    },
  };
}
