/**
 * A small HTTP proxy in front of a real server, with per-request rules: what real servers will not
 * do on demand (throttle with 429/503 + Retry-After, reset a connection after the body arrived or
 * after the write was applied, answer 504 after the write was applied). Everything else is
 * forwarded as it is, so the real server decides.
 *
 * ```ts
 * const proxy = await startFaultProxy(info.origin, (request) =>
 *   request.index === 3 ? { kind: 'answer', status: 429, headers: { 'retry-after': '1' } } : undefined,
 * );
 * const dav = createClient({ baseUrl: proxy.url(dir.path) });
 * ```
 */
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** A request as the rules see it. */
export interface ProxiedRequest {
  /** 1 for the first request the proxy saw, and so on. */
  readonly index: number;
  readonly method: string;
  /** The path and query, as sent. */
  readonly path: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
}

/** What the proxy does with one request. */
export type FaultRule =
  /** Answer this without forwarding (a throttle: 429/503 with `retry-after`). */
  | {
      readonly kind: 'answer';
      readonly status: number;
      readonly headers?: Record<string, string>;
      readonly body?: string;
    }
  /** Read the whole request body, then cut the connection: the server never sees it. */
  | { readonly kind: 'reset-after-body' }
  /** Forward it (the server applies it), then cut the connection instead of answering. */
  | { readonly kind: 'reset-after-forward' }
  /** Forward it (the server applies it), then answer `status` (a gateway's 504) instead. */
  | { readonly kind: 'answer-after-forward'; readonly status: number };

/** Decides per request; `undefined` forwards it untouched. */
export type FaultPolicy = (request: ProxiedRequest) => FaultRule | undefined;

/** One request the proxy handled. */
export interface ProxyLogEntry extends ProxiedRequest {
  /** When it arrived (ms, `performance.now()`). */
  readonly at: number;
  /** The rule applied, if any. */
  readonly fault?: FaultRule['kind'];
  /** Whether the real server received it. */
  readonly forwarded: boolean;
  /** The real server's status, when it was forwarded. */
  readonly upstreamStatus?: number;
}

export interface FaultProxy {
  /** `http://127.0.0.1:port` */
  readonly origin: string;
  /** The proxy URL of a server path (`/dav/x/` → `http://127.0.0.1:port/dav/x/`). */
  url(path: string): string;
  /** Every request so far, in arrival order. */
  readonly log: readonly ProxyLogEntry[];
  /** Requests the proxy is handling now, and the most it handled at once. */
  readonly inFlight: { readonly now: number; readonly max: number };
  setPolicy(policy: FaultPolicy): void;
  stop(): Promise<void>;
}

/** Starts a proxy to `upstream` (an origin such as `http://127.0.0.1:8080`). */
export async function startFaultProxy(
  upstream: string,
  policy: FaultPolicy = () => undefined,
): Promise<FaultProxy> {
  const target = new URL(upstream);
  const log: ProxyLogEntry[] = [];
  const sockets = new Set<Socket>();
  const inFlight = { now: 0, max: 0 };
  let rules = policy;
  let origin = '';

  const server = createServer((req, res) => {
    inFlight.now++;
    inFlight.max = Math.max(inFlight.max, inFlight.now);
    res.on('close', () => inFlight.now--);
    const seen: ProxiedRequest = {
      index: log.length + 1,
      method: req.method ?? 'GET',
      path: req.url ?? '/',
      headers: req.headers,
    };
    const rule = rules(seen);
    const entry = { ...seen, at: performance.now(), ...(rule === undefined ? {} : { fault: rule.kind }) };
    const index = log.push({ ...entry, forwarded: false }) - 1;
    handle(req, res, rule, (upstreamStatus) => {
      log[index] = { ...entry, forwarded: true, upstreamStatus };
    }).catch(() => res.destroy());
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  async function handle(
    req: IncomingMessage,
    res: ServerResponse,
    rule: FaultRule | undefined,
    forwarded: (status: number) => void,
  ): Promise<void> {
    const body = await readAll(req);
    if (rule?.kind === 'answer') {
      res.writeHead(rule.status, { 'content-type': 'text/plain', ...rule.headers });
      res.end(rule.body ?? `proxy: ${rule.status}`);
      return;
    }
    if (rule?.kind === 'reset-after-body') {
      req.socket.destroy();
      return;
    }
    const answer = await forward(req, body);
    forwarded(answer.status);
    if (rule?.kind === 'reset-after-forward') {
      req.socket.destroy();
    } else if (rule?.kind === 'answer-after-forward') {
      res.writeHead(rule.status, { 'content-type': 'text/plain' });
      res.end(`proxy: ${rule.status} after the server answered ${answer.status}`);
    } else {
      res.writeHead(answer.status, answer.headers);
      res.end(answer.body);
    }
  }

  function forward(
    req: IncomingMessage,
    body: Buffer,
  ): Promise<{ status: number; headers: Record<string, string | string[]>; body: Buffer }> {
    const headers: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined && name !== 'connection' && name !== 'keep-alive') {
        headers[name] = value;
      }
    }
    headers.host = target.host;
    const destination = req.headers.destination;
    if (typeof destination === 'string' && destination.startsWith(origin)) {
      headers.destination = upstream.replace(/\/$/, '') + destination.slice(origin.length);
    }
    return new Promise((resolve, reject) => {
      const out = httpRequest(
        { host: target.hostname, port: target.port, method: req.method, path: req.url, headers },
        (answer) => {
          readAll(answer).then((content) => {
            const kept: Record<string, string | string[]> = {};
            for (const [name, value] of Object.entries(answer.headers)) {
              if (value !== undefined && !['connection', 'keep-alive', 'transfer-encoding'].includes(name)) {
                kept[name] = value;
              }
            }
            const status = answer.statusCode ?? 502;
            // A HEAD answer keeps the server's length (the size of the resource); others get the body's.
            if (req.method !== 'HEAD' && status !== 204 && status !== 304) {
              kept['content-length'] = String(content.length);
            }
            resolve({ status, headers: kept, body: content });
          }, reject);
        },
      );
      out.on('error', reject);
      out.end(body);
    });
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    url: (path) => `${origin}${path}`,
    log,
    inFlight,
    setPolicy: (next) => {
      rules = next;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) {
          socket.destroy();
        }
        server.close(() => resolve());
      }),
  };
}

function readAll(stream: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}
