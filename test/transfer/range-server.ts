/**
 * A small in-memory WebDAV server as a fetch handler (see `observedClient`), for what no harness server
 * does on demand: ignoring `Content-Range` on PUT (RFC 9110 §14.4 allows a server to; a server that
 * does would overwrite the whole file with each chunk), or honouring it for some files only.
 * PUT (with `Content-Range` as `mode` says, `If-Match`, `If-None-Match: *`), GET, HEAD, PROPFIND Depth
 * 0 (and of the collection, for davkit's capability probe), OPTIONS, MOVE (`Overwrite`, a tagged `If` on
 * the destination's ETag), DELETE.
 */
import type { ObservedRequest } from '../helpers/clients.ts';

/** How PUT treats `Content-Range`. */
export type RangeMode =
  /** Writes the bytes at the range's offset (Apache). */
  | 'honour'
  /** Replaces the whole file with the body, answering a success (what davkit must detect). */
  | 'ignore'
  /** Honours ranges only on the probe's scratch files (a server that passes the check, then does not). */
  | 'honour-scratch-only';

export class RangeServer {
  readonly files = new Map<string, { bytes: Uint8Array<ArrayBuffer>; etag: string }>();
  readonly log: string[] = [];
  #etags = 0;

  readonly mode: RangeMode;

  constructor(mode: RangeMode) {
    this.mode = mode;
  }

  file(path: string): string | undefined {
    const found = this.files.get(`/root${path}`);
    return found === undefined ? undefined : new TextDecoder().decode(found.bytes);
  }

  seed(path: string, text: string): void {
    this.#store(`/root${path}`, new TextEncoder().encode(text));
  }

  handle = async (request: ObservedRequest): Promise<Response> => {
    const path = decodeURIComponent(new URL(request.url).pathname);
    const name = path.slice(path.lastIndexOf('/') + 1);
    this.log.push(
      `${request.method} ${name}${request.headers['content-range'] ? ` ${request.headers['content-range']}` : ''}`,
    );
    const file = this.files.get(path);
    switch (request.method) {
      case 'OPTIONS':
        return new Response(null, {
          headers: { dav: '1, 2', allow: 'OPTIONS, GET, HEAD, PUT, PROPFIND, MOVE, DELETE' },
        });
      case 'PUT':
        return (
          this.#refused(file, request.headers) ??
          this.#put(path, new TextEncoder().encode(request.body), request.headers['content-range'])
        );
      case 'GET':
        return file === undefined
          ? new Response(null, { status: 404 })
          : new Response(file.bytes, { headers: { etag: file.etag } });
      case 'HEAD':
        return new Response(null, { status: file === undefined ? 404 : 200 });
      case 'PROPFIND':
        if (path.endsWith('/')) {
          return this.#propfindCollection(path);
        }
        return file === undefined ? new Response(null, { status: 404 }) : this.#propfind(path, file);
      case 'MOVE':
        return this.#move(path, request.headers);
      case 'DELETE':
        this.files.delete(path);
        return new Response(null, { status: file === undefined ? 404 : 204 });
      default:
        return new Response(null, { status: 405 });
    }
  };

  #store(path: string, bytes: Uint8Array<ArrayBuffer>): void {
    this.files.set(path, { bytes, etag: `"e${++this.#etags}"` });
  }

  #put(path: string, body: Uint8Array<ArrayBuffer>, range: string | undefined): Response {
    const existed = this.files.has(path);
    const match = /^bytes (\d+)-\d+\/(\d+|\*)$/.exec(range ?? '');
    const honour =
      this.mode === 'honour' || (this.mode === 'honour-scratch-only' && path.includes('.davkit-probe-'));
    if (match === null || !honour) {
      this.#store(path, body);
    } else {
      const start = Number(match[1]);
      const old = this.files.get(path)?.bytes ?? new Uint8Array(0);
      const bytes = new Uint8Array(Math.max(old.byteLength, start + body.byteLength));
      bytes.set(old);
      bytes.set(body, start);
      this.#store(path, bytes);
    }
    return new Response(null, { status: existed ? 204 : 201 });
  }

  /** A conditional PUT whose condition fails (RFC 9110 §13.1.1, §13.1.2): 412. */
  #refused(file: { etag: string } | undefined, headers: Record<string, string>): Response | undefined {
    const ifMatch = headers['if-match'];
    const failed =
      (ifMatch !== undefined && file?.etag !== ifMatch) ||
      (headers['if-none-match'] === '*' && file !== undefined);
    return failed ? new Response(null, { status: 412 }) : undefined;
  }

  /** The collection itself (files are listed by Depth 0 requests only: the probe needs no members). */
  #propfindCollection(path: string): Response {
    const xml =
      `<?xml version="1.0"?><d:multistatus xmlns:d="DAV:"><d:response><d:href>${encodeURI(path)}</d:href>` +
      '<d:propstat><d:prop><d:resourcetype><d:collection/></d:resourcetype></d:prop>' +
      '<d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response></d:multistatus>';
    return new Response(xml, { status: 207, headers: { 'content-type': 'application/xml; charset=utf-8' } });
  }

  #propfind(path: string, file: { bytes: Uint8Array; etag: string }): Response {
    const xml =
      `<?xml version="1.0"?><d:multistatus xmlns:d="DAV:"><d:response><d:href>${encodeURI(path)}</d:href>` +
      `<d:propstat><d:prop><d:getcontentlength>${file.bytes.byteLength}</d:getcontentlength><d:getetag>${file.etag}</d:getetag><d:resourcetype/></d:prop>` +
      '<d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response></d:multistatus>';
    return new Response(xml, { status: 207, headers: { 'content-type': 'application/xml; charset=utf-8' } });
  }

  #move(path: string, headers: Record<string, string>): Response {
    const file = this.files.get(path);
    const target = decodeURIComponent(new URL(headers.destination ?? '').pathname);
    const existing = this.files.get(target);
    if (file === undefined) {
      return new Response(null, { status: 404 });
    }
    const etag = /\(\[(.+)\]\)$/.exec(headers.if ?? '')?.[1];
    if (
      (existing !== undefined && headers.overwrite === 'F') ||
      (etag !== undefined && existing?.etag !== etag)
    ) {
      return new Response(null, { status: 412 });
    }
    this.files.set(target, file);
    this.files.delete(path);
    return new Response(null, { status: existing === undefined ? 201 : 204 });
  }
}
