/**
 * A small HTTP proxy in front of a real WebDAV server (Apache, SabreDAV…): what real servers will not
 * do on demand, it does to chosen requests. Everything else streams through untouched (with
 * backpressure both ways, counting the bytes), so the real server decides.
 *
 * Two ways to choose, usable together:
 * - a policy: a function that sees each request (its index, method, path, headers) and returns a
 *   {@link FaultAction}: throttle with 429/503 + `Retry-After`, cut after the body arrived or after the
 *   write was applied, answer 504 after the write was applied, cut a body half-way;
 * - armed rules: plain data ({@link ArmedRule}: which requests, which fault, how many times), so a
 *   browser test can arm them over HTTP too: `POST <origin>/__proxy/arm` with a JSON rule,
 *   `POST /__proxy/upstream` with an origin, `POST /__proxy/reset` to clear rules and counters; each
 *   answers the {@link ProxyStats} gathered until then. An armed rule goes before the policy.
 *
 * ```ts
 * const proxy = await startFaultProxy(info.origin, (request) =>
 *   request.index === 3 ? { kind: 'answer', status: 429, headers: { 'retry-after': '1' } } : undefined,
 * );
 * proxy.arm({ method: 'PUT', fault: 'reset-request', cutAt: 0.5 });
 * const dav = createClient({ baseUrl: proxy.url(dir.path) });
 * ```
 */
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Writable } from 'node:stream';

/** A request as a policy sees it. */
export interface ProxiedRequest {
  /** 1 for the first request the proxy saw, and so on. */
  readonly index: number;
  readonly method: string;
  /** The path and query, as sent. */
  readonly path: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
}

/** What the proxy does to one request. */
export type FaultAction =
  /** Answer this without forwarding it (a throttle: 429/503 with `retry-after`). */
  | {
      readonly kind: 'answer';
      readonly status: number;
      readonly headers?: Readonly<Record<string, string>>;
      readonly body?: string;
    }
  /** Read the whole request body, then cut the connection: the server never sees it. */
  | { readonly kind: 'reset-after-body' }
  /** Forward it (the server applies it), then cut the connection instead of answering. */
  | { readonly kind: 'reset-after-forward' }
  /** Forward it (the server applies it), then answer `status` (a gateway's 504) instead. */
  | { readonly kind: 'answer-after-forward'; readonly status: number }
  /** Forward `cutAt` of the request body (by its Content-Length), then cut both connections. */
  | { readonly kind: 'cut-request'; readonly cutAt: number }
  /** Forward the request, send `cutAt` of the response body back, then cut. */
  | { readonly kind: 'cut-response'; readonly cutAt: number };

/** Decides per request; `undefined` forwards it untouched. */
export type FaultPolicy = (request: ProxiedRequest) => FaultAction | undefined;

/** A fault as plain data, armed for the requests it matches (a browser test arms it over HTTP). */
export interface ArmedRule {
  /** Only this method (default: any but OPTIONS, so preflights pass). */
  readonly method?: string;
  /** Only paths containing this. */
  readonly path?: string;
  /** Only requests with this header (lower-case name) containing the value (`''`: present at all). */
  readonly header?: readonly [name: string, contains: string];
  /**
   * `'reset-request'`: forward part of the request body (`cutAt` of it), then cut both connections;
   * `'reset-response'`: forward the request, send part of the response body (`cutAt`), then cut;
   * `'status'`: answer `status` (and `headers`) without asking the server.
   */
  readonly fault: 'reset-request' | 'reset-response' | 'status';
  /** For `'reset-*'`: the fraction of the body sent before the cut (default 0.5). */
  readonly cutAt?: number;
  readonly status?: number;
  readonly headers?: Readonly<Record<string, string>>;
  /** Requests caught (default 1). */
  readonly times?: number;
}

/** One request the proxy handled. */
export interface ProxyLogEntry extends ProxiedRequest {
  /** When it arrived (ms, `performance.now()`). */
  readonly at: number;
  /** The fault applied, if any. */
  readonly fault?: FaultAction['kind'];
  /** Whether the real server answered it. */
  readonly forwarded: boolean;
  /** The real server's status, when it answered. */
  readonly upstreamStatus?: number;
}

