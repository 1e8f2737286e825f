import { parseClark } from '../../src/xml/names.ts';
import { parseXmlTree } from '../../src/xml/parse-tree.ts';
import type { ObservedRequest } from './clients.ts';

/**
 * A tiny in-memory WebDAV server as a fetch handler, for batch tests that need state (a parent that
 * exists or not, a lock) but not a real server's quirks: MKCOL, PUT, GET, DELETE, PROPFIND (Depth 0,
 * resourcetype and lockdiscovery), PROPPATCH (DAV: properties refused with 403 + 424), LOCK, UNLOCK.
 * Interop tests cover the real servers.
 */
export class MemoryDav {
  readonly collections = new Set<string>(['/root/']);
  readonly files = new Map<string, string>();
  /** path → lock token; a locked path refuses writes without its token in `If`. */
  readonly locks = new Map<string, string>();
  /** Requests seen, in order. */
  readonly log: string[] = [];
  private tokens = 0;

  handle = async (request: ObservedRequest): Promise<Response> => {
    const path = decodeURIComponent(new URL(request.url).pathname);
    this.log.push(`${request.method} ${path}`);
    const locked = this.lockedBy(path);
    const writes = ['PUT', 'MKCOL', 'DELETE', 'PROPPATCH', 'MOVE', 'COPY'];
    if (
      writes.includes(request.method) &&
      locked !== undefined &&
      !(request.headers.if ?? '').includes(locked)
    ) {
      return new Response(null, { status: 423 });
    }
    switch (request.method) {
      case 'MKCOL':
        return this.mkcol(path);
      case 'PUT':
        return this.put(path, request.body);
      case 'GET':
        return this.files.has(path)
          ? new Response(this.files.get(path))
          : new Response(null, { status: 404 });
      case 'DELETE':
        return this.remove(path);
      case 'PROPFIND':
        return this.propfind(path);
      case 'PROPPATCH':
        return this.proppatch(path, request.body);
      case 'LOCK':
        return this.lock(path);
      case 'UNLOCK':
        this.locks.delete(path.replace(/\/$/, ''));
        return new Response(null, { status: 204 });
      default:
        return new Response(null, { status: 405 });
    }
  };

  private exists(path: string): boolean {
    return this.collections.has(path.endsWith('/') ? path : `${path}/`) || this.files.has(path);
  }

  private parentExists(path: string): boolean {
    const trimmed = path.replace(/\/$/, '');
    return this.collections.has(trimmed.slice(0, trimmed.lastIndexOf('/') + 1));
  }

  private lockedBy(path: string): string | undefined {
    for (const [root, token] of this.locks) {
      if (path === root || path.startsWith(`${root}/`) || path.replace(/\/$/, '') === root) {
        return token;
      }
    }
    return undefined;
  }

  private mkcol(path: string): Response {
    if (this.exists(path)) {
      return new Response(null, { status: 405 });
    }
    if (!this.parentExists(path)) {
      return new Response(null, { status: 409 });
    }
    this.collections.add(path.endsWith('/') ? path : `${path}/`);
    return new Response(null, { status: 201 });
  }

  private put(path: string, body: string): Response {
    if (!this.parentExists(path)) {
      return new Response(null, { status: 409 });
    }
    const created = !this.files.has(path);
    this.files.set(path, body);
    return new Response(null, { status: created ? 201 : 204 });
  }

  private remove(path: string): Response {
    if (!this.exists(path)) {
      return new Response(null, { status: 404 });
    }
    const prefix = path.endsWith('/') ? path : `${path}/`;
    this.collections.delete(prefix);
    this.files.delete(path);
    for (const each of [...this.collections, ...this.files.keys()]) {
      if (each.startsWith(prefix)) {
        this.collections.delete(each);
        this.files.delete(each);
      }
    }
    return new Response(null, { status: 204 });
  }

  private propfind(path: string): Response {
    if (!this.exists(path)) {
      return new Response(null, { status: 404 });
    }
    const collection = this.collections.has(path.endsWith('/') ? path : `${path}/`);
    const token = this.lockedBy(path);
    const lock =
      token === undefined
        ? ''
        : `<D:activelock><D:lockscope><D:exclusive/></D:lockscope><D:locktype><D:write/></D:locktype><D:depth>infinity</D:depth><D:locktoken><D:href>${token}</D:href></D:locktoken></D:activelock>`;
    return xml(
      207,
      `<D:multistatus xmlns:D="DAV:"><D:response><D:href>${encodeURI(path)}</D:href><D:propstat><D:prop>` +
        `<D:resourcetype>${collection ? '<D:collection/>' : ''}</D:resourcetype><D:lockdiscovery>${lock}</D:lockdiscovery>` +
        '</D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response></D:multistatus>',
    );
  }

  private proppatch(path: string, body: string): Response {
    // The names as sent (namespace and local name), answered under the same names.
    const update = parseXmlTree(body);
    const names = update.children.flatMap((instruction) =>
      instruction.children.flatMap((prop) => prop.children.map((each) => parseClark(each.name))),
    );
    const refused = names.some((name) => name.namespace === 'DAV:');
    const stats = names
      .map((name, i) => {
        const element =
          name.namespace === ''
            ? `<${name.local}/>`
            : `<p${i}:${name.local} xmlns:p${i}="${name.namespace}"/>`;
        const code =
          name.namespace === 'DAV:' ? '403 Forbidden' : refused ? '424 Failed Dependency' : '200 OK';
        return `<D:propstat><D:prop>${element}</D:prop><D:status>HTTP/1.1 ${code}</D:status></D:propstat>`;
      })
      .join('');
    return xml(
      207,
      `<D:multistatus xmlns:D="DAV:"><D:response><D:href>${encodeURI(path)}</D:href>${stats}</D:response></D:multistatus>`,
    );
  }

  private lock(path: string): Response {
    const root = path.replace(/\/$/, '');
    if (this.locks.has(root)) {
      return new Response(null, { status: 423 });
    }
    const token = `opaquelocktoken:mem-${++this.tokens}`;
    this.locks.set(root, token);
    return xml(
      200,
      `<D:prop xmlns:D="DAV:"><D:lockdiscovery><D:activelock><D:lockscope><D:exclusive/></D:lockscope><D:locktype><D:write/></D:locktype><D:depth>infinity</D:depth><D:timeout>Second-600</D:timeout><D:locktoken><D:href>${token}</D:href></D:locktoken><D:lockroot><D:href>${encodeURI(path)}</D:href></D:lockroot></D:activelock></D:lockdiscovery></D:prop>`,
      { 'lock-token': `<${token}>` },
    );
  }
}

function xml(status: number, body: string, headers: Record<string, string> = {}): Response {
  return new Response(`<?xml version="1.0" encoding="utf-8"?>\n${body}`, {
    status,
    headers: { 'content-type': 'application/xml; charset=utf-8', ...headers },
  });
}
