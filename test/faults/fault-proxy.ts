/**
 * A small HTTP proxy in front of a real WebDAV server (Apache, SabreDAV…) that breaks chosen requests
 * on purpose: it cuts the connection in the middle of a request body (a chunk upload) or of a response
 * body (a download), or answers a status itself (503, 507, 423) without reaching the server. Everything
 * else passes through untouched, CORS headers included, so browsers can use it cross-origin.
 *
 * Rules are plain data, so a browser test can arm them too: `POST <origin>/__proxy/arm` with a JSON
 * {@link FaultRule}, `POST /__proxy/upstream` with an origin, `POST /__proxy/reset` to clear rules and
 * counters; each answers the {@link ProxyStats} gathered until then.
 */
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** Which requests a rule catches, and what it does to them. */
export interface FaultRule {
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

/** What went through. */
export interface ProxyStats {
  /** Request body bytes forwarded to the server (cut requests count what got through). */
  readonly requestBytes: number;
  /** Of those, the bytes of PUT and PATCH bodies: file content, without PROPFIND bodies. */
  readonly writtenBytes: number;
  /** Response body bytes sent back to the client. */
  readonly responseBytes: number;
  /** Requests each rule caught, in arming order. */
  readonly caught: readonly number[];
  /** `METHOD path (range) → status` of every request, then `→ sent N response bytes` or `→ cut after…`. */
  readonly log: readonly string[];
}

/** A running proxy. */
export interface FaultProxy {
  readonly origin: string;
  /** The server behind it (changeable, e.g. by a browser test). */
  upstream: string;
  arm(rule: FaultRule): void;
  reset(): void;
  stats(): ProxyStats;
  close(): Promise<void>;
}

interface Armed {
  readonly rule: FaultRule;
  remaining: number;
  caught: number;
}

const CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, POST, OPTIONS',
  'access-control-allow-headers': 'Content-Type',
};