/** The bytes that went through, and what happened to each request. */
export interface ProxyStats {
  /** Request body bytes forwarded to the server (cut requests count what got through). */
  readonly requestBytes: number;
  /** Of those, the bytes of PUT and PATCH bodies: file content, without PROPFIND bodies. */
  readonly writtenBytes: number;
  /** Response body bytes sent back to the client. */
  readonly responseBytes: number;
  /** Requests each armed rule caught, in arming order. */
  readonly caught: readonly number[];
  /** `METHOD path (range) → status` of every request, then `→ sent N response bytes` or `→ cut after…`. */
  readonly log: readonly string[];
}

/** A running proxy. */
export interface FaultProxy {
  /** `http://127.0.0.1:port` */
  readonly origin: string;
  /** The server behind it (changeable, e.g. by a browser test). */
  upstream: string;
  /** The proxy URL of a server path (`/dav/x/` → `http://127.0.0.1:port/dav/x/`). */
  url(path: string): string;
  /** Every request so far, in arrival order (until `reset()`). */
  readonly log: readonly ProxyLogEntry[];
  /** Requests the proxy is handling now, and the most it handled at once. */
  readonly inFlight: { readonly now: number; readonly max: number };
  setPolicy(policy: FaultPolicy): void;
  arm(rule: ArmedRule): void;
  /** Clears the armed rules, the counters and the logs. */
  reset(): void;
  stats(): ProxyStats;
  close(): Promise<void>;
}

const CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, POST, OPTIONS',
  'access-control-allow-headers': 'Content-Type',
};

/** Hop-by-hop headers: about one connection, never forwarded. */
const HOP_BY_HOP = ['connection', 'keep-alive'];

interface Armed {
  readonly rule: ArmedRule;
  remaining: number;
  caught: number;
}

function matches(rule: ArmedRule, request: IncomingMessage): boolean {
  const method = request.method ?? 'GET';
  if (rule.method === undefined ? method === 'OPTIONS' : rule.method !== method) {
    return false;
  }
  if (rule.path !== undefined && !(request.url ?? '').includes(rule.path)) {
    return false;
  }
  if (rule.header !== undefined) {
    const value = request.headers[rule.header[0]];
    return typeof value === 'string' && value.includes(rule.header[1]);
  }
  return true;
}

function actionOf(rule: ArmedRule): FaultAction {
  switch (rule.fault) {
    case 'status':
      return { kind: 'answer', status: rule.status ?? 503, headers: { ...CORS, ...rule.headers }, body: '' };
    case 'reset-request':
      return { kind: 'cut-request', cutAt: rule.cutAt ?? 0.5 };
    case 'reset-response':
      return { kind: 'cut-response', cutAt: rule.cutAt ?? 0.5 };
  }
}

/** The byte at which a body of `length` is cut: never, unless `action` cuts this side. */
function cutPoint(
  action: FaultAction | undefined,
  side: FaultAction['kind'],
  length: string | undefined,
): number {
  return action?.kind === side && 'cutAt' in action
    ? Math.floor(Number(length ?? 0) * action.cutAt)
    : Infinity;
}

function drain(stream: IncomingMessage): Promise<void> {
  return new Promise((resolve) => {
    stream.on('end', resolve);
    stream.on('error', () => resolve());
    stream.resume();
  });
}

/** One request on its way: the two sides, what is done to it, its log line, and where its answer is noted. */
interface Exchange {
  readonly request: IncomingMessage;
  readonly response: ServerResponse;
  readonly action: FaultAction | undefined;
  /** `METHOD path (range)`, for the stats' log. */
  readonly line: string;
  /** Notes the server's status in the request's log entry. */
  readonly answered: (status: number) => void;
}

/**
 * Pipes a body through, up to `cutAfter` bytes, with backpressure both ways (what the proxy counts is
 * what the other side took): `part` for each piece passed on, `cut` once the cut point is reached,
 * `end` when the body ended.
 */
function relay(
  source: IncomingMessage,
  sink: Writable,
  cutAfter: number,
  events: { part(bytes: number): void; cut(sent: number): void; end(sent: number): void },
): void {
  let sent = 0;
  source.on('data', (chunk: Buffer) => {
    if (sent >= cutAfter) {
      return;
    }
    const part = chunk.byteLength > cutAfter - sent ? chunk.subarray(0, cutAfter - sent) : chunk;
    sent += part.byteLength;
    events.part(part.byteLength);
    if (!sink.write(part)) {
      source.pause();
      sink.once('drain', () => source.resume());
    }
    if (sent >= cutAfter) {
      events.cut(sent);
    }
  });
  source.on('end', () => events.end(sent));
}

