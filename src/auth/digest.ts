import { md5Hex } from './md5.ts';
import type { Authenticator, AuthRequest, DigestAuth } from './types.ts';

/** The parameters of a `WWW-Authenticate: Digest …` challenge. */
export interface DigestChallenge {
  readonly realm: string;
  readonly nonce: string;
  readonly opaque?: string;
  readonly algorithm: string;
  readonly qop?: string;
}

const PARAM = /([\w-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]+))/g;

// The algorithms davkit can compute; answering another one with the wrong hash would only earn a 401.
const ALGORITHMS = /^(?:MD5|SHA-256)(?:-sess)?$/i;

/**
 * Reads the Digest challenge out of a WWW-Authenticate header that may list several schemes.
 * `undefined` when there is none, or when it asks for an algorithm davkit cannot compute.
 *
 * @example
 * ```ts
 * parseDigestChallenge('Basic realm="x", Digest realm="dav", nonce="abc", qop="auth,auth-int"');
 * // { realm: 'dav', nonce: 'abc', algorithm: 'MD5', qop: 'auth' }
 * ```
 */
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
  if (!ALGORITHMS.test(params.algorithm ?? 'MD5')) {
    return undefined;
  }
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
  // Only SHA-256 gets here: parseDigestChallenge admits MD5 and SHA-256 (and their -sess forms).
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** A quoted-string's content: backslash and double quote escaped. */
function quote(value: string): string {
  return value.replace(/["\\]/g, '\\$&');
}

function cnonce(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(12)), (b) => b.toString(16).padStart(2, '0')).join(
    '',
  );
}

/** Everything the `response` value of a Digest `Authorization` header is computed from. */
export interface DigestInput {
  readonly algorithm: string;
  readonly username: string;
  readonly password: string;
  readonly realm: string;
  readonly nonce: string;
  readonly method: string;
  /** The request-target: path and query. */
  readonly uri: string;
  /** With `qop`: the nonce count (8 hex digits) and the client nonce. */
  readonly qop?: string;
  readonly nc?: string;
  readonly cnonce?: string;
}

/**
 * The `response` value of a Digest answer (RFC 7616 §3.4.1): `H(H(A1):nonce:nc:cnonce:qop:H(A2))`,
 * or `H(H(A1):nonce:H(A2))` without qop; `-sess` algorithms hash the nonces into A1.
 *
 * @example
 * ```ts
 * await digestResponse({ algorithm: 'SHA-256', username: 'Mufasa', password: 'Circle of Life',
 *   realm: 'http-auth@example.org', nonce, method: 'GET', uri: '/dir/index.html',
 *   qop: 'auth', nc: '00000001', cnonce }); // RFC 7616 §3.9.1: '753927fa…'
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc7616#section-3.4.1
 */
export async function digestResponse(input: DigestInput): Promise<string> {
  const { algorithm } = input;
  let ha1 = await hash(algorithm, `${input.username}:${input.realm}:${input.password}`);
  if (/-sess$/i.test(algorithm)) {
    ha1 = await hash(algorithm, `${ha1}:${input.nonce}:${input.cnonce ?? ''}`);
  }
  const ha2 = await hash(algorithm, `${input.method}:${input.uri}`);
  return input.qop
    ? hash(algorithm, `${ha1}:${input.nonce}:${input.nc ?? ''}:${input.cnonce ?? ''}:${input.qop}:${ha2}`)
    : hash(algorithm, `${ha1}:${input.nonce}:${ha2}`);
}

/**
 * HTTP Digest: the first request goes out without credentials, the 401 challenge is answered, and
 * later requests reuse the nonce with an increasing nonce count until the server calls it stale.
 *
 * @example
 * ```ts
 * const dav = createClient({ baseUrl, auth: { type: 'digest', username: 'alice', password } });
 * ```
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
    const response = await digestResponse({
      algorithm,
      username: auth.username,
      password: auth.password,
      realm: current.realm,
      nonce: current.nonce,
      method: request.method,
      uri,
      ...(current.qop ? { qop: current.qop, nc, cnonce: client } : {}),
    });
    const fields = [
      `username="${quote(auth.username)}"`,
      `realm="${quote(current.realm)}"`,
      `nonce="${quote(current.nonce)}"`,
      `uri="${uri}"`,
      `algorithm=${algorithm}`,
      `response="${response}"`,
      ...(current.opaque === undefined ? [] : [`opaque="${quote(current.opaque)}"`]),
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