function matches(rule: FaultRule, request: IncomingMessage): boolean {
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

class Relay {
  upstream: string;
  readonly armed: Armed[] = [];
  requestBytes = 0;
  writtenBytes = 0;
  responseBytes = 0;
  readonly log: string[] = [];
  readonly sockets = new Set<Socket>();

  constructor(upstream: string) {
    this.upstream = upstream;
  }

  handle(request: IncomingMessage, response: ServerResponse): void {
    const ifRange =
      request.headers['if-range'] === undefined ? '' : `, if-range ${request.headers['if-range']}`;
    const range = request.headers.range === undefined ? '' : ` (${request.headers.range}${ifRange})`;
    const line = `${request.method} ${request.url}${range}`;
    if ((request.url ?? '').startsWith('/__proxy/')) {
      this.control(request, response);
      return;
    }
    const armed = this.armed.find((each) => each.remaining > 0 && matches(each.rule, request));
    if (armed !== undefined) {
      armed.remaining--;
      armed.caught++;
    }
    const rule = armed?.rule;
    if (rule?.fault === 'status') {
      this.log.push(`${line} → ${rule.status} (proxy)`);
      request.resume();
      request.on('end', () => {
        response.writeHead(rule.status ?? 503, { ...CORS, ...rule.headers, 'content-length': '0' });
        response.end();
      });
      return;
    }
    this.forward(request, response, line, rule);
  }

  forward(
    request: IncomingMessage,
    response: ServerResponse,
    line: string,
    rule: FaultRule | undefined,
  ): void {
    const target = new URL(request.url ?? '/', this.upstream);
    const headers = { ...request.headers, host: target.host };
    const upstream = httpRequest(target, { method: request.method, headers });
    // A reset (RST), as a dropped connection gives. A FIN while Node's fetch applies backpressure to
    // a body trips an uncatchable assertion in the undici Node 24 bundles (nodejs/undici#5360).
    const cut = () => {
      upstream.destroy();
      request.socket.resetAndDestroy();
    };
    upstream.on('error', () => request.socket.destroy());
    upstream.on('response', (answer) => this.answer(answer, response, line, rule, cut));
    const length = Number(request.headers['content-length'] ?? 0);
    const cutAfter = rule?.fault === 'reset-request' ? Math.floor(length * (rule.cutAt ?? 0.5)) : Infinity;
    let sent = 0;
    request.on('data', (chunk: Buffer) => {
      if (sent >= cutAfter) {
        return;
      }
      const room = cutAfter - sent;
      const part = chunk.byteLength > room ? chunk.subarray(0, room) : chunk;
      sent += part.byteLength;
      this.requestBytes += part.byteLength;
      if (request.method === 'PUT' || request.method === 'PATCH') {
        this.writtenBytes += part.byteLength;
      }
      // Backpressure both ways: what the proxy counts is what the other side took.
      if (!upstream.write(part)) {
        request.pause();
        upstream.once('drain', () => request.resume());
      }
      if (sent >= cutAfter) {
        this.log.push(`${line} → cut after ${sent} request bytes`);
        setTimeout(cut, 20);
      }
    });
    request.on('end', () => upstream.end());
  }

  answer(
    answer: IncomingMessage,
    response: ServerResponse,
    line: string,
    rule: FaultRule | undefined,
    cut: () => void,
  ): void {
    this.log.push(`${line} → ${answer.statusCode}`);
    response.writeHead(answer.statusCode ?? 502, answer.statusMessage, answer.headers);
    const length = Number(answer.headers['content-length'] ?? 0);
    const cutAfter = rule?.fault === 'reset-response' ? Math.floor(length * (rule.cutAt ?? 0.5)) : Infinity;
    let sent = 0;
    answer.on('data', (chunk: Buffer) => {
      if (sent >= cutAfter) {
        return;
      }
      const room = cutAfter - sent;
      const part = chunk.byteLength > room ? chunk.subarray(0, room) : chunk;
      sent += part.byteLength;
      this.responseBytes += part.byteLength;
      if (!response.write(part)) {
        answer.pause();
        response.once('drain', () => answer.resume());
      }
      if (sent >= cutAfter) {
        this.log.push(`${line} → cut after ${sent} response bytes`);
        answer.destroy();
        setTimeout(cut, 20);
      }
    });
    answer.on('end', () => {
      if (sent < cutAfter) {
        this.log.push(`${line} → sent ${sent} response bytes`);
      }
      response.end();
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
        this.arm(JSON.parse(text) as FaultRule);
      } else if (url.startsWith('/__proxy/reset')) {
        this.reset();
      } else if (url.startsWith('/__proxy/upstream')) {
        this.upstream = text;
      }
      // What went through until this call (a reset answers what it cleared).
      reply(200, before);
    });
  }

  arm(rule: FaultRule): void {
    this.armed.push({ rule, remaining: rule.times ?? 1, caught: 0 });
  }

  reset(): void {
    this.armed.length = 0;
    this.requestBytes = 0;
    this.writtenBytes = 0;
    this.responseBytes = 0;
    this.log.length = 0;
  }

  stats(): ProxyStats {
    return {
      requestBytes: this.requestBytes,
      writtenBytes: this.writtenBytes,
      responseBytes: this.responseBytes,
      caught: this.armed.map((each) => each.caught),
      log: [...this.log],
    };
  }
}

/** Starts a fault proxy on 127.0.0.1 in front of `upstream` (an origin, e.g. Apache's). */
export async function startFaultProxy(upstream: string): Promise<FaultProxy> {
  const proxy = new Relay(upstream);
  const server = createServer((request, response) => proxy.handle(request, response));
  server.on('connection', (socket) => {
    proxy.sockets.add(socket);
    socket.on('close', () => proxy.sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    get upstream() {
      return proxy.upstream;
    },
    set upstream(value: string) {
      proxy.upstream = value;
    },
    arm: (rule) => proxy.arm(rule),
    reset: () => proxy.reset(),
    stats: () => proxy.stats(),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of proxy.sockets) {
          socket.destroy();
        }
        server.close(() => resolve());
      }),
  };
}