class Relay {
  upstream: string;
  origin = '';
  policy: FaultPolicy = () => undefined;
  readonly armed: Armed[] = [];
  readonly entries: ProxyLogEntry[] = [];
  readonly lines: string[] = [];
  readonly inFlight = { now: 0, max: 0 };
  readonly sockets = new Set<Socket>();
  requestBytes = 0;
  writtenBytes = 0;
  responseBytes = 0;

  constructor(upstream: string) {
    this.upstream = upstream;
  }

  handle(request: IncomingMessage, response: ServerResponse): void {
    if ((request.url ?? '').startsWith('/__proxy/')) {
      this.control(request, response);
      return;
    }
    this.inFlight.now++;
    this.inFlight.max = Math.max(this.inFlight.max, this.inFlight.now);
    response.on('close', () => this.inFlight.now--);
    const seen: ProxiedRequest = {
      index: this.entries.length + 1,
      method: request.method ?? 'GET',
      path: request.url ?? '/',
      headers: request.headers,
    };
    const armed = this.armed.find((each) => each.remaining > 0 && matches(each.rule, request));
    if (armed !== undefined) {
      armed.remaining--;
      armed.caught++;
    }
    const action = armed === undefined ? this.policy(seen) : actionOf(armed.rule);
    const entry = { ...seen, at: performance.now(), ...(action === undefined ? {} : { fault: action.kind }) };
    const index = this.entries.push({ ...entry, forwarded: false }) - 1;
    const line = `${request.method} ${request.url}${rangeOf(request)}`;
    const answered = (status: number) => {
      this.entries[index] = { ...entry, forwarded: true, upstreamStatus: status };
    };
    this.apply({ request, response, action, line, answered });
  }

  apply(exchange: Exchange): void {
    const { request, response, action, line } = exchange;
    if (action?.kind === 'answer') {
      this.lines.push(`${line} → ${action.status} (proxy)`);
      drain(request).then(() => {
        const body = action.body ?? `proxy: ${action.status}`;
        response.writeHead(action.status, {
          'content-type': 'text/plain',
          ...action.headers,
          'content-length': String(Buffer.byteLength(body)),
        });
        response.end(body);
      });
      return;
    }
    if (action?.kind === 'reset-after-body') {
      this.lines.push(`${line} → cut after its body (proxy)`);
      drain(request).then(() => request.socket.destroy());
      return;
    }
    this.forward(exchange);
  }

  forward(exchange: Exchange): void {
    const { request, action, line, answered } = exchange;
    const target = new URL(request.url ?? '/', this.upstream);
    const upstream = httpRequest(target, {
      method: request.method,
      headers: this.headersFor(request, target),
    });
    // A reset (RST), as a dropped connection gives. A FIN while Node's fetch applies backpressure to
    // a body trips an uncatchable assertion in the undici Node 24 bundles (nodejs/undici#5360).
    const cut = () => {
      upstream.destroy();
      request.socket.resetAndDestroy();
    };
    upstream.on('error', () => request.socket.destroy());
    upstream.on('response', (answer) => {
      answered(answer.statusCode ?? 502);
      this.answer(exchange, answer, cut);
    });
    const written = request.method === 'PUT' || request.method === 'PATCH';
    relay(request, upstream, cutPoint(action, 'cut-request', request.headers['content-length']), {
      part: (bytes) => {
        this.requestBytes += bytes;
        this.writtenBytes += written ? bytes : 0;
      },
      cut: (sent) => {
        this.lines.push(`${line} → cut after ${sent} request bytes`);
        setTimeout(cut, 20);
      },
      end: () => upstream.end(),
    });
  }

  /** The request's headers for the server: its host, a Destination on the proxy turned into the server's. */
  headersFor(request: IncomingMessage, target: URL): Record<string, string | string[]> {
    const headers: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(request.headers)) {
      if (value !== undefined && !HOP_BY_HOP.includes(name)) {
        headers[name] = value;
      }
    }
    headers.host = target.host;
    const destination = request.headers.destination;
    if (typeof destination === 'string' && destination.startsWith(this.origin)) {
      headers.destination = this.upstream.replace(/\/$/, '') + destination.slice(this.origin.length);
    }
    return headers;
  }

  answer(exchange: Exchange, answer: IncomingMessage, cut: () => void): void {
    const { request, response, action, line } = exchange;
    const status = answer.statusCode ?? 502;
    if (action?.kind === 'reset-after-forward' || action?.kind === 'answer-after-forward') {
      // The server applied it; what it answered is thrown away.
      drain(answer).then(() => {
        if (action.kind === 'reset-after-forward') {
          this.lines.push(`${line} → ${status}, cut instead (proxy)`);
          request.socket.destroy();
          return;
        }
        this.lines.push(`${line} → ${status}, answered ${action.status} instead (proxy)`);
        const body = `proxy: ${action.status} after the server answered ${status}`;
        response.writeHead(action.status, {
          'content-type': 'text/plain',
          'content-length': String(body.length),
        });
        response.end(body);
      });
      return;
    }
    this.lines.push(`${line} → ${status}`);
    const headers = { ...answer.headers };
    for (const name of HOP_BY_HOP) {
      delete headers[name];
    }
    response.writeHead(status, answer.statusMessage, headers);
    const cutAfter = cutPoint(action, 'cut-response', answer.headers['content-length']);
    relay(answer, response, cutAfter, {
      part: (bytes) => {
        this.responseBytes += bytes;
      },
      cut: (sent) => {
        this.lines.push(`${line} → cut after ${sent} response bytes`);
        answer.destroy();
        setTimeout(cut, 20);
      },
      end: (sent) => {
        if (sent < cutAfter) {
          this.lines.push(`${line} → sent ${sent} response bytes`);
        }
        response.end();
      },
    });
  }

  control(request: IncomingMessage, response: ServerResponse): void {
    const reply = (status: number, body: unknown) => {
      response.writeHead(status, { ...CORS, 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    if (request.method === 'OPTIONS') {
      reply(204, null);
      return;
    }
    let text = '';
    request.on('data', (chunk: Buffer) => {
      text += chunk.toString('utf8');
    });
    request.on('end', () => {
      const url = request.url ?? '';
      const before = this.stats();
      if (url.startsWith('/__proxy/arm')) {
        this.arm(JSON.parse(text) as ArmedRule);
      } else if (url.startsWith('/__proxy/reset')) {
        this.reset();
      } else if (url.startsWith('/__proxy/upstream')) {
        this.upstream = text;
      }
      // What went through until this call (a reset answers what it cleared).
      reply(200, before);
    });
  }

  arm(rule: ArmedRule): void {
    this.armed.push({ rule, remaining: rule.times ?? 1, caught: 0 });
  }

  reset(): void {
    this.armed.length = 0;
    this.entries.length = 0;
    this.lines.length = 0;
    this.requestBytes = 0;
    this.writtenBytes = 0;
    this.responseBytes = 0;
  }

  stats(): ProxyStats {
    return {
      requestBytes: this.requestBytes,
      writtenBytes: this.writtenBytes,
      responseBytes: this.responseBytes,
      caught: this.armed.map((each) => each.caught),
      log: [...this.lines],
    };
  }
}

function rangeOf(request: IncomingMessage): string {
  const ifRange =
    request.headers['if-range'] === undefined ? '' : `, if-range ${request.headers['if-range']}`;
  return request.headers.range === undefined ? '' : ` (${request.headers.range}${ifRange})`;
}

/** Starts a fault proxy on 127.0.0.1 in front of `upstream` (an origin such as `http://127.0.0.1:8080`). */
export async function startFaultProxy(upstream: string, policy?: FaultPolicy): Promise<FaultProxy> {
  const relay = new Relay(upstream);
  if (policy !== undefined) {
    relay.policy = policy;
  }
  const server = createServer((request, response) => relay.handle(request, response));
  server.on('connection', (socket) => {
    relay.sockets.add(socket);
    socket.on('close', () => relay.sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  relay.origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin: relay.origin,
    get upstream() {
      return relay.upstream;
    },
    set upstream(value: string) {
      relay.upstream = value;
    },
    url: (path) => `${relay.origin}${path}`,
    log: relay.entries,
    inFlight: relay.inFlight,
    setPolicy: (next) => {
      relay.policy = next;
    },
    arm: (rule) => relay.arm(rule),
    reset: () => relay.reset(),
    stats: () => relay.stats(),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of relay.sockets) {
          socket.destroy();
        }
        server.close(() => resolve());
      }),
  };
}
